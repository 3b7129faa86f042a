/**
 * The Toeplitz lesson on 60 random configurations (sizes up to 8×8, kernels
 * up to 5×5, strides 1-3, valid, same, full and explicit padding): W equals
 * the Jacobian of the engine's convolution exactly, W·x its forward pass,
 * Wᵀ·g its input gradient (the transposed convolution) within 1e-6, and the
 * sum over the kernel's copies its kernel gradient.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/network/random';
import { randomToeplitzCase } from '../helpers/toeplitzCases';
import { engineConvolution, engineJacobian, kernelGradientFromCopies, multiply, multiplyTransposed, toeplitz } from '../../engine/lessons/toeplitz';

describe('Toeplitz matrix of a convolution (property test)', () => {
  it('is the engine convolution’s Jacobian, and its transpose the engine’s input gradient, on 60 random cases', () => {
    const random = createRandom(16);
    let tested = 0;
    const modes = new Set<string>();
    while (tested < 60) {
      const c = randomToeplitzCase(random);
      const { padding } = c;
      const t = toeplitz(c);
      if (t.rows === 0) continue;
      tested++;
      modes.add(typeof padding === 'string' ? padding : 'explicit');
      expect(Array.from(t.matrix), JSON.stringify(c)).toEqual(Array.from(engineJacobian(c)));
      const x = Array.from({ length: t.cols }, () => random.normal());
      const g = Array.from({ length: t.rows }, () => random.normal());
      const engine = engineConvolution(c, x, g);
      multiply(t, x).forEach((v, i) => expect(Math.abs(v - engine.forward[i]!)).toBeLessThan(1e-9));
      multiplyTransposed(t, g).forEach((v, i) => expect(Math.abs(v - engine.inputGradient[i]!)).toBeLessThan(1e-6));
      kernelGradientFromCopies(c, x, g).forEach((v, i) => expect(Math.abs(v - engine.kernelGradient[i]!)).toBeLessThan(1e-6));
    }
    expect(modes).toEqual(new Set(['valid', 'same', 'full', 'explicit']));
  });

  it('holds an offset copy of the kernel in each row: the lecture’s 4×4 input, 2×2 kernel', () => {
    const t = toeplitz({ height: 4, width: 4, kernel: { rows: 2, cols: 2, values: [1, 2, 3, 4] }, stride: 1, padding: 'valid' });
    expect([t.rows, t.cols]).toEqual([9, 16]);
    expect(Array.from(t.matrix.subarray(0, 16))).toEqual([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(t.matrix.subarray(16, 32))).toEqual([0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(t.matrix.subarray(3 * 16, 4 * 16))).toEqual([0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0]);
  });
});
