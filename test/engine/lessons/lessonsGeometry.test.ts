/**
 * Zero padding and strides lessons against loops written here: window sums,
 * visit counts (k_h·k_w everywhere under full padding, 1 in a valid corner),
 * the stack's sizes, and the strided output as the stride-1 output sampled.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../engine/network/random';
import { KERNEL_PRESETS, type Kernel } from '../../../engine/lessons/kernels';
import { lessonGrid, padded, PADDING_MODES, stackSizes } from '../../../engine/lessons/padding';
import { strides } from '../../../engine/lessons/strides';
import type { Picture } from '../../../engine/lessons/picture';

describe('zero padding lesson', () => {
  it('visits every pixel k_h·k_w times under full padding, a valid corner once, on every size', () => {
    for (const [h, w, kh, kw] of [[6, 6, 3, 3], [5, 8, 2, 4], [7, 4, 4, 1], [3, 3, 3, 3]] as const) {
      const full = padded({ height: h, width: w, kernel: [kh, kw] }, 'full');
      expect(new Set(full.visits), `${h}×${w} k ${kh}×${kw}`).toEqual(new Set([kh * kw]));
      const valid = padded({ height: h, width: w, kernel: [kh, kw] }, 'valid');
      expect(valid.visits[0]).toBe(1);
      expect(valid.visits[h * w - 1]).toBe(1);
      // Every mode: the counts add up to outputs × window pixels that are real.
      for (const mode of PADDING_MODES) {
        const r = padded({ height: h, width: w, kernel: [kh, kw] }, mode);
        let reads = 0;
        const { rows, cols } = r.plan;
        for (let oy = 0; oy < rows.outSize; oy++) for (let ox = 0; ox < cols.outSize; ox++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
          const y = oy - rows.padBefore + i;
          const x = ox - cols.padBefore + j;
          if (y >= 0 && y < h && x >= 0 && x < w) reads++;
        }
        expect(r.visits.reduce((a, b) => a + b, 0), mode).toBe(reads);
      }
    }
  });

  it('sums each window (a kernel of ones) over the padded grid, and draws the zeros around the input', () => {
    const input = lessonGrid(6, 6);
    const r = padded({ height: 6, width: 6, kernel: [3, 3] }, 'same');
    expect([r.padded.height, r.padded.width, r.output.height, r.output.width]).toEqual([8, 8, 6, 6]);
    expect(r.padded.data.slice(0, 8)).toEqual(new Array(8).fill(0));
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 6; x++) {
        let sum = 0;
        for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) if (y + i >= 0 && y + i < 6 && x + j >= 0 && x + j < 6) sum += input[(y + i) * 6 + x + j]!;
        expect(r.output.data[y * 6 + x]).toBe(sum);
      }
    }
  });

  it('shrinks by k − 1 per layer under valid, keeps the size under same, grows under full', () => {
    expect(stackSizes(28, 3, 'valid')).toEqual([28, 26, 24, 22, 20, 18]);
    expect(stackSizes(28, 3, 'same')).toEqual([28, 28, 28, 28, 28, 28]);
    expect(stackSizes(28, 3, 'full')).toEqual([28, 30, 32, 34, 36, 38]);
  });
});

describe('strides lesson', () => {
  it('the strided output is the stride-1 output at the kept positions; unread pixels match a window loop', () => {
    const random = createRandom(4);
    for (let trial = 0; trial < 40; trial++) {
      const h = 5 + random.int(20);
      const w = 5 + random.int(20);
      const picture: Picture = { name: 'r', channels: 1, height: h, width: w, data: Float64Array.from({ length: h * w }, () => random.next()) };
      const kernel: Kernel = random.int(2) ? KERNEL_PRESETS['sobel-x'] : { size: 5, values: Array.from({ length: 25 }, () => random.normal()) };
      const stride = 1 + random.int(4);
      const padding = random.int(2) ? 'same' as const : 'valid' as const;
      const r = strides(picture, kernel, stride, padding);
      expect(r.keptAt).toHaveLength(r.strided.height * r.strided.width);
      r.keptAt.forEach(({ y, x }, i) => expect(r.strided.data[i]).toBeCloseTo(r.stride1.data[y * r.stride1.width + x]!, 12));
      // Unread: no strided window, starting at o·s − pad, covers the pixel.
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const readRow = Array.from({ length: r.plan.rows.outSize }, (_, o) => o * stride - r.plan.rows.padBefore).some((s) => y >= s && y < s + kernel.size);
          const readCol = Array.from({ length: r.plan.cols.outSize }, (_, o) => o * stride - r.plan.cols.padBefore).some((s) => x >= s && x < s + kernel.size);
          expect(r.unread[y * w + x], `trial ${trial} (${y}, ${x})`).toBe(readRow && readCol ? 0 : 1);
        }
      }
    }
  });

  it('a 3×3 kernel at stride 4 on 28×28 (valid) leaves rows and columns unread', () => {
    const picture: Picture = { name: 'flat', channels: 1, height: 28, width: 28, data: new Float64Array(784).fill(0.5) };
    const r = strides(picture, KERNEL_PRESETS.identity, 4, 'valid');
    expect([r.strided.height, r.strided.width]).toEqual([7, 7]);
    // Windows start at 0, 4, …, 24 and read 3 rows each: rows 3, 7, …, 27 are never read (7 rows), so 7·28 + 7·28 − 7·7 pixels.
    expect(r.unread.reduce((a, b) => a + b, 0)).toBe(7 * 28 + 7 * 28 - 7 * 7);
  });
});
