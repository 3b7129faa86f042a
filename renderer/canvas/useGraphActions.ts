/**
 * The canvas's actions on the document: add a node (where it was dropped, or
 * after the selected one and wired to it), cut/copy/paste/duplicate/delete,
 * automatic layout for the canvas's shape, zoom and fit. Each change is one
 * undo step through the document store. Bound into the command registry
 * while the canvas is mounted.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import type { NodeType } from '../../engine';
import type { GraphActions } from '../commands/handlers';
import { NODE_SPACING } from '../graph/adapter';
import { addNode, connect, copyElements, deleteElements, pasteFragment, type Fragment, type Point } from '../graph/edits';
import { autoLayout } from '../graph/layout';
import type { DocumentStore } from '../store/documentStore';

/** Fit leaves a small margin and never blows two boxes up to fill a projector. */
export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1.4 };
/**
 * A graph bigger than any lecture's (hundreds of nodes) is not shrunk to a grey carpet at fit: it
 * is shown at a zoom where its cards can still be read, to pan from (and drawing hundreds of cards
 * at once would make every drag slow).
 */
const BIG_GRAPH_NODES = 60;
const BIG_GRAPH_MIN_ZOOM = 0.7;

export function useGraphActions(store: DocumentStore, canvasSize: () => { width: number; height: number }, measured: () => Record<string, { width: number; height: number }>): GraphActions {
  const flow = useReactFlow();
  const clipboard = useRef<{ fragment: Fragment; pastes: number } | undefined>(undefined);

  const add = useCallback((type: NodeType, at?: Point) => {
    const { document, selection } = store.getState();
    const anchor = selection.find((id) => document.nodes.some((n) => n.id === id));
    const anchorAt = anchor ? document.view?.positions?.[anchor] : undefined;
    const position = at ?? (anchorAt ? { x: anchorAt.x, y: anchorAt.y + NODE_SPACING } : flow.screenToFlowPosition({ x: 400, y: 200 }));
    const added = addNode(document, type, position);
    const linked = anchor && !at ? connect(added.doc, anchor, added.id) : undefined;
    store.update(() => (linked?.ok ? linked.doc : added.doc));
    store.select([added.id]);
  }, [store, flow]);

  return useMemo(() => {
    const selected = () => copyElements(store.getState().document, store.getState().selection);
    const pasteCopy = (fragment: Fragment, shift: number) => {
      const pasted = pasteFragment(store.getState().document, fragment, { x: 40 * shift, y: 40 * shift });
      store.update(() => pasted.doc);
      store.select(pasted.ids);
    };
    const fit = () => void flow.fitView({ ...FIT_OPTIONS, ...(store.getState().document.nodes.length > BIG_GRAPH_NODES ? { minZoom: BIG_GRAPH_MIN_ZOOM } : {}) });
    return {
      add,
      copy() {
        const fragment = selected();
        if (fragment) clipboard.current = { fragment, pastes: 0 };
        return fragment !== undefined;
      },
      paste() {
        const held = clipboard.current;
        if (held) pasteCopy(held.fragment, ++held.pastes);
      },
      // Duplicates the selection without touching the clipboard.
      duplicate() {
        const fragment = selected();
        if (fragment) pasteCopy(fragment, 1);
      },
      deleteSelection() {
        const { selection } = store.getState();
        if (selection.length === 0) return;
        store.update((doc) => deleteElements(doc, selection.filter((id) => !id.includes('->')), selection.filter((id) => id.includes('->'))));
      },
      laidOut: (doc) => autoLayout(doc, measured(), canvasSize()),
      arrange() {
        store.update((doc) => autoLayout(doc, measured(), canvasSize()));
        window.requestAnimationFrame(fit);
      },
      fit,
      zoomIn: () => void flow.zoomIn(),
      zoomOut: () => void flow.zoomOut(),
    };
  }, [store, flow, add, canvasSize, measured]);
}
