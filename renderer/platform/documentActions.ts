/**
 * Opening and saving the editor's document through the platform bridge, and
 * the question before unsaved work is replaced: the one place the toolbar,
 * the menus, the keyboard and a file dropped on the window go through.
 */
import { atNeededVersion, type GraphDocument } from '../../engine';
import { documentTooLargeMessage, MAX_APP_DOCUMENT_BYTES } from '../../app/shared/desktopApi';
import type { DocumentStore } from '../store/documentStore';
import type { OpenedFile, PlatformBridge } from './bridge';

/** A document as it is saved (and autosaved): at the version its nodes need, indented JSON and a final newline. */
export function documentText(document: GraphDocument): string {
  return `${JSON.stringify(atNeededVersion(document), null, 2)}\n`;
}

/** Asks before replacing a document with unsaved changes. */
export function confirmDiscard(store: DocumentStore): boolean {
  return !store.isDirty() || window.confirm('The open graph has unsaved changes. Discard them?');
}

/** A file the page was handed (the browser's picker, a drop), refused unread when it is over the app's size limit. */
export async function readHandedFile(file: File): Promise<OpenedFile> {
  if (file.size > MAX_APP_DOCUMENT_BYTES) throw new Error(documentTooLargeMessage(file.name, file.size));
  return { name: file.name, text: await file.text() };
}

/** A file dropped on the window: no handle, so Save asks where (the page never learns a path). */
export async function openDroppedFile(store: DocumentStore, file: File): Promise<void> {
  if (!confirmDiscard(store)) return;
  try {
    const opened = await readHandedFile(file);
    store.open(opened.text, opened.name);
  } catch (error) {
    store.notify({ kind: 'error', text: `Not opened: ${(error as Error).message} Your graph is unchanged.` });
  }
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
