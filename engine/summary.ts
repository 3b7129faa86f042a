/**
 * The per-node summary of a valid graph (the CLI's `summary`, the editor's
 * status bar): output shape, parameters and multiplies+adds for one sample.
 */
import type { GraphAnalysis } from './graph/analyze';
import type { GraphDocument } from './graph/schema';
import type { MatrixEquivalent } from './shapes/matrixEquivalent';
import type { Shape } from './shapes/shape';

export interface SummaryRow {
  id: string;
  type: string;
  outputShape: Shape;
  params: number;
  flops: number;
  matrixEquivalent?: MatrixEquivalent;
  notes: string[];
  warnings: string[];
}

export interface Summary {
  name: string;
  nodes: SummaryRow[];
  totals: { params: number; flops: number };
}

export function summarize(doc: GraphDocument, analysis: GraphAnalysis): Summary {
  const nodes: SummaryRow[] = [];
  for (const id of analysis.topology.order) {
    const info = analysis.infoOf.get(id);
    const node = doc.nodes[analysis.topology.indexOf.get(id) ?? -1];
    if (!info || !node) continue;
    nodes.push({
      id,
      type: node.type,
      outputShape: info.outputShape,
      params: info.params,
      flops: info.flops,
      ...(info.matrixEquivalent ? { matrixEquivalent: info.matrixEquivalent } : {}),
      notes: info.notes,
      warnings: info.warnings.map((w) => w.message),
    });
  }
  return {
    name: doc.name,
    nodes,
    totals: {
      params: nodes.reduce((n, row) => n + row.params, 0),
      flops: nodes.reduce((n, row) => n + row.flops, 0),
    },
  };
}
