/**
 * "shifted-digits": MNIST whose training digits move at most 1 pixel from the
 * centre while the test digits move 3 to 5 pixels. A network that only learned
 * where strokes are fails the test; convolution with pooling, which shares
 * weights across positions and tolerates small shifts, holds up better.
 */
import { createRandom, type Random } from '../../network/random';
import type { Dataset, DataSplit } from '../dataset';

export const SHIFTS = { train: { min: 0, max: 1 }, test: { min: 3, max: 5 } } as const;

/** Moves each image by a random offset whose size on each axis lies in [min, max], with a random sign. */
function shiftSplit(split: DataSplit, size: number, range: { min: number; max: number }, random: Random): DataSplit {
  const images = new Uint8Array(split.images.length);
  const offset = () => (range.min + random.int(range.max - range.min + 1)) * (random.next() < 0.5 ? -1 : 1);
  for (let i = 0; i < split.count; i++) {
    const dy = offset();
    const dx = offset();
    const base = i * size * size;
    for (let y = 0; y < size; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= size) continue;
      for (let x = 0; x < size; x++) {
        const sx = x - dx;
        if (sx >= 0 && sx < size) images[base + y * size + x] = split.images[base + sy * size + sx] as number;
      }
    }
  }
  return { count: split.count, images, labels: split.labels };
}

export function createShiftedDigitsDataset(mnist: Dataset, seed = 1): Dataset {
  const random = createRandom(seed);
  const size = mnist.inputShape[1];
  return {
    ...mnist,
    name: 'shifted-digits',
    description: `MNIST, training digits moved up to ${SHIFTS.train.max} pixel, test digits ${SHIFTS.test.min}-${SHIFTS.test.max}: what pooling buys`,
    train: shiftSplit(mnist.train, size, SHIFTS.train, random.fork()),
    test: shiftSplit(mnist.test, size, SHIFTS.test, random.fork()),
  };
}
