/** globalAvgPool2d: each channel's mean over the picture, checked by hand-made numbers and against a loop. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../engine';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { Network } from '../../../engine/network/network';
import { createRandom } from '../../../engine/network/random';
import { chainDocument, lastShape } from '../../helpers/graphs';

describe('globalAvgPool2d', () => {
  it('turns C×H×W into C and counts H·W multiplies and adds per channel', () => {
    expect(lastShape([5, 7, 3], [{ type: 'globalAvgPool2d' }])).toEqual([5]);
    const doc = chainDocument([5, 7, 3], [{ type: 'globalAvgPool2d' }]);
    const info = [...analyzeGraph(doc).infoOf.values()].at(-1)!;
    expect(info).toMatchObject({ params: 0, flops: 5 * 7 * 3 });
  });
  it('refuses a flat vector, naming it', () => {
    expect(lastShape([12], [{ type: 'globalAvgPool2d' }])).toBe('globalAvgPool2d needs a channels×height×width image, but its input is a flat vector of 12 values');
  });
  it('gives each channel’s mean, and spreads the gradient evenly over its pixels', () => {
    const doc = chainDocument([2, 2, 3], [{ type: 'globalAvgPool2d' }]);
    const network = Network.create(doc, analyzeGraph(doc), createCpuBackend('float64'), 1);
    const backend = network.backend;
    const values = [1, 2, 3, 4, 5, 6, -6, 0, 0, 0, 0, 12];
    const x = backend.tensor([1, 2, 2, 3], values);
    const outputs = network.forward(x, false, createRandom(1));
    const id = network.order.at(-1)!;
    expect(Array.from(backend.read(outputs.get(id)!))).toEqual([3.5, 1]);
    const dx = network.backward(new Map([[id, backend.tensor([1, 2], [6, -12])]]), true)!;
    expect(Array.from(backend.read(dx))).toEqual([1, 1, 1, 1, 1, 1, -2, -2, -2, -2, -2, -2]);
  });
});
