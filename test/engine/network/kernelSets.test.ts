/**
 * Locally-connected and tiled convolution have no PyTorch layer, so their
 * forward pass is checked against an explicit, unrolled reference written
 * here from the definitions (their gradients are checked by finite
 * differences in gradientCheck.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../engine';
import { decodeTensorData } from '../../../engine';
import { createRandom } from '../../../engine/network/random';
import { planWindow } from '../../../engine/shapes/windowArithmetic';
import { chainDocument } from '../../helpers/graphs';
import { buildNetwork, randomValues } from '../../helpers/network';

type Padding = 'valid' | 'same' | 'full' | [number, number, number, number];

/**
 * out[n][oc][i][j] = b[...] + Σ x[n][ic][i·s − pt + ky][j·s − pl + kx] · W[set(i, j)][oc][ic][ky][kx],
 * with set(i, j) = (i mod tH, j mod tW) for tiled and (i, j) for locally connected.
 */
function reference(
  type: 'locallyConnected2d' | 'tiledConv2d',
  x: Float64Array, [C, H, W]: [number, number, number], filters: number, k: number, s: number, padding: Padding,
  weight: Float32Array, bias: Float32Array, tiles: number,
): number[] {
  const plan = planWindow(H, W, [k, k], [s, s], padding);
  const outH = plan.rows.outSize;
  const outW = plan.cols.outSize;
  const setsW = type === 'tiledConv2d' ? tiles : outW; // sets across; W is [setsH, setsW, outC, inC, k, k]
  const w = (a: number, b: number, oc: number, ic: number, ky: number, kx: number) =>
    weight[((((a * setsW + b) * filters + oc) * C + ic) * k + ky) * k + kx] as number;
  const out: number[] = [];
  for (let oc = 0; oc < filters; oc++) {
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        const [a, b] = type === 'tiledConv2d' ? [i % tiles, j % tiles] : [i, j];
        let sum = type === 'tiledConv2d' ? (bias[oc] as number) : (bias[(oc * outH + i) * outW + j] as number);
        for (let ic = 0; ic < C; ic++) {
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              const y = i * s - plan.rows.padBefore + ky;
              const z = j * s - plan.cols.padBefore + kx;
              if (y >= 0 && y < H && z >= 0 && z < W) sum += (x[(ic * H + y) * W + z] as number) * w(a, b, oc, ic, ky, kx);
            }
          }
        }
        out.push(sum);
      }
    }
  }
  return out;
}

function engineOutput(doc: GraphDocument, input: Float64Array) {
  const network = buildNetwork(doc);
  const withWeights = network.writeWeights(doc);
  const x = network.backend.tensor([1, ...network.inputShape], input);
  const outputs = network.forward(x, false, createRandom(1));
  const tensors = withWeights.weights?.['lc'] ?? {};
  const read = (name: string) => {
    const t = tensors[name];
    const decoded = t ? decodeTensorData(t.data) : undefined;
    return decoded?.ok ? decoded.values : new Float32Array(0);
  };
  return { out: Array.from(network.backend.read(outputs.get('lc') ?? x)), weight: read('weight') };
}

describe.each(['locallyConnected2d', 'tiledConv2d'] as const)('%s forward against an unrolled reference', (type) => {
  const cases: [Padding, number, number, number][] = [
    ['valid', 1, 3, 2], ['valid', 2, 3, 3], ['same', 1, 2, 2], ['same', 3, 3, 2], ['full', 2, 2, 3], [[1, 0, 2, 1], 1, 3, 2],
  ];
  it.each(cases)('padding %j, stride %i, kernel %i, tiles %i', (padding, s, k, tiles) => {
    const shape: [number, number, number] = [2, 7, 6];
    const params = { filters: 3, kernelSize: k, strides: s, padding, ...(type === 'tiledConv2d' ? { tiles } : {}) };
    const plan = planWindow(7, 6, [k, k], [s, s], padding);
    // Biases would start at zero; store varied ones so their layout is checked too.
    const biasShape = type === 'tiledConv2d' ? [3] : [3, plan.rows.outSize, plan.cols.outSize];
    const bias = Array.from(randomValues(biasShape.reduce((a, b) => a * b, 1), 9), Math.fround);
    const doc = {
      ...chainDocument(shape, [{ id: 'lc', type, params } as never]),
      weights: { lc: { bias: { shape: biasShape, data: bias } } },
    };
    const input = randomValues(2 * 7 * 6, 5);
    const { out, weight } = engineOutput(doc, input);
    const expected = reference(type, input, shape, 3, k, s, padding, weight, Float32Array.from(bias), tiles);
    expect(out.length).toBe(expected.length);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12));
  });
});
