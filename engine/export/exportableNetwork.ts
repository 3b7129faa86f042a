/**
 * What every export starts from: the document checked (a graph with errors
 * is refused, naming the first), and the network the engine would train, its
 * weights the stored ones or those drawn from the document's seed, on the
 * float32 CPU reference. `order` walks the input first, then the layers.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { analyzeGraph, type GraphAnalysis } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import { Network } from '../network/network';

export interface ExportableNetwork {
  analysis: GraphAnalysis;
  network: Network;
  order: string[];
  /** Frees the network's weights. */
  release(): void;
}

export function exportableNetwork(doc: GraphDocument): ExportableNetwork {
  const analysis = analyzeGraph(doc);
  const error = analysis.problems.find((p) => p.severity === 'error');
  if (error) throw new Error(`cannot export: ${error.nodeId ? `${error.nodeId}: ` : ''}${error.message}`);
  const backend = createCpuBackend('float32');
  const network = Network.create(doc, analysis, backend, doc.training?.seed ?? 1);
  return {
    analysis,
    network,
    order: [network.inputId, ...network.order.filter((id) => id !== network.inputId)],
    release: () => {
      for (const { param } of network.parameters) backend.dispose(param.value);
    },
  };
}
