/**
 * The canvas view: React Flow drawing the document (through the one-way
 * adapter in graph/adapter.ts), with nodes dropped from the palette, wired by
 * dragging, moved (a drag is one undo step), selected by click, box or Tab.
 * Each newly opened document is fitted to the view.
 */
import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, useStore, type Connection, type EdgeChange, type EdgeSelectionChange, type NodeChange, type NodeSelectionChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NodeType } from '../../engine';
import type { CommandContext } from '../commands/handlers';
import { LayerNode } from '../components/LayerNode';
import { DRAG_TYPE } from '../components/Palette';
import { toFlow } from '../graph/adapter';
import { connect, moveNodes, type Point } from '../graph/edits';
import type { DocumentStore } from '../store/documentStore';
import { useEditor } from '../store/useEditor';
import type { UiStore } from '../workspace/uiStore';
import { useGraphActions } from './useGraphActions';

const nodeTypes = { layer: LayerNode };
const FAR_ZOOM = 0.35;
const PRESENT_SETTLE_MS = 250;
/** Small enough to leave a laptop's canvas to the graph. */
const MINIMAP_SIZE = { width: 150, height: 96 };
type Sizes = Record<string, { width: number; height: number }>;

export function GraphCanvas({ store, ui, bound }: { store: DocumentStore; ui: UiStore; bound: CommandContext['bound'] }) {
  const flow = useReactFlow();
  const state = useEditor(store);
  const present = useSyncExternalStore(ui.subscribe, () => ui.getState().present);
  const [dragging, setDragging] = useState<Record<string, Point>>({});
  const [measured, setMeasured] = useState<Sizes>({});
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const host = useRef<HTMLDivElement>(null);
  const pointerFocus = useRef(false);
  const canvasSize = useCallback(() => ({ width: host.current?.clientWidth || 900, height: host.current?.clientHeight || 600 }), []);
  const actions = useGraphActions(store, canvasSize, useCallback(() => measuredRef.current, []));

  useEffect(() => {
    bound.graph = actions;
    return () => {
      if (bound.graph === actions) bound.graph = undefined;
    };
  }, [bound, actions]);
  // A new document (opened, a template, New) is fitted once, when its nodes are measured; so is the
  // canvas entering or leaving Present mode. An empty one is not: its first node must land where dropped.
  const initialized = useNodesInitialized();
  // Zoomed far out (a big graph at fit) the cards' small print cannot be read and costs every frame
  // to paint; the cards then show their names only.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const fitted = useRef({ opened: 0, present: false });
  const fit = useRef(actions.fit);
  fit.current = actions.fit;
  useEffect(() => {
    const last = fitted.current;
    if (last.opened === state.opened && last.present === present) return;
    // (React Flow would keep a fit asked for on an empty canvas until the first node arrives.)
    if (state.document.nodes.length === 0) fitted.current = { opened: state.opened, present };
    if (!initialized || state.document.nodes.length === 0) return;
    fitted.current = { opened: state.opened, present };
    // Entering or leaving Present mode resizes the docks and the cards: fit once they have settled.
    const wait = last.opened === state.opened ? PRESENT_SETTLE_MS : 0;
    window.setTimeout(() => window.requestAnimationFrame(() => fit.current()), wait);
  }, [initialized, state.opened, present, state.document.nodes.length]);

  // The document's view, rebuilt when the document changes; a drag replaces only the dragged nodes'
  // objects, so React Flow (and the memoized cards) leave the other 299 of a 300-node graph alone.
  const view = useMemo(() => toFlow(state.document, state.analysis, state.selection), [state.document, state.analysis, state.selection]);
  const edges = view.edges;
  const sized = useMemo(() => view.nodes.map((n) => (measured[n.id] ? { ...n, measured: measured[n.id] } : n)), [view, measured]);
  const nodes = useMemo(() => sized.map((n) => {
    const at = dragging[n.id];
    return at ? { ...n, position: at } : n;
  }), [sized, dragging]);

  /** Clicks and box selections arrive as 'select' changes; the store keeps the selection. */
  const applySelection = useCallback((changes: (NodeChange | EdgeChange)[]) => {
    const picks = changes.filter((c): c is NodeSelectionChange | EdgeSelectionChange => c.type === 'select');
    if (picks.length === 0) return;
    const selection = new Set(store.getState().selection);
    for (const c of picks) {
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
    }
    store.select([...selection]);
  }, [store]);

  // A drag is shown live and recorded once, when it ends; a move with the arrow keys is recorded at once.
  const dragMoves = useRef<Record<string, Point>>({});
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const keyMoves: Record<string, Point> = {};
    const sizes: Sizes = {};
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        // React Flow reports both a drag's last step and an arrow-key move with dragging false.
        if (change.dragging || change.id in dragMoves.current) dragMoves.current = { ...dragMoves.current, [change.id]: change.position };
        else keyMoves[change.id] = change.position;
      }
      if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
    }
    if (Object.keys(dragMoves.current).length > 0) setDragging(dragMoves.current);
    if (Object.keys(keyMoves).length > 0) store.update((doc) => moveNodes(doc, keyMoves), 'keyboard-move');
    // Only real size changes: every node object is rebuilt when `measured` changes.
    setMeasured((m) => {
      const changed = Object.entries(sizes).filter(([id, size]) => m[id]?.width !== size.width || m[id]?.height !== size.height);
      return changed.length === 0 ? m : { ...m, ...Object.fromEntries(changed) };
    });
    applySelection(changes);
  }, [applySelection, store]);
  const onNodeDragStop = useCallback(() => {
    const moves = dragMoves.current;
    dragMoves.current = {};
    if (Object.keys(moves).length > 0) store.update((doc) => moveNodes(doc, moves));
    setDragging({});
  }, [store]);

  const onConnect = useCallback((c: Connection) => {
    const result = connect(store.getState().document, c.source, c.target);
    if (result.ok) store.update(() => result.doc);
    else store.notify({ kind: 'error', text: `Not connected: ${result.reason}` });
  }, [store]);

  return (
    <div
      className={far ? 'canvas canvas--far' : 'canvas'}
      ref={host}
      data-testid="canvas"
      onPointerDownCapture={() => {
        pointerFocus.current = true;
        window.setTimeout(() => (pointerFocus.current = false), 0);
      }}
      onFocus={(event) => {
        // Tabbing onto a node selects it, so the keyboard alone can edit; a click selects by itself
        // (and a focus that follows a pointer press must not undo a Ctrl+click multi-selection).
        if (pointerFocus.current) return;
        const id = (event.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        if (id && !store.getState().selection.includes(id)) store.select([id]);
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={(event) => {
        const type = event.dataTransfer.getData(DRAG_TYPE) as NodeType;
        if (!type) return;
        event.preventDefault();
        actions.add(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onEdgesChange={applySelection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        nodesDraggable={!state.locked}
        nodesConnectable={!state.locked}
        snapToGrid
        snapGrid={[10, 10]}
        minZoom={0.1}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        {!present && <Controls />}
        {!present && <MiniMap pannable zoomable ariaLabel="Overview of the graph" style={MINIMAP_SIZE} />}
      </ReactFlow>
    </div>
  );
}
