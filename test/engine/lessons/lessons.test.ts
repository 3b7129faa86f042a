/**
 * The lessons' engine code against independent computations: a direct
 * convolution loop written here, the lecture's slide numbers, and the dense
 * matrix applied by hand against the engine's convolution.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../engine/network/random';
import { costTable, denseMatrix, SLIDE_CASE, type CostCase } from '../../../engine/lessons/costs';
import { convolvePicture, explainPixel, KERNEL_PRESETS, parseKernel, type Kernel } from '../../../engine/lessons/kernels';
import { flatPicture, toGray, type Picture } from '../../../engine/lessons/picture';
import { convInfo } from '../../../engine/backend/convInfo';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { parsePictureSpec } from '../../../engine/lessons/pictureSources';

function randomPicture(seed: number, height: number, width: number, channels: 1 | 3 = 1): Picture {
  const random = createRandom(seed);
  return { name: 'random', channels, height, width, data: Float64Array.from({ length: channels * height * width }, () => random.next()) };
}

/** out(y, x) = Σ in(y + i − pad, x + j − pad) · k(i, j), zero outside: written out, no engine code. */
function directConvolution(p: Picture, k: Kernel, pad: number): number[][] {
  const outH = p.height + 2 * pad - k.size + 1;
  const outW = p.width + 2 * pad - k.size + 1;
  return Array.from({ length: outH }, (_, y) => Array.from({ length: outW }, (_, x) => {
    let sum = 0;
    for (let i = 0; i < k.size; i++) {
      for (let j = 0; j < k.size; j++) {
        const yy = y + i - pad;
        const xx = x + j - pad;
        if (yy >= 0 && yy < p.height && xx >= 0 && xx < p.width) sum += p.data[yy * p.width + xx]! * k.values[i * k.size + j]!;
      }
    }
    return sum;
  }));
}

describe('kernels lesson', () => {
  it('convolves as the direct loop does, for every preset and a 5×5 kernel, valid and same', () => {
    const picture = randomPicture(3, 12, 9);
    const kernels: Kernel[] = [...Object.values(KERNEL_PRESETS), parseKernel(Array.from({ length: 25 }, (_, i) => (i % 7) - 3).join(' '))];
    for (const kernel of kernels) {
      for (const padding of ['valid', 'same'] as const) {
        const got = convolvePicture(picture, kernel, padding);
        const want = directConvolution(picture, kernel, padding === 'same' ? (kernel.size - 1) / 2 : 0);
        expect([got.height, got.width]).toEqual([want.length, want[0]!.length]);
        want.flat().forEach((v, i) => expect(got.data[i]).toBeCloseTo(v, 12));
      }
    }
  });

  it('on a flat patch the edge kernel gives 0 and sharpen leaves the value unchanged (away from the zero padding)', () => {
    const flat = flatPicture(10, 10, 0.6);
    const edges = convolvePicture(flat, KERNEL_PRESETS['edge-detect'], 'valid');
    const sharp = convolvePicture(flat, KERNEL_PRESETS.sharpen, 'valid');
    for (const v of edges.data) expect(v).toBeCloseTo(0, 12);
    for (const v of sharp.data) expect(v).toBeCloseTo(0.6, 12);
    // With same padding the border sees zeros: the edge kernel answers there.
    expect(convolvePicture(flat, KERNEL_PRESETS['edge-detect'], 'same').data[0]).toBeCloseTo(8 * 0.6 - 3 * 0.6, 12);
  });

  it('takes a pixel apart into products that sum to the output, zero padding marked', () => {
    const picture = randomPicture(5, 8, 8);
    const kernel = KERNEL_PRESETS['sobel-x'];
    const output = convolvePicture(picture, kernel, 'same');
    for (const [y, x] of [[0, 0], [3, 4], [7, 7]] as const) {
      const explained = explainPixel(picture, kernel, 'same', y, x);
      expect(explained.terms).toHaveLength(9);
      expect(explained.terms.reduce((s, t) => s + t.product, 0)).toBeCloseTo(output.data[y * 8 + x]!, 12);
      expect(explained.sum).toBeCloseTo(output.data[y * 8 + x]!, 12);
      for (const t of explained.terms) expect(t.product).toBe(t.input * t.weight);
    }
    expect(explainPixel(picture, kernel, 'same', 0, 0).terms.filter((t) => t.padded)).toHaveLength(5);
    expect(() => explainPixel(picture, kernel, 'valid', 6, 0)).toThrow(/outside the 6×6 output/);
  });

  it('converts colour to gray with BT.601 weights', () => {
    const colour: Picture = { name: 'c', channels: 3, height: 1, width: 2, data: Float64Array.from([1, 0, 0, 1, 0, 0]) };
    expect(Array.from(toGray(colour).data)).toEqual([0.299, 0.587]);
  });

  it('reads kernels as presets or numbers, and says why it refuses one', () => {
    expect(parseKernel('0 -1 0; -1 5 -1; 0 -1 0').values).toEqual(KERNEL_PRESETS.sharpen.values);
    expect(() => parseKernel('1 2 3 4')).toThrow(/9 \(3×3\) or 25 \(5×5\) numbers, not 4/);
    expect(() => parseKernel('1 2 x 4 5 6 7 8 9')).toThrow(/"x" is not a number/);
  });

  it('names pictures as the command line and the picker do', () => {
    expect(parsePictureSpec('mnist:7')).toEqual({ kind: 'dataset', dataset: 'mnist', index: 7 });
    expect(parsePictureSpec('flat:0.25')).toEqual({ kind: 'flat', value: 0.25 });
    expect(parsePictureSpec('photo')).toEqual({ kind: 'photo' });
    expect(parsePictureSpec('me.png')).toEqual({ kind: 'file', path: 'me.png' });
    expect(() => parsePictureSpec('flat:2')).toThrow(/0 to 1/);
    expect(() => parsePictureSpec('cifar:3')).toThrow(/not a picture/);
  });
});

