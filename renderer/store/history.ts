/**
 * Undo and redo over whole documents. Documents are immutable values, so a
 * history entry is just the document before the change. A run of changes
 * that share a group key (a drag, typing in one field) is one step.
 */
export interface History<T> {
  past: T[];
  future: T[];
  /** The group of the last recorded change, to merge the next one into it. */
  openGroup?: string | undefined;
}

export const HISTORY_LIMIT = 500;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records that `before` was replaced; a change in the same group as the last one merges into it. */
export function record<T>(history: History<T>, before: T, group?: string): History<T> {
  if (group !== undefined && group === history.openGroup) return { ...history, future: [] };
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], ...(group !== undefined ? { openGroup: group } : {}) };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; value: T } | undefined {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return undefined;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, value: previous };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; value: T } | undefined {
  const [next, ...rest] = history.future;
  if (next === undefined) return undefined;
  return { history: { past: [...history.past, current], future: rest }, value: next };
}
