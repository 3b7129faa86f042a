/**
 * Everything known about a schema-valid document: its wiring, each node's
 * inferred shapes and costs, and every problem (errors and warnings) with
 * the node and JSON path it belongs to. The editor, the CLI and training
 * all start from this.
 */
import { inferLayer, type LayerInfo, type LayerInput } from '../shapes/infer';
import { checkWeights } from './checkWeights';
import { error, type Problem } from './problems';
import type { GraphDocument } from './schema';
import { analyzeTopology, type Topology } from './topology';

const BLOCKING_CODES = new Set(['duplicate-id', 'cycle', 'missing-input', 'too-many-inputs', 'input-has-incoming', 'unconnected', 'several-inputs', 'duplicate-port']);

export interface GraphAnalysis {
  topology: Topology;
  /** Inferred shapes and costs, for every node whose inputs could be inferred. */
  infoOf: Map<string, LayerInfo>;
  problems: Problem[];
}

export function analyzeGraph(doc: GraphDocument): GraphAnalysis {
  const { topology, problems } = analyzeTopology(doc);
  // Wiring errors that leave a node's inputs unknown stop its inference; a loose end
  // (several outputs) or a misplaced softmax still has shapes worth showing.
  const blocked = new Set(problems.filter((p) => p.severity === 'error' && p.nodeId !== undefined && BLOCKING_CODES.has(p.code)).map((p) => p.nodeId));
  const infoOf = new Map<string, LayerInfo>();

  for (const id of topology.order) {
    const index = topology.indexOf.get(id);
    const node = index === undefined ? undefined : doc.nodes[index];
    if (!node || index === undefined || blocked.has(id)) continue;
    const inputs: LayerInput[] = [];
    for (const from of topology.inputsOf.get(id) ?? []) {
      const shape = infoOf.get(from)?.outputShape;
      if (!shape) break;
      inputs.push({ id: from, shape });
    }
    // Skip nodes downstream of a problem: the problem upstream is the one to fix.
    if (inputs.length !== (topology.inputsOf.get(id)?.length ?? 0)) continue;
    const inference = inferLayer(node, index, inputs);
    if (inference.ok) {
      infoOf.set(id, inference.info);
      problems.push(...inference.info.warnings);
    } else {
      problems.push(...inference.problems);
    }
  }

  problems.push(...checkWeights(doc, infoOf, topology.indexOf));
  if (doc.training && topology.outputId !== undefined) {
    const output = doc.nodes[topology.indexOf.get(topology.outputId) ?? 0];
    if (output && output.type !== 'softmax') {
      problems.push(error('training-needs-softmax', `training needs the network to end in a softmax node, but it ends in "${output.id}" (${output.type})`, ['training'], output.id));
    }
  }
  return { topology, infoOf, problems };
}
