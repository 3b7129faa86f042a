/**
 * The one store of the editor: the open graph document (the single source of
 * truth), its analysis (shapes, costs, problems), undo history, selection and
 * file state. React Flow's nodes and edges are derived from it by the adapter
 * and never stored. Plain TypeScript with a subscribe/getState pair, so it is
 * tested without a DOM and bound to React with useSyncExternalStore.
 */
import { analyzeGraph, atNeededVersion, loadDocumentText, type GraphAnalysis, type GraphDocument, type Problem } from '../../engine';
import { edgeId, pruneStaleWeights } from '../graph/edits';
import { emptyHistory, record, redo, undo, type History, type LargeParts } from './history';

export interface EditorState {
  document: GraphDocument;
  analysis: GraphAnalysis;
  history: History<GraphDocument>;
  selection: string[];
  fileName: string;
  /** The desktop shell's token for the file behind the document (Save writes there); none in the browser or for a new graph. */
  fileHandle?: string | undefined;
  /** The document as last saved or opened (undefined: never saved, as a restored autosave); dirty when the current one differs. */
  savedDocument: GraphDocument | undefined;
  /** Why the document cannot be edited right now (a training run), if it cannot. */
  locked?: string | undefined;
  /** Counts documents opened or started afresh (open, a template, New), so the canvas fits each new one to the view. */
  opened: number;
  /** A message for the user, where they are looking (refused connection, failed open). */
  notice?: { kind: 'error' | 'info'; text: string; details?: Problem[] };
}

export type Listener = () => void;

export interface DocumentStore {
  getState(): EditorState;
  subscribe(listener: Listener): () => void;
  /** Replaces the document with `change(document)`; one undo step, or merged into the last one with the same group. */
  update(change: (doc: GraphDocument) => GraphDocument, group?: string, force?: boolean): void;
  undo(): void;
  redo(): void;
  select(ids: string[]): void;
  notify(notice: EditorState['notice'] | undefined): void;
  /**
   * Opens document text; a document with errors is refused and the open one kept. Returns whether it opened.
   * `unsaved` opens it with unsaved changes (a recovered autosave, which is not what the file holds).
   */
  open(text: string, fileName: string, options?: { handle?: string | undefined; unsaved?: boolean }): boolean;
  /** Starts over from a document (a template), with a fresh history. */
  reset(document: GraphDocument, fileName: string): void;
  /** `document`: what was written, which edits made during the save are not. */
  markSaved(fileName: string, document: GraphDocument, handle?: string): void;
  /**
   * While set, the document cannot change (a training run uses it); every
   * attempt says why instead. `force` lets the run itself write its result.
   */
  lock(reason: string | undefined): void;
  isDirty(): boolean;
}

export function createDocumentStore(first: GraphDocument, fileName = 'untitled.json'): DocumentStore {
  const initial = atNeededVersion(first);
  let state: EditorState = {
    document: initial,
    analysis: analyzeGraph(initial),
    history: emptyHistory(),
    selection: [],
    fileName,
    savedDocument: initial,
    opened: 1,
  };
  const listeners = new Set<Listener>();
  const set = (next: Partial<EditorState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };
  /** Every document the store holds goes through here: it is kept at the version its nodes need (what saving writes). */
  const withDocument = (given: GraphDocument, analysis = analyzeGraph(given)) => {
    const document = atNeededVersion(given);
    return {
      document,
      analysis,
      selection: state.selection.filter((id) => document.nodes.some((n) => n.id === id) || document.edges.some((e) => edgeId(e) === id)),
    };
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change, group, force = false) {
      if (state.locked && !force) {
        set({ notice: { kind: 'error', text: `Not changed: ${state.locked}` } });
        return;
      }
      const next = change(state.document);
      if (next === state.document) return;
      // Analysed once (it decodes and checks every stored weight), again only when stale weights were dropped.
      const analysis = analyzeGraph(next);
      const pruned = pruneStaleWeights(next, analysis.problems);
      set({ ...withDocument(pruned, pruned === next ? analysis : undefined), history: record(state.history, state.document, group, storedTensors), notice: undefined });
    },
    lock: (reason) => set({ locked: reason }),
    undo() {
      if (state.locked) return set({ notice: { kind: 'error', text: `Not changed: ${state.locked}` } });
      const step = undo(state.history, state.document);
      if (step) set({ ...withDocument(step.value), history: step.history });
    },
    redo() {
      if (state.locked) return set({ notice: { kind: 'error', text: `Not changed: ${state.locked}` } });
      const step = redo(state.history, state.document);
      if (step) set({ ...withDocument(step.value), history: step.history });
    },
    // Choosing something else ends a run of merged edits (typing in one field).
    select: (ids) => set({ selection: ids, history: { ...state.history, openGroup: undefined } }),
    notify: (notice) => set({ notice }),
    open(text, name, options = {}) {
      if (state.locked) {
        set({ notice: { kind: 'error', text: `${name} was not opened: ${state.locked}` } });
        return false;
      }
      // A graph with wiring or shape problems still opens (it may be work in
      // progress; its problems show on the canvas). Only a file that is not a
      // readable graph document is refused.
      const result = loadDocumentText(text);
      const document = result.document;
      if (!document) {
        const errors = result.problems.filter((p) => p.severity === 'error');
        set({ notice: { kind: 'error', text: `${name} was not opened: ${errors.length} problem${errors.length === 1 ? '' : 's'}. Your graph is unchanged.`, details: errors } });
        return false;
      }
      set({
        ...withDocument(document),
        history: emptyHistory(),
        selection: [],
        fileName: name,
        fileHandle: options.handle,
        savedDocument: options.unsaved ? undefined : document,
        opened: state.opened + 1,
        notice: { kind: 'info', text: options.unsaved ? `Restored unsaved changes to ${name}` : `Opened ${name}` },
      });
      return true;
    },
    reset(document, name) {
      if (state.locked) return set({ notice: { kind: 'error', text: `Not changed: ${state.locked}` } });
      const held = withDocument(document);
      set({ ...held, history: emptyHistory(), selection: [], fileName: name, fileHandle: undefined, savedDocument: held.document, opened: state.opened + 1, notice: undefined });
    },
    markSaved: (name, document, handle) => set({ fileName: name, savedDocument: document, fileHandle: handle }),
    isDirty: () => state.document !== state.savedDocument,
  };
}

export { edgeId } from '../graph/edits';

/** A document's stored tensors and their sizes in memory (a base64 string's characters, one byte each in V8; an array's numbers, eight). */
const storedTensors: LargeParts<GraphDocument> = function* (doc) {
  for (const tensors of Object.values(doc.weights ?? {})) {
    for (const tensor of Object.values(tensors)) yield [tensor, typeof tensor.data === 'string' ? tensor.data.length : tensor.data.length * 8];
  }
};
