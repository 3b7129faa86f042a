import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocumentText, summarize } from '../../../engine';
import { chainDocument, load, type LayerSpec } from '../../helpers/graphs';

function summaryOf(file: string) {
  const result = loadDocumentText(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return summarize(result.document, result.analysis);
}

function infoOfLast(inputShape: [number, number, number], layer: LayerSpec) {
  const doc = chainDocument(inputShape, [{ ...layer, id: 'x' }]);
  const info = load(doc).analysis?.infoOf.get('x');
  if (!info) throw new Error('no inference');
  return info;
}

describe('the lecture\'s "Computational Costs" slide', () => {
  it('is reproduced exactly: input 320×280, kernel 2×1, output 319×280', () => {
    const row = summaryOf('resources/examples/lecture-computational-costs.json').nodes.find((n) => n.id === 'difference');
    expect(row?.outputShape).toEqual([1, 319, 280]);
    expect(row?.matrixEquivalent).toEqual({
      // Convolution: 2 stored floats; 319·280·3 = 267,960 muls or adds
      convolution: { storedFloats: 2, flops: 267_960 },
      // Dense matrix: 319·280·320·280 > 8e9 stored floats; > 16e9 muls or adds
      dense: { storedFloats: 319 * 280 * 320 * 280, flops: 319 * 280 * (2 * 320 * 280 - 1) },
      // Sparse matrix: 2·319·280 = 178,640 stored floats; same muls/adds as convolution
      sparse: { storedFloats: 178_640, flops: 267_960 },
    });
    expect(row?.matrixEquivalent?.dense.storedFloats).toBeGreaterThan(8e9);
    expect(row?.matrixEquivalent?.dense.flops).toBeGreaterThan(16e9);
    expect(row?.flops).toBe(267_960); // no bias, so the layer's own count is the slide's
    expect(row?.params).toBe(2);
  });
});

describe('LeNet-5', () => {
  const summary = summaryOf('resources/examples/lenet-5.json');
  it('has 44,426 parameters, layer by layer', () => {
    const params = Object.fromEntries(summary.nodes.map((n) => [n.id, n.params]));
    // conv 6·1·5·5+6, conv 16·6·5·5+16, dense 256·120+120, 120·84+84, 84·10+10
    expect(params).toMatchObject({ c1: 156, c2: 2416, d1: 30840, d2: 10164, d3: 850 });
    expect(summary.totals.params).toBe(44_426);
  });
  it('counts multiplies and adds per sample', () => {
    const flops = Object.fromEntries(summary.nodes.map((n) => [n.id, n.flops]));
    // c1: 6·24·24 outputs × (25 muls + 24 adds + 1 bias add) = 3456 × 50
    expect(flops['c1']).toBe(172_800);
    // c2: 16·8·8 × (150 + 149 + 1)
    expect(flops['c2']).toBe(307_200);
    // d1: 120 × (256 + 255 + 1)
    expect(flops['d1']).toBe(61_440);
    expect(flops['p1']).toBe(0); // max pooling only compares
    expect(flops['out']).toBe(19); // 9 adds + 10 divides
  });
});

describe('parameter sharing, in numbers', () => {
  const base = { filters: 8, kernelSize: [3, 3] as [number, number] };
  it('conv2d shares one kernel set across positions', () => {
    expect(infoOfLast([3, 10, 10], { type: 'conv2d', params: base }).params).toBe(8 * 3 * 9 + 8);
  });
  it('locallyConnected2d learns one per output position (8×8 here)', () => {
    const info = infoOfLast([3, 10, 10], { type: 'locallyConnected2d', params: base });
    expect(info.params).toBe(8 * 8 * 8 * 3 * 9 + 8 * 8 * 8);
    expect(info.weightShapes['weight']?.shape).toEqual([8, 8, 8, 3, 3, 3]);
    expect(info.weightShapes['bias']?.shape).toEqual([8, 8, 8]);
    // Without sharing, the kernels are exactly the sparse matrix's non-zeros.
    expect(info.matrixEquivalent?.convolution.storedFloats).toBe(info.matrixEquivalent?.sparse.storedFloats);
  });
  it('tiledConv2d learns tiles×tiles kernel sets', () => {
    const info = infoOfLast([3, 10, 10], { type: 'tiledConv2d', params: { ...base, tiles: [2, 3] } });
    expect(info.params).toBe(2 * 3 * 8 * 3 * 9 + 8);
    expect(info.weightShapes['weight']?.shape).toEqual([2, 3, 8, 3, 3, 3]);
  });
  it('same padding: the sparse matrix skips the padded zeros', () => {
    // 1 channel 3×3 input, 3×3 kernel, same padding: 9 outputs read 4,6,4,6,9,6,4,6,4 real pixels.
    const info = infoOfLast([1, 3, 3], { type: 'conv2d', params: { filters: 1, kernelSize: 3, padding: 'same', useBias: false } });
    expect(info.matrixEquivalent?.sparse).toEqual({ storedFloats: 49, flops: 2 * 49 - 9 });
    expect(info.matrixEquivalent?.convolution).toEqual({ storedFloats: 9, flops: 9 * 17 });
    expect(info.matrixEquivalent?.dense).toEqual({ storedFloats: 81, flops: 9 * 17 });
  });
});

describe('other layers\' costs', () => {
  it('dense: units × (2·inputs − 1 + bias)', () => {
    expect(infoOfLast([2, 3, 4], { type: 'dense', params: { units: 5 } })).toMatchObject({ params: 125, flops: 5 * 48 });
    expect(infoOfLast([2, 3, 4], { type: 'dense', params: { units: 5, useBias: false } })).toMatchObject({ params: 120, flops: 5 * 47 });
  });
  it('average pooling: a window of k values is k − 1 adds and one divide', () => {
    expect(infoOfLast([2, 4, 4], { type: 'avgPool2d' }).flops).toBe(2 * 2 * 2 * 4);
  });
  it('activations: leaky ReLU multiplies, sigmoid adds and divides, tanh four ops', () => {
    expect(infoOfLast([2, 4, 4], { type: 'relu' }).flops).toBe(0);
    expect(infoOfLast([2, 4, 4], { type: 'leakyRelu' }).flops).toBe(32);
    expect(infoOfLast([2, 4, 4], { type: 'sigmoid' }).flops).toBe(64);
    expect(infoOfLast([2, 4, 4], { type: 'tanh' }).flops).toBe(128);
  });
});
