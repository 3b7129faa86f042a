/** Auto-layout: a layered drawing from input to output (dagre), written into the document's view positions. */
import dagre from '@dagrejs/dagre';
import type { GraphDocument } from '../../engine';
import { moveNodes, type Point } from './edits';

export const NODE_SIZE = { width: 200, height: 60 };

export function autoLayout(doc: GraphDocument, sizes: Record<string, { width: number; height: number }> = {}): GraphDocument {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 50, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { ...(sizes[node.id] ?? NODE_SIZE) });
  for (const edge of doc.edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const moves: Record<string, Point> = {};
  for (const node of doc.nodes) {
    const placed = graph.node(node.id);
    const size = sizes[node.id] ?? NODE_SIZE;
    // dagre gives centres; React Flow positions are top-left corners.
    if (placed) moves[node.id] = { x: placed.x - size.width / 2, y: placed.y - size.height / 2 };
  }
  return moveNodes(doc, moves);
}
