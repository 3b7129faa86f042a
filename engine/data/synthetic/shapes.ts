/**
 * "shapes": filled circles, squares, triangles and crosses of random size at
 * random positions on 28×28 gray images, generated from a seed (no files).
 * A first set for seeing translation invariance: the class never depends on
 * where the shape is.
 */
import { createRandom, type Random } from '../../network/random';
import type { Dataset } from '../dataset';
import { generateSplit } from './generateSplit';

const SIZE = 28;
const CLASSES = ['circle', 'square', 'triangle', 'cross'] as const;
export type ShapeName = (typeof CLASSES)[number];

/** Is (x, y) inside the shape centred at (cx, cy) with half-size r? */
export function inside(shape: ShapeName, x: number, y: number, cx: number, cy: number, r: number): boolean {
  const dx = x - cx;
  const dy = y - cy;
  switch (shape) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
    case 'triangle': // apex up, base at the bottom
      return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / 1.8) * 1.15;
    case 'cross': {
      const arm = r * 0.3;
      return (Math.abs(dx) <= arm && Math.abs(dy) <= r) || (Math.abs(dy) <= arm && Math.abs(dx) <= r);
    }
  }
}

/** A random size and position that keeps the shape inside the image. */
export function randomPlacement(random: Random, size: number): { r: number; cx: number; cy: number } {
  const r = 5 + random.next() * 6;
  return { r, cx: r + random.next() * (size - 1 - 2 * r), cy: r + random.next() * (size - 1 - 2 * r) };
}

/** Fraction (0, 0.25, …, 1) of pixel (x, y) the shape covers: 2×2 supersampling softens edges as a photograph would. */
export function coverage(shape: ShapeName, x: number, y: number, cx: number, cy: number, r: number): number {
  let covered = 0;
  for (const sy of [0.25, 0.75]) for (const sx of [0.25, 0.75]) if (inside(shape, x + sx, y + sy, cx, cy, r)) covered++;
  return covered / 4;
}

function drawSample(shape: ShapeName, random: Random, out: Uint8Array, offset: number): void {
  const { r, cx, cy } = randomPlacement(random, SIZE);
  const brightness = 160 + random.int(96);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const noise = random.int(24);
      out[offset + y * SIZE + x] = Math.min(255, Math.round(coverage(shape, x, y, cx, cy, r) * brightness) + noise);
    }
  }
}

export function createShapesDataset(seed = 1, trainCount = 6000, testCount = 1000): Dataset {
  const random = createRandom(seed);
  const split = (count: number, r: Random) => generateSplit(count, SIZE * SIZE, CLASSES.length, r, (label, out, offset) => drawSample(CLASSES[label] as ShapeName, r, out, offset));
  return {
    name: 'shapes',
    description: 'circles, squares, triangles and crosses at random places and sizes (1×28×28, four classes), generated from a seed',
    inputShape: [1, SIZE, SIZE],
    classNames: CLASSES,
    train: split(trainCount, random.fork()),
    test: split(testCount, random.fork()),
    normalization: { mean: 0.1, std: 0.25 },
  };
}
