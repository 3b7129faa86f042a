/** A split of generated images: a random label per image, then the drawing for that label. */
import type { Random } from '../../network/random';
import type { DataSplit } from '../dataset';

export function generateSplit(count: number, sampleSize: number, classes: number, random: Random, draw: (label: number, out: Uint8Array, offset: number) => void): DataSplit {
  const images = new Uint8Array(count * sampleSize);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = random.int(classes);
    labels[i] = label;
    draw(label, images, i * sampleSize);
  }
  return { count, images, labels };
}
