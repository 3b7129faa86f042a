/**
 * Automatic layout, sized for the window it will be seen in. The layers of
 * the graph (ranks from dagre: the input first, the output last) are laid in
 * rows read left to right, or in columns read top to bottom, wrapping after
 * as many ranks as make the drawing's shape closest to the canvas's: a
 * 13-layer LeNet-5 in a wide window becomes four rows of four, so at "fit"
 * its cards are large enough to read from the back of a classroom, where one
 * long column would shrink them to a few pixels.
 */
import dagre from '@dagrejs/dagre';
import type { GraphDocument } from '../../engine';
import { moveNodes, type Point } from './edits';

export const NODE_SIZE = { width: 200, height: 96 };
/** Room between cards: along a line for the edge's shape label, across lines for the edges that wrap. */
const GAP = { along: 160, across: 70 };

type Size = { width: number; height: number };
export type Flow = 'horizontal' | 'vertical';

/** The graph's layers in order, each a list of node ids (dagre's ranking and ordering within a rank). */
function layers(doc: GraphDocument, sizes: Record<string, Size>): string[][] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 50 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { ...(sizes[node.id] ?? NODE_SIZE) });
  for (const edge of doc.edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const byRank = new Map<number, { id: string; x: number }[]>();
  for (const node of doc.nodes) {
    const placed = graph.node(node.id);
    const rank = Math.round(placed?.y ?? 0);
    byRank.set(rank, [...(byRank.get(rank) ?? []), { id: node.id, x: placed?.x ?? 0 }]);
  }
  return [...byRank.entries()].sort(([a], [b]) => a - b).map(([, nodes]) => nodes.sort((a, b) => a.x - b.x).map((n) => n.id));
}

interface Plan {
  flow: Flow;
  perLine: number;
  zoom: number;
}

/** How large the drawing would be at fit for each way of wrapping it, and the largest. */
function bestPlan(ranks: string[][], size: (id: string) => Size, canvas: Size): Plan {
  const slot = { width: Math.max(...ranks.flat().map((id) => size(id).width)), height: Math.max(...ranks.flat().map((id) => size(id).height)) };
  const widest = Math.max(...ranks.map((r) => r.length));
  let best: Plan = { flow: 'vertical', perLine: ranks.length, zoom: 0 };
  for (const flow of ['horizontal', 'vertical'] as const) {
    for (let perLine = 1; perLine <= ranks.length; perLine++) {
      const lines = Math.ceil(ranks.length / perLine);
      // Along a line: one slot per rank; across: a rank's nodes side by side, then a gap to the next line.
      const along = perLine * ((flow === 'horizontal' ? slot.width : slot.height) + GAP.along);
      const across = lines * (widest * ((flow === 'horizontal' ? slot.height : slot.width) + GAP.across));
      const [width, height] = flow === 'horizontal' ? [along, across] : [across, along];
      const zoom = Math.min(canvas.width / width, canvas.height / height);
      if (zoom > best.zoom + 1e-9) best = { flow, perLine, zoom };
    }
  }
  return best;
}

/** Positions for every node, wrapped to fit `canvas` (screen pixels of the canvas it will be shown in). */
export function autoLayout(doc: GraphDocument, sizes: Record<string, Size> = {}, canvas: Size = { width: 900, height: 600 }): GraphDocument {
  if (doc.nodes.length === 0) return doc;
  const size = (id: string) => sizes[id] ?? NODE_SIZE;
  const ranks = layers(doc, sizes);
  const { flow, perLine } = bestPlan(ranks, size, canvas);
  const slot = { width: Math.max(...doc.nodes.map((n) => size(n.id).width)), height: Math.max(...doc.nodes.map((n) => size(n.id).height)) };
  const widest = Math.max(...ranks.map((r) => r.length));
  const moves: Record<string, Point> = {};
  ranks.forEach((rank, r) => {
    const line = Math.floor(r / perLine);
    const place = r % perLine;
    rank.forEach((id, k) => {
      const along = place * ((flow === 'horizontal' ? slot.width : slot.height) + GAP.along);
      const across = (line * widest + k) * ((flow === 'horizontal' ? slot.height : slot.width) + GAP.across);
      moves[id] = flow === 'horizontal' ? { x: along, y: across } : { x: across, y: along };
    });
  });
  return moveNodes(doc, moves);
}

/**
 * Which way the drawing reads, from where its nodes are: most edges running
 * sideways is a left-to-right drawing (ports on the sides of the cards),
 * else top to bottom (ports above and below).
 */
export function flowOf(doc: GraphDocument): Flow {
  const at = doc.view?.positions ?? {};
  let sideways = 0;
  for (const edge of doc.edges) {
    const a = at[edge.from];
    const b = at[edge.to];
    if (a && b && Math.abs(b.x - a.x) > Math.abs(b.y - a.y)) sideways++;
  }
  return sideways * 2 > doc.edges.length ? 'horizontal' : 'vertical';
}
