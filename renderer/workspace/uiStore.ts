/**
 * What the workspace shows around the document: Present mode, which sheet or
 * dialog is open (shortcuts, the lecture's concepts, About, the command
 * palette, the welcome view). Not part of the document and not recorded for
 * undo; a tiny store so commands, keys and components share one truth.
 */
import type { LessonId } from '../../engine/lessons/lessons';

export type Sheet = 'shortcuts' | 'concepts' | 'about' | 'palette' | 'welcome';

export interface UiState {
  present: boolean;
  sheet?: Sheet | undefined;
  /** The last request to open a lesson on given option values (a new object each time, so a repeat applies again). */
  lesson?: { id: LessonId; values: Record<string, string> } | undefined;
}

export class UiStore {
  private state: UiState = { present: false };
  private readonly listeners = new Set<() => void>();

  getState = (): UiState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(change: Partial<UiState>): void {
    this.state = { ...this.state, ...change };
    document.documentElement.dataset['present'] = String(this.state.present);
    for (const listener of this.listeners) listener();
  }

  openSheet(sheet: Sheet | undefined): void {
    this.set({ sheet });
  }
}
