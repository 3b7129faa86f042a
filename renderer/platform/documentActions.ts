/**
 * Opening and saving the editor's document through the platform bridge, and
 * the question before unsaved work is replaced: the one place the toolbar,
 * the menus, the keyboard and a file dropped on the window go through.
 */
import { atNeededVersion, type GraphDocument } from '../../engine';
import type { DocumentStore } from '../store/documentStore';
import type { PlatformBridge } from './bridge';

/** A document as it is saved (and autosaved): at the version its nodes need, indented JSON and a final newline. */
export function documentText(document: GraphDocument): string {
  return `${JSON.stringify(atNeededVersion(document), null, 2)}\n`;
}

/** Asks before replacing a document with unsaved changes. */
export function confirmDiscard(store: DocumentStore): boolean {
  return !store.isDirty() || window.confirm('The open graph has unsaved changes. Discard them?');
}

export async function openWithBridge(store: DocumentStore, bridge: PlatformBridge): Promise<void> {
  if (!confirmDiscard(store)) return;
  try {
    const file = await bridge.openDocument();
    if (file) store.open(file.text, file.name, { handle: file.handle });
  } catch (error) {
    store.notify({ kind: 'error', text: `Not opened: ${(error as Error).message} Your graph is unchanged.` });
  }
}

/** Saves (or, with `as`, asks for a new name first); returns whether the document is now saved. */
export async function saveWithBridge(store: DocumentStore, bridge: PlatformBridge, as = false): Promise<boolean> {
  const { document, fileName, fileHandle } = store.getState();
  const text = documentText(document);
  try {
    const saved = as ? await bridge.saveDocumentAs(fileName, text) : await bridge.saveDocument(fileName, text, fileHandle);
    if (!saved) return false;
    store.markSaved(saved.name, document, saved.handle);
    return true;
  } catch (error) {
    store.notify({ kind: 'error', text: `Not saved: ${(error as Error).message}` });
    return false;
  }
}
