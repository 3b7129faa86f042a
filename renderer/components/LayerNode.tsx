/** A node on the canvas: its name and type, output shape, parameters and multiplies+adds; red with errors, amber with warnings. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { describeShape } from '../../engine';
import type { LayerFlowNode } from '../graph/adapter';

const number = (n: number) => n.toLocaleString('en-US');

export function LayerNode({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, errors, warnings } = data;
  const state = errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'ok';
  const messages = [...errors, ...warnings].map((p) => p.message).join('\n');
  return (
    <div className={`layer-node layer-node--${state}${selected ? ' layer-node--selected' : ''}`} title={messages || undefined} data-testid={`node-${node.id}`} data-state={state}>
      {node.type !== 'input' && <Handle type="target" position={Position.Top} aria-label={`input of ${node.id}`} />}
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
        <div className="layer-node__stats">{errors[0]?.message ?? 'not connected'}</div>
      )}
      {errors.length > 0 && <div className="layer-node__message">{errors[0]?.message}</div>}
      {node.type !== 'softmax' && <Handle type="source" position={Position.Bottom} aria-label={`output of ${node.id}`} />}
    </div>
  );
}
