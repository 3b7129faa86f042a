/**
 * The pass owns what layers keep for backward: after `Network.release` the
 * masks, max positions, reshaped views and spread kernels of that pass are
 * freed (a gpujs backend's live buffers return to what they were before the
 * pass), and a backward pass over a released forward pass throws instead of
 * reading freed memory.
 */
import { describe, expect, it } from 'vitest';
import type { GpujsBackend } from '../../../engine/backend/gpujs/gpujsBackend';
import { createRandom } from '../../../engine/network/random';
import { NODE_BACKENDS } from '../../helpers/backends';
import { chainDocument } from '../../helpers/graphs';
import { buildNetwork, randomValues } from '../../helpers/network';

const doc = chainDocument([1, 8, 8], [
  { type: 'conv2d', params: { filters: 2, kernelSize: 2, dilation: 2 } }, { type: 'relu' }, { type: 'maxPool2d' },
  { type: 'dropout', params: { rate: 0.3 } }, { type: 'dense', params: { units: 3 } }, { type: 'softmax' },
]);

describe.each(NODE_BACKENDS)('backend $name', ({ create }) => {
  it('frees what a pass kept with its outputs, and refuses a backward pass over a released one', () => {
    const backend = create();
    const network = buildNetwork(doc, backend, 1);
    const x = backend.tensor([2, 1, 8, 8], randomValues(128, 2));
    const dense = network.order.find((id) => id.startsWith('dense') || network.layers.get(id)?.params.some((p) => p.value.shape.length === 2))!;
    const pass = () => {
      const outputs = network.forward(x, true, createRandom(3));
      const dy = backend.tensor([2, 3], [0.1, -0.2, 0.1, 0.3, 0, -0.3]);
      network.backward(new Map([[dense, dy]]));
      backend.dispose(dy);
      return outputs;
    };
    // The first pass makes what lives on: gradients, the dilated kernel's spreading matrix, x's unrolled windows.
    network.release(pass());
    const live = (backend as Partial<GpujsBackend>).liveStorageCount?.();
    for (let i = 0; i < 3; i++) network.release(pass());
    if (live !== undefined) expect((backend as GpujsBackend).liveStorageCount()).toBe(live);
    // The dense layer's kept view of its input went with the pass (its weight gradient reads it).
    expect(() => network.layers.get(dense)!.backward(backend.tensor([2, 3]), backend, false)).toThrow(/a disposed tensor \[2, 18\] was used/);
    backend.destroy?.();
  });
});
