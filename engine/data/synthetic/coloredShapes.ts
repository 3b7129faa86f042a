/**
 * "colored-shapes": red, green or blue circles, squares and triangles on
 * random dark backgrounds, 3×28×28, nine classes ("red circle", …). The class
 * needs both colour and shape, so a first-layer filter has to look across
 * the three input channels: the set for teaching multi-channel convolution.
 */
import { createRandom, type Random } from '../../network/random';
import type { Dataset } from '../dataset';
import { generateSplit } from './generateSplit';
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

export function createColoredShapesDataset(seed = 1, trainCount = 9000, testCount = 1800): Dataset {
  const random = createRandom(seed);
  const split = (count: number, r: Random) => generateSplit(count, 3 * SIZE * SIZE, CLASS_NAMES.length, r, (label, out, offset) => drawSample(label, r, out, offset));
  return {
    name: 'colored-shapes',
    description: 'red, green and blue circles, squares and triangles (3×28×28, nine classes), generated from a seed',
    inputShape: [3, SIZE, SIZE],
    classNames: CLASS_NAMES,
    train: split(trainCount, random.fork()),
    test: split(testCount, random.fork()),
    normalization: { mean: 0.2, std: 0.25 },
  };
}
