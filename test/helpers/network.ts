/** Building networks from documents in tests. */
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { Backend } from '../../engine/backend/backend';
import { loadDocumentValue, type GraphDocument } from '../../engine';
import { Network } from '../../engine/network/network';

export function buildNetwork(doc: GraphDocument, backend: Backend = createCpuBackend('float64'), seed = 1): Network {
  const result = loadDocumentValue(structuredClone(doc));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.nodeId}: ${p.message}`).join('\n'));
  return Network.create(result.document, result.analysis, backend, seed);
}

/** Deterministic pseudo-random values in [-1, 1). */
export function randomValues(count: number, seed: number): Float64Array {
  const values = new Float64Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = (s / 2 ** 32) * 2 - 1;
  }
  return values;
}
