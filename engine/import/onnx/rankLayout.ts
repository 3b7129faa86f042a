/**
 * Positions for an imported graph: each node in the column of its longest
 * path from the input, stacked within it. The editor lays a document out
 * again for its window when it opens one (renderer/graph/layout.ts); this
 * keeps a document written by the command line readable on its own.
 */
import type { GraphDocument } from '../../graph/schema';

const COLUMN = 260;
const ROW = 140;

export function rankLayout(doc: Pick<GraphDocument, 'nodes' | 'edges'>): Record<string, { x: number; y: number }> {
  const rank = new Map<string, number>();
  // Nodes arrive in ONNX order, which is topological: every input comes before its reader.
  const inputsOf = new Map<string, string[]>();
  for (const e of doc.edges) inputsOf.set(e.to, [...(inputsOf.get(e.to) ?? []), e.from]);
  for (const node of doc.nodes) {
    const from = (inputsOf.get(node.id) ?? []).map((id) => rank.get(id) ?? 0);
    rank.set(node.id, from.length === 0 ? 0 : Math.max(...from) + 1);
  }
  const perColumn = new Map<number, number>();
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of doc.nodes) {
    const column = rank.get(node.id) ?? 0;
    const row = perColumn.get(column) ?? 0;
    perColumn.set(column, row + 1);
    positions[node.id] = { x: column * COLUMN, y: row * ROW };
  }
  return positions;
}
