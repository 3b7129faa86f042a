/**
 * A node on the canvas: its name and type, output shape, parameters and
 * multiplies+adds, and (while or after training) a strip of what it outputs
 * for the probe image; red with errors, amber with warnings. Ports sit on the
 * sides in a left-to-right drawing, above and below in a top-to-bottom one.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeShape } from '../../engine';
import { NodeActivationStrip } from '../activations/NodeActivationStrip';
import type { LayerFlowNode } from '../graph/adapter';

// One formatter for every card: toLocaleString builds a new one per call, which a 300-node graph feels.
const FORMAT = new Intl.NumberFormat('en-US');
const number = (n: number) => FORMAT.format(n);

/** Memoized: a card re-renders only when its own node, analysis or selection changes, not when another is dragged. */
export const LayerNode = memo(function LayerNode({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, errors, warnings, flow } = data;
  const state = errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'ok';
  const messages = [...errors, ...warnings].map((p) => p.message).join('\n');
  const [into, out] = flow === 'horizontal' ? [Position.Left, Position.Right] : [Position.Top, Position.Bottom];
  return (
    <div className={`layer-node layer-node--${state}${selected ? ' layer-node--selected' : ''}`} title={messages || undefined} data-testid={`node-${node.id}`} data-state={state}>
      {node.type !== 'input' && <Handle type="target" position={into} />}
      <div className="layer-node__title">
        <span className="layer-node__id">{node.label ?? node.id}</span>
        <span className="layer-node__type">{node.type}</span>
      </div>
      {info ? (
        <div className="layer-node__stats">
          <span data-testid={`shape-${node.id}`}>{describeShape(info.outputShape)}</span>
          <span>{number(info.params)} params</span>
          <span>{number(info.flops)} ops</span>
        </div>
      ) : (
        errors.length === 0 && <div className="layer-node__stats">not connected</div>
      )}
      {errors.length > 0 && <div className="layer-node__message">{errors[0]?.message}</div>}
      <NodeActivationStrip nodeId={node.id} nodeType={node.type} />
      {node.type !== 'softmax' && <Handle type="source" position={out} />}
    </div>
  );
});
