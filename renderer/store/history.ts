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

/**
 * What an entry holds that may be large, as (part, bytes) pairs: a part shared by several entries (a
 * weight tensor no change touched) counts once. The history keeps at most HISTORY_BYTES of them.
 */
export type LargeParts<T> = (value: T) => Iterable<readonly [part: object, bytes: number]>;

/** Past this, the oldest steps go: a class's hundredth training run must not keep a hundred networks' weights. */
export const HISTORY_BYTES = 32 * 2 ** 20;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records that `before` was replaced; a change in the same group as the last one merges into it. */
export function record<T>(history: History<T>, before: T, group?: string, largeParts?: LargeParts<T>): History<T> {
  if (group !== undefined && group === history.openGroup) return { ...history, future: [] };
  const kept = [...history.past, before].slice(-HISTORY_LIMIT);
  // Most steps (a move, a renamed node) hold the same weights as the one before: the history's total
  // is then unchanged, and walking all 500 steps on every edit would be work on the UI thread for nothing.
  const past = largeParts && addsParts(before, history.past.at(-1), largeParts) ? newestWithin(kept, largeParts, HISTORY_BYTES) : kept;
  return { past, future: [], ...(group !== undefined ? { openGroup: group } : {}) };
}

/** Whether `entry` holds a large part that `previous` does not. */
function addsParts<T>(entry: T, previous: T | undefined, largeParts: LargeParts<T>): boolean {
  if (previous === undefined) return true;
  const held = new Set<object>();
  for (const [part] of largeParts(previous)) held.add(part);
  for (const [part] of largeParts(entry)) if (!held.has(part)) return true;
  return false;
}

/** The newest entries whose distinct large parts fit in `limit` bytes (the newest always stays). */
function newestWithin<T>(past: T[], largeParts: LargeParts<T>, limit: number): T[] {
  const seen = new Set<object>();
  let total = 0;
  for (let i = past.length - 1; i >= 0; i--) {
    for (const [part, bytes] of largeParts(past[i]!)) {
      if (seen.has(part)) continue;
      seen.add(part);
      total += bytes;
    }
    if (total > limit && i < past.length - 1) return past.slice(i + 1);
  }
  return past;
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
