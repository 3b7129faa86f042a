/**
 * The docked layout is the user's, not the document's: kept in this
 * browser's (or the desktop app's page's) localStorage, under a version tag.
 * A stored layout that cannot be read is reported to the caller, which shows
 * the default layout and a notice.
 */
import type { SerializedDockview } from 'dockview-react';

const KEY = 'convstudio.layout';
const VERSION = 1;

export type StoredLayout = { layout: SerializedDockview } | { problem: string } | undefined;

export function loadLayout(): StoredLayout {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  try {
    const stored = JSON.parse(text) as { version?: unknown; layout?: unknown };
    if (stored?.version !== VERSION || typeof stored.layout !== 'object' || stored.layout === null) return { problem: 'it is not a layout this version of ConvStudio wrote' };
    return { layout: stored.layout as SerializedDockview };
  } catch (error) {
    return { problem: `it is not valid JSON (${(error as Error).message})` };
  }
}

export function saveLayout(layout: SerializedDockview): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ version: VERSION, layout }));
  } catch {
    // Storage full or disabled: the layout is a convenience, the default comes back next time.
  }
}

export function clearLayout(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
