/** Binds the document store to React. */
import { useSyncExternalStore } from 'react';
import type { DocumentStore, EditorState } from './documentStore';

export function useEditor(store: DocumentStore): EditorState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
