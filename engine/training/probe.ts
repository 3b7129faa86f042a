/**
 * Activation probing: every node's output for one input batch, read back from
 * the backend. What the app's activation view shows and `convstudio forward` prints.
 */
import type { Network } from '../network/network';
import { createRandom } from '../network/random';

export interface ProbedTensor {
  /** With the batch axis. */
  shape: number[];
  data: Float32Array;
}

export function probeActivations(network: Network, input: Float32Array, batch: number): Map<string, ProbedTensor> {
  const backend = network.backend;
  const x = backend.tensor([batch, ...network.inputShape], input);
  const outputs = network.forward(x, false, createRandom(0));
  const probed = new Map<string, ProbedTensor>();
  for (const id of [network.inputId, ...network.order]) {
    const t = outputs.get(id);
    if (t && !probed.has(id)) probed.set(id, { shape: [...t.shape], data: Float32Array.from(backend.read(t)) });
  }
  network.release(outputs);
  backend.dispose(x);
  return probed;
}
