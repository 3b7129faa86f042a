/**
 * Equivariance and pooling lessons against independent computations: the
 * shift-then-convolve and convolve-then-shift maps agree exactly outside the
 * border band for a shared kernel on random cases (property test), not for a
 * locally-connected layer; max pooling and the unchanged fractions against
 * loops written here.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../engine/network/random';
import { borderBand, equivariance, pixelsMultipliedBy, shiftMap } from '../../../engine/lessons/equivariance';
import { KERNEL_PRESETS, type Kernel } from '../../../engine/lessons/kernels';
import type { Picture } from '../../../engine/lessons/picture';
import { invariance, maxPoolMap } from '../../../engine/lessons/pooling';

function randomPicture(seed: number, height: number, width: number): Picture {
  const random = createRandom(seed);
  return { name: 'random', channels: 1, height, width, data: Float64Array.from({ length: height * width }, () => random.next()) };
}

describe('equivariance lesson', () => {
  it('conv(shift(x)) equals shift(conv(x)) exactly outside the border band, on 200 random cases (sizes, kernels 3 and 5, shifts, padding, ReLU)', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const size = random.int(2) === 0 ? 3 : 5;
      const kernel: Kernel = { size, values: Array.from({ length: size * size }, () => random.normal()) };
      const picture = randomPicture(trial, 6 + random.int(12), 6 + random.int(12));
      const c = { kernel, layer: 'conv2d' as const, padding: random.int(2) === 0 ? ('same' as const) : ('valid' as const), relu: random.int(2) === 0, dy: random.int(9) - 4, dx: random.int(9) - 4, seed: 1 };
      const result = equivariance(picture, c);
      result.difference.data.forEach((d, i) => {
        if (!result.band[i]) expect(Math.abs(d), `trial ${trial} at ${i}`).toBeLessThan(1e-12);
      });
      expect(result.largestInside).toBeLessThan(1e-12);
      // …and the band is not the whole map (the check above would hold vacuously): the middle is inside.
      const { height, width } = result.difference;
      if (height > 2 * (Math.abs(c.dy) + size) && width > 2 * (Math.abs(c.dx) + size)) expect(result.band[Math.floor(height / 2) * width + Math.floor(width / 2)], `trial ${trial}`).toBe(0);
      // …and the band is tight: without a ReLU (which can zero both sides), every unit in it differs,
      // the picture and the kernel having no zeros.
      if (!c.relu) result.difference.data.forEach((d, i) => result.band[i] && expect(Math.abs(d), `trial ${trial}, band unit ${i}`).toBeGreaterThan(1e-12));
      if (c.dy === 0 && c.dx === 0) expect(result.band.every((b) => b === 0)).toBe(true);
    }
  });

  it('a locally-connected layer is not equivariant: the difference is not 0 away from the band', () => {
    const picture = randomPicture(3, 16, 16);
    const local = equivariance(picture, { kernel: KERNEL_PRESETS['edge-detect'], layer: 'locallyConnected2d', padding: 'same', relu: false, dy: 1, dx: 2, seed: 1 });
    expect(local.largestInside).toBeGreaterThan(0.01);
    const shared = equivariance(picture, { kernel: KERNEL_PRESETS['edge-detect'], layer: 'conv2d', padding: 'same', relu: false, dy: 1, dx: 2, seed: 1 });
    expect(shared.largestInside).toBe(0);
    expect(shared.largestInBand).toBeGreaterThan(0.01); // a random picture's border does matter
  });

  it('shifts move pixels and bring in zeros; the band of a right shift by 2 with same padding is column 1 (it sees a pixel its partner, off the map, cannot) and column 7 (its window reaches a pixel pushed out)', () => {
    const map = { height: 2, width: 3, data: Float64Array.from([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(shiftMap(map, 0, 1).data)).toEqual([0, 1, 2, 0, 4, 5]);
    expect(Array.from(shiftMap(map, -1, 0).data)).toEqual([4, 5, 6, 0, 0, 0]);
    const band = borderBand(8, 8, 3, 'same', 0, 2);
    const row = Array.from(band.slice(3 * 8, 4 * 8));
    expect(row).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
    // No shift, no band: zero padding alone keeps the equality.
    expect(borderBand(8, 8, 3, 'same', 0, 0).every((b) => b === 0)).toBe(true);
  });

  it('a shared weight meets every pixel but the far border; a local one meets one pixel', () => {
    const shared = pixelsMultipliedBy(6, 6, 3, 'valid', 0, 0, 'conv2d', { y: 0, x: 0 });
    expect(shared.reduce((a, b) => a + b, 0)).toBe(16); // rows and columns 0-3
    const local = pixelsMultipliedBy(6, 6, 3, 'valid', 2, 1, 'locallyConnected2d', { y: 1, x: 1 });
    expect(Array.from(local.keys()).filter((i) => local[i])).toEqual([3 * 6 + 2]);
  });
});

describe('pooling lesson', () => {
  it('max pools as the window loop does', () => {
    const map = { height: 5, width: 6, data: randomPicture(2, 5, 6).data };
    for (const size of [2, 3]) {
      const pooled = maxPoolMap(map, size);
      expect([pooled.height, pooled.width]).toEqual([5 - size + 1, 6 - size + 1]);
      for (let y = 0; y < pooled.height; y++) {
        for (let x = 0; x < pooled.width; x++) {
          let max = -Infinity;
          for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) max = Math.max(max, map.data[(y + i) * 6 + x + j]!);
          expect(pooled.data[y * pooled.width + x]).toBe(max);
        }
      }
    }
  });

  it('keeps every unit at shift 0, and more units with bigger pools on a digit-like stroke', () => {
    // A vertical bar 2 pixels wide on black, shifted right: the detectors move; 3×3 maxima survive a 1-pixel move more often than 2×2.
    const data = new Float64Array(14 * 14);
    for (let y = 2; y < 12; y++) for (const x of [6, 7]) data[y * 14 + x] = 1;
    const rows = invariance({ name: 'bar', channels: 1, height: 14, width: 14, data }, { kernel: KERNEL_PRESETS['sobel-x'], direction: { dy: 0, dx: 1 }, maxShift: 3 });
    expect(rows.map((r) => r.pool)).toEqual([1, 2, 3]);
    for (const row of rows) expect(row.unchanged[0]).toBe(1);
    expect(rows[0]!.unchanged[1]).toBeLessThan(rows[1]!.unchanged[1]!);
    expect(rows[1]!.unchanged[1]).toBeLessThan(rows[2]!.unchanged[1]!);
    for (const row of rows) for (const f of row.unchanged) expect(f >= 0 && f <= 1).toBe(true);
  });
});
