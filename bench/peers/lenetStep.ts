/** One LeNet-5 training step (batch 32, Adam 0.001, random MNIST-shaped data) on a backend: what the benchmarks time most. */
import type { Backend } from '../../engine/backend/backend';
import { networkStep } from './networks';

export const BATCH = 32;

export function lenetStep(backend: Backend): () => void {
  return networkStep(backend, 'lenet-5', BATCH).step;
}
