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

/**
 * Each node's card data, built once per analysis (a new document makes a new analysis): a click that
 * only changes the selection reuses them, so the memoized cards of the other nodes do not re-render.
 */
const cardData = new WeakMap<GraphAnalysis, Map<string, LayerNodeData>>();

function cardsOf(doc: GraphDocument, analysis: GraphAnalysis): Map<string, LayerNodeData> {
  const cached = cardData.get(analysis);
  if (cached) return cached;
  const problemsOf = new Map<string, Problem[]>();
  for (const p of analysis.problems) if (p.nodeId !== undefined) problemsOf.set(p.nodeId, [...(problemsOf.get(p.nodeId) ?? []), p]);
  const flow = flowOf(doc);
  const cards = new Map(doc.nodes.map((node) => {
    const problems = problemsOf.get(node.id) ?? [];
    const info = analysis.infoOf.get(node.id);
    return [node.id, {
      node,
      ...(info ? { info } : {}),
      errors: problems.filter((p) => p.severity === 'error'),
      warnings: problems.filter((p) => p.severity === 'warning'),
      flow,
    }];
  }));
  cardData.set(analysis, cards);
  return cards;
}

export function toFlow(doc: GraphDocument, analysis: GraphAnalysis, selection: readonly string[]): { nodes: LayerFlowNode[]; edges: Edge[] } {
  const selected = new Set(selection);
  const order = new Map(analysis.topology.order.map((id, i) => [id, i]));
  const cards = cardsOf(doc, analysis);
  const nodes: LayerFlowNode[] = doc.nodes.map((node, i) => ({
    id: node.id,
    type: 'layer',
    position: doc.view?.positions?.[node.id] ?? { x: 0, y: (order.get(node.id) ?? i) * NODE_SPACING },
    selected: selected.has(node.id),
    data: cards.get(node.id) as LayerNodeData,
  }));
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
