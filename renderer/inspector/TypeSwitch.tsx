/**
 * The node's type, as a choice where it can change in place (activations
 * among themselves, convolutions among themselves: same id, edges and
 * position; see graph/switchType.ts), as plain text otherwise. Each switch is
 * one undo step.
 */
import type { GraphNode, NodeType } from '../../engine';
import { switchableTypes, switchNodeType } from '../graph/switchType';
import type { DocumentStore } from '../store/documentStore';

const HINTS: Partial<Record<NodeType, string>> = {
  relu: 'max(0, x)',
  leakyRelu: 'x, or α·x below zero',
  sigmoid: '1 / (1 + e^−x), between 0 and 1',
  tanh: 'between −1 and 1',
  conv2d: 'one kernel per filter, shared by every position',
  tiledConv2d: 'kernel sets that repeat through space',
  locallyConnected2d: 'one kernel per output position, nothing shared',
};

export function TypeSwitch({ store, node, disabled }: { store: DocumentStore; node: GraphNode; disabled?: boolean }) {
  const types = switchableTypes(node.type);
  if (types.length === 0) return <span className="inspect__type">{node.type}</span>;
  const id = `type-${node.id}`;
  return (
    <div className="inspect__type-switch">
      <label htmlFor={id}>type</label>
      <select
        id={id}
        data-testid={id}
        aria-label={`${node.id} type`}
        value={node.type}
        disabled={disabled}
        onChange={(e) => {
          const type = e.target.value as NodeType;
          store.update((doc) => (doc.nodes.some((n) => n.id === node.id) ? switchNodeType(doc, node.id, type) : doc));
        }}
      >
        {types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      {HINTS[node.type] && <p className="inspect__hint">{HINTS[node.type]}</p>}
    </div>
  );
}
