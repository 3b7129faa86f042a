/**
 * Keeps the platform told about the open document: its title and dirty state
 * (so closing can ask first), and an autosave of the unsaved text a few
 * seconds after each change, cleared once the document is saved or clean.
 * Autosave waits while a recovery offer is pending, or it would overwrite the
 * very work the offer is about.
 */
import type { DocumentStore } from '../store/documentStore';
import type { PlatformBridge } from './bridge';
import { documentText } from './documentActions';

export const AUTOSAVE_DELAY_MS = 2000;

export function connectPersistence(store: DocumentStore, bridge: PlatformBridge, options: { paused: boolean }): { resume(): void; dispose(): void } {
  let paused = options.paused;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastReported = '';
  // Said once when autosave starts failing, and once when it works again; not after every edit.
  let failing = false;
  const autosaveNow = () => {
    timer = undefined;
    const { fileName, fileHandle } = store.getState();
    if (paused || !store.isDirty()) return;
    const problem = bridge.autosave({ fileName, text: documentText(store.getState().document), handle: fileHandle });
    if (problem && !failing) store.notify({ kind: 'error', text: problem });
    else if (!problem && failing) store.notify({ kind: 'info', text: 'Autosave works again: unsaved changes are kept if the page closes.' });
    failing = Boolean(problem);
  };
  const onChange = () => {
    const dirty = store.isDirty();
    const { fileName } = store.getState();
    const report = `${fileName}\n${dirty}`;
    if (report !== lastReported) {
      lastReported = report;
      bridge.documentState({ fileName, dirty });
      if (!dirty && !paused) bridge.clearAutosave();
    }
    if (dirty && !paused && timer === undefined) timer = setTimeout(autosaveNow, AUTOSAVE_DELAY_MS);
  };
  const unsubscribe = store.subscribe(onChange);
  onChange();
  return {
    resume() {
      paused = false;
      lastReported = '';
      onChange();
    },
    dispose() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
