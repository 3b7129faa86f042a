/** Random small convolutions for the Toeplitz tests: sizes up to 8×8, kernels up to 5×5, strides 1-3, every padding mode. */
import type { ToeplitzCase } from '../../engine/lessons/toeplitz';
import type { Random } from '../../engine/network/random';

export function randomToeplitzCase(random: Random): ToeplitzCase {
  const height = 2 + random.int(7);
  const width = 2 + random.int(7);
  const rows = 1 + random.int(Math.min(5, height));
  const cols = 1 + random.int(Math.min(5, width));
  const choice = random.int(4);
  const padding = choice === 0 ? 'valid' : choice === 1 ? 'same' : choice === 2 ? 'full' : [random.int(3), random.int(3), random.int(3), random.int(3)] as [number, number, number, number];
  return { height, width, kernel: { rows, cols, values: Array.from({ length: rows * cols }, () => random.normal()) }, stride: 1 + random.int(3), padding };
}
