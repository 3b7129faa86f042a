/** The synthetic teaching sets, and random translation of training batches. */
import { describe, expect, it } from 'vitest';
import { gatherBatch, type Dataset } from '../../../engine/data/dataset';
import { createColoredShapesDataset } from '../../../engine/data/synthetic/coloredShapes';
import { createShapesDataset } from '../../../engine/data/synthetic/shapes';
import { createShiftedDigitsDataset, SHIFTS } from '../../../engine/data/synthetic/shiftedDigits';
import { createRandom } from '../../../engine/network/random';

/** Centre of mass (row, column) of one gray image. */
function centreOfMass(bytes: ArrayLike<number>, offset: number, size: number): [number, number] {
  let total = 0, rows = 0, cols = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = bytes[offset + y * size + x] as number;
      total += v;
      rows += v * y;
      cols += v * x;
    }
  }
  return [rows / total, cols / total];
}

describe('shapes', () => {
  it('is the same for the same seed and different for another', () => {
    const a = createShapesDataset(3, 50, 10);
    expect(createShapesDataset(3, 50, 10).train.images).toEqual(a.train.images);
    expect(createShapesDataset(4, 50, 10).train.images).not.toEqual(a.train.images);
  });
  it('puts shapes in many places: their centres spread over the image', () => {
    const d = createShapesDataset(1, 400, 10);
    const centres = Array.from({ length: 400 }, (_, i) => centreOfMass(d.train.images, i * 784, 28));
    const columns = centres.map(([, c]) => c);
    expect(Math.max(...columns) - Math.min(...columns)).toBeGreaterThan(10);
    expect(new Set(d.train.labels).size).toBe(4);
  });
});

describe('colored-shapes', () => {
  const d = createColoredShapesDataset(2, 300, 10);
  it('has three channels and nine colour × shape classes', () => {
    expect(d.inputShape).toEqual([3, 28, 28]);
    expect(d.classNames).toEqual(['red circle', 'red square', 'red triangle', 'green circle', 'green square', 'green triangle', 'blue circle', 'blue square', 'blue triangle']);
  });
  it('paints each shape in the colour its class names', () => {
    for (let i = 0; i < d.train.count; i++) {
      const base = i * 3 * 784;
      // The pixel with the brightest channel lies inside the shape; that channel is the class's colour.
      let best = 0, bestChannel = -1;
      for (let c = 0; c < 3; c++) {
        for (let p = 0; p < 784; p++) {
          const v = d.train.images[base + c * 784 + p] as number;
          if (v > best) [best, bestChannel] = [v, c];
        }
      }
      expect(bestChannel).toBe(Math.floor((d.train.labels[i] as number) / 3));
    }
  });
});

describe('shifted-digits', () => {
  // A stand-in for MNIST: a 6×6 block in the middle of each 28×28 image, so a shift moves the centre of mass exactly.
  const count = 200;
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) for (let y = 11; y < 17; y++) for (let x = 11; x < 17; x++) images[i * 784 + y * 28 + x] = 255;
  const base: Dataset = {
    name: 'mnist', description: '', inputShape: [1, 28, 28], classNames: ['0', '1'],
    train: { count, images, labels: new Uint8Array(count) }, test: { count, images, labels: new Uint8Array(count) },
    normalization: { mean: 0.1, std: 0.3 },
  };
  const shifted = createShiftedDigitsDataset(base, 1);
  const offsets = (split: Dataset['train']) =>
    Array.from({ length: count }, (_, i) => centreOfMass(split.images, i * 784, 28).map((c) => Math.abs(c - 13.5)));
  it(`moves training digits at most ${SHIFTS.train.max} pixel and test digits ${SHIFTS.test.min} to ${SHIFTS.test.max}`, () => {
    for (const [dy, dx] of offsets(shifted.train)) expect(Math.max(dy ?? 0, dx ?? 0)).toBeLessThanOrEqual(SHIFTS.train.max);
    for (const [dy, dx] of offsets(shifted.test)) {
      expect(Math.min(dy ?? 0, dx ?? 0)).toBeGreaterThanOrEqual(SHIFTS.test.min);
      expect(Math.max(dy ?? 0, dx ?? 0)).toBeLessThanOrEqual(SHIFTS.test.max);
    }
  });
});

describe('augmentation by random translation', () => {
  const d = createShapesDataset(5, 64, 8);
  const indices = Array.from({ length: 64 }, (_, i) => i);
  it('is off by default: batches are the normalized bytes', () => {
    const batch = gatherBatch(d, d.train, indices);
    expect(batch.x[100]).toBeCloseTo(((d.train.images[100] as number) / 255 - 0.1) / 0.25, 6);
  });
  it('moves each image by at most maxShift pixels and keeps its label', () => {
    const plain = gatherBatch(d, d.train, indices);
    const moved = gatherBatch(d, d.train, indices, { maxShift: 2, random: createRandom(1) });
    expect(moved.labels).toEqual(plain.labels);
    let changed = 0;
    for (let i = 0; i < 64; i++) {
      const [y0, x0] = centreOfMass(plain.x.map((v) => v + 0.4), i * 784, 28);
      const [y1, x1] = centreOfMass(moved.x.map((v) => v + 0.4), i * 784, 28);
      expect(Math.abs(y1 - y0)).toBeLessThanOrEqual(2.01);
      expect(Math.abs(x1 - x0)).toBeLessThanOrEqual(2.01);
      if (Math.abs(y1 - y0) + Math.abs(x1 - x0) > 0.5) changed++;
    }
    expect(changed).toBeGreaterThan(32);
  });
});
