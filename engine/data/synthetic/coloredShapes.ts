/**
 * "colored-shapes": red, green or blue circles, squares and triangles on
 * random dark backgrounds, 3×28×28, nine classes ("red circle", …). The class
 * needs both colour and shape, so a first-layer filter has to look across
 * the three input channels: the set for teaching multi-channel convolution.
 */
import { createRandom, type Random } from '../../network/random';
import type { Dataset, DataSplit } from '../dataset';
import { coverage, randomPlacement, type ShapeName } from './shapes';

const SIZE = 28;
const COLORS = ['red', 'green', 'blue'] as const;
const SHAPES: ShapeName[] = ['circle', 'square', 'triangle'];
const CLASS_NAMES = COLORS.flatMap((color) => SHAPES.map((shape) => `${color} ${shape}`));

function drawSample(label: number, random: Random, out: Uint8Array, offset: number): void {
  const color = Math.floor(label / SHAPES.length);
  const shape = SHAPES[label % SHAPES.length] as ShapeName;
  const { r, cx, cy } = randomPlacement(random, SIZE);
  const background = [random.int(90), random.int(90), random.int(90)];
  // The named channel is bright, the others dim: "red" is (200-255, 0-70, 0-70).
  const foreground = [0, 1, 2].map((c) => (c === color ? 200 + random.int(56) : random.int(70)));
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const a = coverage(shape, x, y, cx, cy, r);
      for (let c = 0; c < 3; c++) {
        const value = a * (foreground[c] ?? 0) + (1 - a) * (background[c] ?? 0) + random.int(16);
        out[offset + (c * SIZE + y) * SIZE + x] = Math.min(255, Math.round(value));
      }
    }
  }
}

function generateSplit(count: number, random: Random): DataSplit {
  const size = 3 * SIZE * SIZE;
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = random.int(CLASS_NAMES.length);
    labels[i] = label;
    drawSample(label, random, images, i * size);
  }
  return { count, images, labels };
}

export function createColoredShapesDataset(seed = 1, trainCount = 9000, testCount = 1800): Dataset {
  const random = createRandom(seed);
  return {
    name: 'colored-shapes',
    description: 'red, green and blue circles, squares and triangles (3×28×28, nine classes), generated from a seed',
    inputShape: [3, SIZE, SIZE],
    classNames: CLASS_NAMES,
    train: generateSplit(trainCount, random.fork()),
    test: generateSplit(testCount, random.fork()),
    normalization: { mean: 0.2, std: 0.25 },
  };
}
