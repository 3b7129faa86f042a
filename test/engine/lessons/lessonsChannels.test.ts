/**
 * Channels lesson: the per-channel slices' maps plus the bias equal the
 * engine's multi-channel convolution within 1e-6, and both equal a direct
 * loop written here; the parameter count is (C_in·k·k + 1)·C_out.
 */
import { describe, expect, it } from 'vitest';
import { breakDown, channelLayer } from '../../../engine/lessons/channels';
import type { Picture } from '../../../engine/lessons/picture';
import { createRandom } from '../../../engine/network/random';

describe('channels lesson', () => {
  it('sums the slices and the bias into the layer’s output, as a direct loop does', () => {
    const random = createRandom(9);
    for (const [channels, filters, k] of [[3, 4, 3], [1, 2, 5], [3, 1, 5]] as const) {
      const h = 9;
      const w = 11;
      const picture: Picture = { name: 'r', channels, height: h, width: w, data: Float64Array.from({ length: channels * h * w }, () => random.next()) };
      const layer = channelLayer(picture, { filters, kernel: k, seed: 3 });
      expect(layer.parameters).toBe((channels * k * k + 1) * filters);
      const pad = (k - 1) / 2;
      for (let f = 0; f < filters; f++) {
        const parts = breakDown(picture, layer, k, f);
        expect(parts.slices).toHaveLength(channels);
        for (let i = 0; i < h * w; i++) expect(Math.abs(parts.sum.data[i]! - layer.outputs[f]!.data[i]!)).toBeLessThan(1e-6);
        for (const [y, x] of [[0, 0], [4, 5], [8, 10]] as const) {
          let direct = layer.biases[f]!;
          for (let c = 0; c < channels; c++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
            const yy = y + i - pad;
            const xx = x + j - pad;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) direct += picture.data[(c * h + yy) * w + xx]! * layer.weights[((f * channels + c) * k + i) * k + j]!;
          }
          expect(layer.outputs[f]!.data[y * w + x]).toBeCloseTo(direct, 10);
        }
      }
    }
  });
});
