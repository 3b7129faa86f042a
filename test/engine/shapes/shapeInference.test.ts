import { describe, expect, it } from 'vitest';
import { chainDocument, codes, lastShape, load, type LayerSpec } from '../../helpers/graphs';

// Expected shapes are hand-computed; see windowArithmetic.test.ts for the formulas.
const conv = (type: 'conv2d' | 'locallyConnected2d' | 'tiledConv2d', extra: Record<string, unknown>): LayerSpec =>
  ({ type, params: { filters: 4, kernelSize: [3, 3], ...(type === 'tiledConv2d' ? { tiles: 2 } : {}), ...extra } }) as LayerSpec;

describe.each(['conv2d', 'locallyConnected2d', 'tiledConv2d'] as const)('%s output shape', (type) => {
  const cases: [padding: unknown, strides: number, shape: number[]][] = [
    ['valid', 1, [4, 8, 10]], // 10×12 input, 3×3 kernel
    ['valid', 2, [4, 4, 5]], // floor(7/2)+1, floor(9/2)+1
    ['valid', 3, [4, 3, 4]], // floor(7/3)+1, floor(9/3)+1
    ['same', 1, [4, 10, 12]],
    ['same', 2, [4, 5, 6]],
    ['same', 3, [4, 4, 4]],
    ['full', 1, [4, 12, 14]],
    ['full', 2, [4, 6, 7]], // floor(11/2)+1, floor(13/2)+1
    ['full', 3, [4, 4, 5]], // floor(11/3)+1, floor(13/3)+1
    [[1, 0, 2, 2], 1, [4, 9, 14]],
    [[0, 0, 0, 0], 2, [4, 4, 5]],
  ];
  it.each(cases)('padding %j stride %i → %j', (padding, strides, shape) => {
    expect(lastShape([2, 10, 12], [conv(type, { padding, strides })])).toEqual(shape);
  });
  it('accepts different strides per axis', () => {
    expect(lastShape([2, 10, 12], [conv(type, { strides: [1, 3] })])).toEqual([4, 8, 4]);
  });
  it('refuses a kernel larger than its input, naming both sizes', () => {
    expect(lastShape([1, 3, 3], [conv(type, { kernelSize: 5 })])).toBe('kernel 5×5 is larger than its 3×3 input');
    expect(lastShape([1, 3, 3], [conv(type, { kernelSize: 6, padding: [1, 1, 1, 1] })])).toBe(
      'kernel 6×6 is larger than its 3×3 input (5×5 with [1, 1, 1, 1] padding)',
    );
  });
  it('refuses a flat input', () => {
    expect(lastShape([10], [conv(type, {})])).toMatch(/needs a channels×height×width image/);
  });
});

describe.each(['maxPool2d', 'avgPool2d'] as const)('%s output shape', (type) => {
  const pool = (params?: Record<string, unknown>) => ({ type, ...(params ? { params } : {}) }) as LayerSpec;
  it.each([
    [undefined, [3, 14, 14]], // defaults: 2×2, stride 2, valid
    [{ poolSize: 3 }, [3, 9, 9]], // stride defaults to the window: floor(25/3)+1
    [{ poolSize: 3, strides: 1 }, [3, 26, 26]],
    [{ poolSize: 3, strides: 2 }, [3, 13, 13]],
    [{ poolSize: 2, strides: 2, padding: 'same' }, [3, 14, 14]],
    [{ poolSize: 3, strides: 2, padding: 'same' }, [3, 14, 14]],
    [{ poolSize: 3, strides: 3, padding: 'full' }, [3, 10, 10]], // floor(29/3)+1
    [{ poolSize: [2, 4], strides: [2, 4] }, [3, 14, 7]],
  ])('%j → %j', (params, shape) => {
    expect(lastShape([3, 28, 28], [pool(params)])).toEqual(shape);
  });
  it('refuses a window larger than its input', () => {
    expect(lastShape([1, 3, 3], [pool({ poolSize: 4 })])).toBe('pool window 4×4 is larger than its 3×3 input');
  });
});

describe('element-wise and structural nodes', () => {
  it.each(['relu', 'sigmoid', 'tanh', 'leakyRelu'] as const)('%s keeps the shape', (type) => {
    expect(lastShape([3, 5, 7], [{ type } as LayerSpec])).toEqual([3, 5, 7]);
    expect(lastShape([9], [{ type } as LayerSpec])).toEqual([9]);
  });
  it('dropout keeps the shape', () => {
    expect(lastShape([3, 5, 7], [{ type: 'dropout', params: { rate: 0.5 } }])).toEqual([3, 5, 7]);
  });
  it('flatten multiplies out C×H×W', () => {
    expect(lastShape([3, 5, 7], [{ type: 'flatten' }])).toEqual([105]);
  });
  it('dense gives [units], flattening an image implicitly', () => {
    expect(lastShape([3, 5, 7], [{ type: 'dense', params: { units: 12 } }])).toEqual([12]);
    expect(lastShape([40], [{ type: 'dense', params: { units: 12 } }])).toEqual([12]);
  });
  it('softmax needs a vector', () => {
    expect(lastShape([10], [{ type: 'softmax' }])).toEqual([10]);
    expect(lastShape([1, 2, 5], [{ type: 'softmax' }])).toMatch(/softmax needs a flat vector/);
  });
  it('input passes its shape on, and alone is not a network', () => {
    expect(codes(load(chainDocument([1, 28, 28], [])))).toEqual(['no-output']);
    expect(lastShape([1, 28, 28], [{ type: 'relu' }])).toEqual([1, 28, 28]);
  });
});
