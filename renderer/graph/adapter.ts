/**
 * The one adapter from the graph document to React Flow: nodes and edges are
 * a view of the document and its analysis, rebuilt from them, never edited
 * in place. Positions live in the document's `view`; nodes without one are
 * stacked in graph order.
 */
import type { Edge, Node } from '@xyflow/react';
import { describeShape, type GraphAnalysis, type GraphDocument, type GraphNode, type LayerInfo, type Problem } from '../../engine';
import { edgeId } from '../store/documentStore';
import { flowOf, type Flow } from './layout';

export interface LayerNodeData extends Record<string, unknown> {
  node: GraphNode;
  info?: LayerInfo;
  errors: Problem[];
  warnings: Problem[];
  /** Which way the drawing reads: ports on the sides of the card (left to right) or above and below. */
  flow: Flow;
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export const NODE_SPACING = 110;

export function toFlow(doc: GraphDocument, analysis: GraphAnalysis, selection: readonly string[]): { nodes: LayerFlowNode[]; edges: Edge[] } {
  const selected = new Set(selection);
  const order = new Map(analysis.topology.order.map((id, i) => [id, i]));
  const flow = flowOf(doc);
  const nodes: LayerFlowNode[] = doc.nodes.map((node, i) => {
    const problems = analysis.problems.filter((p) => p.nodeId === node.id);
    const info = analysis.infoOf.get(node.id);
    return {
      id: node.id,
      type: 'layer',
      position: doc.view?.positions?.[node.id] ?? { x: 0, y: (order.get(node.id) ?? i) * NODE_SPACING },
      selected: selected.has(node.id),
      data: {
        node,
        ...(info ? { info } : {}),
        errors: problems.filter((p) => p.severity === 'error'),
        warnings: problems.filter((p) => p.severity === 'warning'),
        flow,
      },
    };
  });
  const edges: Edge[] = doc.edges.map((edge) => {
    const shape = analysis.infoOf.get(edge.from)?.outputShape;
    const id = edgeId(edge);
    return {
      id,
      source: edge.from,
      target: edge.to,
      selected: selected.has(id),
      ...(shape ? { label: describeShape(shape) } : {}),
      data: { port: edge.port },
    };
  });
  return { nodes, edges };
}
