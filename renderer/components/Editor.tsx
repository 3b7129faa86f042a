/**
 * The editor: palette, canvas, inspector and status bar over one document
 * store. Every change to the document goes through the store (one undo step
 * each; a drag is one step); selection and viewport are not recorded.
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeSelectionChange,
  type NodeChange,
  type NodeSelectionChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NodeType } from '../../engine';
import { addNode, connect, copyElements, deleteElements, moveNodes, pasteFragment, setParams, type Fragment, type Point } from '../graph/edits';
import { autoLayout } from '../graph/layout';
import { NODE_SPACING, toFlow } from '../graph/adapter';
import type { MenuCommand, PlatformBridge, RecoveryOffer } from '../platform/bridge';
import { usePersistence } from '../platform/usePersistence';
import type { DocumentStore } from '../store/documentStore';
import { useEditor } from '../store/useEditor';
import { TEMPLATES } from '../templates';
import { Inspector } from './Inspector';
import { LayerNode } from './LayerNode';
import { ShortcutsSheet } from './Shortcuts';
import { typingInField } from './useAppCommands';
import { HelpSheet } from './HelpSheet';
import { RecoveryBanner } from './RecoveryBanner';
import { DRAG_TYPE, Palette } from './Palette';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useAppCommands } from './useAppCommands';
import type { TrainingClient } from '../training/trainingClient';
import { TrainingPanel } from '../training/TrainingPanel';
import { ActivationView } from '../training/ActivationView';
import { DrawPad } from '../training/DrawPad';

const nodeTypes = { layer: LayerNode };

/** `recoveryOffer`: what an earlier session left unsaved, asked for once at start-up (asking takes it away). */
export function Editor({ store, bridge, training, recoveryOffer }: { store: DocumentStore; bridge: PlatformBridge; training: TrainingClient; recoveryOffer: Promise<RecoveryOffer> }) {
  const state = useEditor(store);
  // Only whether a run is going: the editor (and the canvas under it) must not re-render on every metrics update.
  const trainingRunning = useSyncExternalStore(training.subscribe, () => training.getState().state === 'running');
  const flow = useReactFlow();
  const [dragging, setDragging] = useState<Record<string, Point>>({});
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const canvasRef = useRef<HTMLDivElement>(null);
  const pointerFocus = useRef(false);

  const { nodes, edges } = useMemo(() => {
    const view = toFlow(state.document, state.analysis, state.selection);
    return {
      edges: view.edges,
      nodes: view.nodes.map((n) => ({ ...n, position: dragging[n.id] ?? n.position, ...(measured[n.id] ? { measured: measured[n.id] } : {}) })),
    };
  }, [state.document, state.analysis, state.selection, dragging, measured]);

  /** Clicks and box selections arrive as 'select' changes; the store keeps the selection. */
  const applySelection = useCallback(
    (changes: (NodeChange | EdgeChange)[]) => {
      const picks = changes.filter((c): c is NodeSelectionChange | EdgeSelectionChange => c.type === 'select');
      if (picks.length === 0) return;
      const selection = new Set(store.getState().selection);
      for (const c of picks) {
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
      store.select([...selection]);
    },
    [store],
  );

  // A drag is shown live and recorded once, when it ends; a move with the arrow keys is recorded at once.
  const dragMoves = useRef<Record<string, Point>>({});
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const keyMoves: Record<string, Point> = {};
      const sizes: Record<string, { width: number; height: number }> = {};
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
      if (Object.keys(sizes).length > 0) setMeasured((m) => ({ ...m, ...sizes }));
      applySelection(changes);
    },
    [applySelection, store],
  );
  const onNodeDragStop = useCallback(() => {
    const moves = dragMoves.current;
    dragMoves.current = {};
    if (Object.keys(moves).length > 0) store.update((doc) => moveNodes(doc, moves));
    setDragging({});
  }, [store]);

  const onConnect = useCallback(
    (c: Connection) => {
      const result = connect(store.getState().document, c.source, c.target);
      if (result.ok) store.update(() => result.doc);
      else store.notify({ kind: 'error', text: `Not connected: ${result.reason}` });
    },
    [store],
  );

  /** Adds a node: where it was dropped, or below the selected node and connected to it. */
  const add = useCallback(
    (type: NodeType, at?: Point) => {
      const { document, selection } = store.getState();
      const anchor = selection.find((id) => document.nodes.some((n) => n.id === id));
      const anchorAt = anchor ? document.view?.positions?.[anchor] : undefined;
      const position = at ?? (anchorAt ? { x: anchorAt.x, y: anchorAt.y + NODE_SPACING } : flow.screenToFlowPosition({ x: 400, y: 200 }));
      const added = addNode(document, type, position);
      const linked = anchor && !at ? connect(added.doc, anchor, added.id) : undefined;
      store.update(() => (linked?.ok ? linked.doc : added.doc));
      store.select([added.id]);
    },
    [store, flow],
  );

  const deleteSelection = useCallback(() => {
    const { selection } = store.getState();
    if (selection.length === 0) return;
    store.update((doc) => deleteElements(doc, selection.filter((id) => !id.includes('->')), selection.filter((id) => id.includes('->'))));
  }, [store]);

  const clipboard = useRef<{ fragment: Fragment; pastes: number } | undefined>(undefined);
  const selectedFragment = useCallback(() => copyElements(store.getState().document, store.getState().selection), [store]);
  const copy = useCallback(() => {
    const fragment = selectedFragment();
    if (fragment) clipboard.current = { fragment, pastes: 0 };
    return fragment !== undefined;
  }, [selectedFragment]);
  const pasteCopy = useCallback(
    (fragment: Fragment, shift: number) => {
      const pasted = pasteFragment(store.getState().document, fragment, { x: 40 * shift, y: 40 * shift });
      store.update(() => pasted.doc);
      store.select(pasted.ids);
    },
    [store],
  );
  const paste = useCallback(() => {
    const held = clipboard.current;
    if (held) pasteCopy(held.fragment, ++held.pastes);
  }, [pasteCopy]);
  /** Duplicates the selection without touching the clipboard. */
  const duplicate = useCallback(() => {
    const fragment = selectedFragment();
    if (fragment) pasteCopy(fragment, 1);
  }, [selectedFragment, pasteCopy]);
  const arrange = useCallback(() => {
    store.update((doc) => autoLayout(doc, measured));
    window.requestAnimationFrame(() => flow.fitView({ padding: 0.2 }));
  }, [store, measured, flow]);
  const [sheet, setSheet] = useState<'shortcuts' | 'concepts' | 'about' | undefined>();
  const sheetOpen = sheet !== undefined;
  const [sidebar, setSidebar] = useState(true);

  const { recovery, answerRecovery } = usePersistence(store, bridge, recoveryOffer);

  /** Every command of the menus and the toolbar; the keyboard shortcuts below call the same actions. */
  const toggleSidebar = useCallback(() => setSidebar((shown) => !shown), []);
  const runCommand = useAppCommands(store, bridge, { copy, paste, deleteSelection, arrange, showSheet: setSheet, toggleSidebar });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = typingInField(event.target);
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const act = (action: () => void) => {
        event.preventDefault();
        action();
      };
      const command = (name: MenuCommand) => act(() => runCommand({ command: name }));
      // Open and save work from anywhere, even while typing in a field.
      if (mod && key === 's') return command(event.shiftKey ? 'save-as' : 'save');
      if (mod && key === 'o') return command('open');
      if (typing) return;
      // While the shortcuts sheet is open, keys act on it alone.
      if (sheetOpen) return key === 'escape' ? act(() => setSheet(undefined)) : undefined;
      const hasNodes = store.getState().selection.some((id) => store.getState().document.nodes.some((n) => n.id === id));
      if (mod && key === 'z') command(event.shiftKey ? 'redo' : 'undo');
      else if (mod && key === 'y') command('redo');
      else if (mod && key === 'c' && hasNodes) command('copy');
      else if (mod && key === 'x' && hasNodes) command('cut');
      else if (mod && key === 'v') command('paste');
      else if (mod && key === 'd' && hasNodes) act(duplicate);
      else if (mod && event.shiftKey && key === 'l') command('arrange');
      else if (mod && key === 'a') command('select-all');
      else if (!mod && (key === 'delete' || key === 'backspace')) command('delete');
      else if (!mod && key === 'escape') act(() => store.select([]));
      else if (!mod && key === 'f') command('fit');
      else if (!mod && event.key === '?') command('help-shortcuts');
      else if (!mod && event.key === '/') act(() => document.querySelector<HTMLInputElement>('[data-testid="quick-add"]')?.focus());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, runCommand, duplicate, sheetOpen]);

  // The window title names the file and marks unsaved changes (the desktop shell also sets its own).
  const dirty = store.isDirty();
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${state.fileName} — ConvStudio`;
  }, [dirty, state.fileName]);

  const selectedNode = state.document.nodes.find((n) => n.id === state.selection[0]);
  return (
    <div className={sidebar ? 'editor' : 'editor editor--no-sidebar'}>
      <Toolbar
        store={store}
        templates={TEMPLATES}
        onAddType={(type) => add(type)}
        onFit={() => flow.fitView({ padding: 0.2 })}
        onArrange={arrange}
        onShortcuts={() => setSheet('shortcuts')}
        onCommand={runCommand}
      />
      {recovery && <RecoveryBanner offer={recovery} onRestore={() => answerRecovery(true)} onDiscard={() => answerRecovery(false)} />}
      {sheet === 'shortcuts' && <ShortcutsSheet onClose={() => setSheet(undefined)} />}
      {(sheet === 'concepts' || sheet === 'about') && <HelpSheet topic={sheet} appInfo={bridge.appInfo} onClose={() => setSheet(undefined)} />}
      {state.notice && (
        <div className={`notice notice--${state.notice.kind}`} role={state.notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>{state.notice.text}</span>
          {state.notice.details && (
            <ul>{state.notice.details.slice(0, 8).map((p, i) => <li key={i}>{p.line !== undefined ? `line ${p.line}: ` : ''}{p.nodeId ? `${p.nodeId}: ` : ''}{p.message}</li>)}</ul>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => store.notify(undefined)}>×</button>
        </div>
      )}
      <div className="editor__body">
        <Palette onAdd={(type) => add(type)} />
        <div
          className="canvas"
          ref={canvasRef}
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
            add(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
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
            nodesDraggable={!state.locked}
            nodesConnectable={!state.locked}
            snapToGrid
            snapGrid={[10, 10]}
            fitView
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </div>
        <div className="sidebar">
          <Inspector
            node={selectedNode}
            info={selectedNode ? state.analysis.infoOf.get(selectedNode.id) : undefined}
            problems={state.analysis.problems.filter((p) => p.nodeId !== undefined && p.nodeId === selectedNode?.id)}
            onParams={(id, params) => store.update((doc) => setParams(doc, id, params), `params:${id}`)}
          />
          <TrainingPanel client={training} document={state.document} />
          <ActivationView client={training} nodeId={selectedNode?.id} running={trainingRunning} />
          <DrawPad
            client={training}
            outputId={state.analysis.topology.outputId}
            inputShape={state.analysis.infoOf.get(state.analysis.topology.inputId ?? '')?.outputShape ?? []}
          />
        </div>
      </div>
      <StatusBar analysis={state.analysis} dirty={store.isDirty()} fileName={state.fileName} locked={state.locked} onSelect={(id) => store.select([id])} />
    </div>
  );
}
