/**
 * The inspector: the selected node's type, its parameters as fields that fit
 * their values, the output-size arithmetic with the student's own numbers,
 * the weights the document stores for it, and its problems. Reads the store
 * and writes every change through it (one undo step each).
 */
import { fieldStats } from '../../engine/lessons/receptiveField';
import { explanationsFor, type Explanation } from '../lessons/explain';
import type { EditorState, DocumentStore } from '../store/documentStore';
import { useEditor } from '../store/useEditor';
import { NodeFields } from './NodeFields';
import { Arithmetic, ProblemList } from './Notes';
import { TypeSwitch } from './TypeSwitch';
import { unpinnedProblems } from './values';
import { WeightGrid } from './WeightGrid';
import './inspector.css';

export function Inspector({ store, onExplain }: { store: DocumentStore; onExplain?: (explanation: Explanation) => void }) {
  return <InspectorView store={store} state={useEditor(store)} {...(onExplain ? { onExplain } : {})} />;
}

/** The inspector for a given state (what Inspector renders; tests render it without a DOM). */
export function InspectorView({ store, state, onExplain }: { store: DocumentStore; state: EditorState; onExplain?: (explanation: Explanation) => void }) {
  const { document: doc, analysis } = state;
  const node = state.selection.map((id) => doc.nodes.find((n) => n.id === id)).find((n) => n !== undefined);
  if (!node) {
    return (
      <aside className="inspect" aria-label="Inspector" data-testid="node-inspector">
        <p className="inspect__hint">Select a node to see and edit its parameters.</p>
      </aside>
    );
  }
  const info = analysis.infoOf.get(node.id);
  const problems = analysis.problems.filter((p) => p.nodeId === node.id);
  const tensors = doc.weights?.[node.id];
  const trainable = (node.params as { trainable?: boolean } | undefined)?.trainable ?? true;
  return (
    <aside className="inspect" aria-label="Inspector" data-testid="node-inspector">
      <header className="inspect__header">
        <h2>
          {node.id}
          {node.label && <span className="inspect__label"> {node.label}</span>}
        </h2>
        <TypeSwitch store={store} node={node} disabled={state.locked !== undefined} />
      </header>
      {state.locked && <p className="inspect__hint" role="status">Editing is paused: {state.locked}.</p>}
      {/* A disabled fieldset disables every field in it while a run uses the graph. */}
      <fieldset className="inspect__body" disabled={state.locked !== undefined}>
        <NodeFields key={node.id} store={store} node={node} info={info} problems={problems} />
        {info?.window && <Arithmetic plan={info.window} />}
        {info?.window && <ReceptiveField state={state} nodeId={node.id} />}
        {tensors && <WeightGrid key={`weights-${node.id}`} store={store} nodeId={node.id} tensors={tensors} problems={problems} trainable={trainable} />}
      </fieldset>
      {onExplain && (
        <div className="inspect__explain">
          {explanationsFor(node, analysis.infoOf.get(doc.edges.find((e) => e.to === node.id)?.from ?? '')?.outputShape, tensors?.['weight']).map((e) => (
            <button key={e.lesson} type="button" data-testid={`explain-${e.lesson}`} onClick={() => onExplain(e)}>{e.label}</button>
          ))}
        </div>
      )}
      <ProblemList problems={unpinnedProblems(problems, Object.keys(tensors ?? {}))} />
    </aside>
  );
}

/** The formula's receptive field of a windowed node, from the input: size, jump (effective stride) and start per axis. */
function ReceptiveField({ state, nodeId }: { state: EditorState; nodeId: string }) {
  const stats = fieldStats(state.document, state.analysis).get(nodeId);
  if (!stats) return null;
  const { rows, cols } = stats;
  return (
    <p className="inspect__hint" data-testid="inspector-field">
      Receptive field: {rows.size}×{cols.size} input pixels, jump {rows.jump}×{cols.jump}, starting at ({rows.start}, {cols.start})
      {rows.start < 0 || cols.start < 0 ? ' (in the zero padding)' : ''}.
    </p>
  );
}