describe('costs lesson', () => {
  it('gives the lecture slide’s six numbers', () => {
    const { table, outputShape } = costTable(SLIDE_CASE);
    expect(outputShape).toEqual([1, 319, 280]);
    expect(table.convolution).toEqual({ storedFloats: 2, flops: 267_960 });
    expect(table.dense).toEqual({ storedFloats: 8_003_072_000, flops: 16_006_054_680 });
    expect(table.sparse).toEqual({ storedFloats: 178_640, flops: 267_960 });
  });

  it('builds the dense matrix of the same linear map: W·x equals the convolution, shared or not, with padding and strides', () => {
    const random = createRandom(11);
    const cases: CostCase[] = [
      { layer: 'conv2d', inChannels: 2, height: 7, width: 6, filters: 3, kernel: [3, 2], strides: [1, 2], padding: 'same' },
      { layer: 'locallyConnected2d', inChannels: 1, height: 6, width: 6, filters: 2, kernel: [3, 3], strides: [2, 1], padding: 'valid' },
      { layer: 'conv2d', inChannels: 1, height: 5, width: 5, filters: 1, kernel: [3, 3], strides: [1, 1], padding: 'full' },
    ];
    const backend = createCpuBackend('float64');
    for (const c of cases) {
      const { table, inputs, outputs } = costTable(c);
      const kernels = Array.from({ length: table.convolution.storedFloats }, () => random.normal());
      const x = Array.from({ length: inputs }, () => random.normal());
      const info = convInfo([1, c.inChannels, c.height, c.width], c.filters, c.kernel, c.strides, c.padding, c.layer === 'conv2d' ? [1, 1] : 'local');
      const y = backend.read(backend.conv2d(backend.tensor([1, c.inChannels, c.height, c.width], x), backend.tensor([info.tilesH * info.tilesW * c.filters, c.inChannels, ...c.kernel], kernels), info));
      const w = denseMatrix(c, kernels);
      expect(w.length).toBe(table.dense.storedFloats);
      let nonZeros = 0;
      for (let r = 0; r < outputs; r++) {
        let sum = 0;
        for (let k = 0; k < inputs; k++) {
          sum += w[r * inputs + k]! * x[k]!;
          if (w[r * inputs + k] !== 0) nonZeros++;
        }
        expect(sum).toBeCloseTo(y[r]!, 4);
      }
      expect(nonZeros).toBe(table.sparse.storedFloats);
    }
  });

  it('refuses a layer that cannot be built, with the reason', () => {
    expect(() => costTable({ ...SLIDE_CASE, height: 1, kernel: [2, 1] })).toThrow(/kernel/);
  });
});

describe('learn this kernel', () => {
  it('fits the lecture’s edge detector from zeros on an MNIST digit: every weight within 0.05, then exact', async () => {
    const { readFileSync } = await import('node:fs');
    const { gunzipSync } = await import('fflate');
    const { parseIdx } = await import('../../../engine/data/idx');
    const { datasetPicture } = await import('../../../engine/lessons/pictureSources');
    const { learnKernel } = await import('../../../engine/lessons/learnKernel');
    const images = parseIdx(gunzipSync(readFileSync('resources/datasets/mnist/t10k-images-idx3-ubyte.gz')), 'mnist');
    const digit = datasetPicture('mnist', { count: 10_000, images: images.data, labels: new Uint8Array(10_000) }, 0);
    const learned = learnKernel(digit, KERNEL_PRESETS['edge-detect'], 1000);
    expect(learned.withinStep).toBeLessThan(1000);
    learned.kernel.forEach((w, i) => expect(Math.abs(w - KERNEL_PRESETS['edge-detect'].values[i]!)).toBeLessThan(1e-3));
    // On a flat patch the nine weights cannot be told apart (every window is the same): the fit does not find the kernel.
    const flat = learnKernel(flatPicture(12, 12, 0.5), KERNEL_PRESETS['sobel-x'], 300);
    expect(flat.withinStep).toBeUndefined();
    expect(flat.loss).toBeLessThan(1e-6);
  });
});
