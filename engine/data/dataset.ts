/**
 * A labelled image data set, stored compactly: one byte per pixel value and
 * per label, converted to floats only a batch at a time (60,000 MNIST images
 * are 47 MB as bytes, 188 MB as float32).
 */
import { shuffledIndices, type Random } from '../network/random';

export interface DataSplit {
  count: number;
  /** count × C × H × W bytes, NCHW. */
  images: Uint8Array;
  labels: Uint8Array;
}

export interface Dataset {
  name: string;
  description: string;
  /** [channels, height, width] */
  inputShape: readonly [number, number, number];
  classNames: readonly string[];
  train: DataSplit;
  test: DataSplit;
  /** A byte p becomes (p / 255 − mean) / std. */
  normalization: { mean: number; std: number };
}

export interface Batch {
  /** [count, C, H, W] as floats. */
  x: Float32Array;
  labels: Int32Array;
  count: number;
}

export function sampleSize(dataset: Pick<Dataset, 'inputShape'>): number {
  const [c, h, w] = dataset.inputShape;
  return c * h * w;
}

/** Only the first `trainLimit` training and `testLimit` test images (quick runs); the rest as it is. */
export function limitDataset(dataset: Dataset, trainLimit?: number, testLimit?: number): Dataset {
  const size = sampleSize(dataset);
  const limit = (split: DataSplit, n?: number): DataSplit =>
    n === undefined || n >= split.count ? split : { count: n, images: split.images.subarray(0, n * size), labels: split.labels.subarray(0, n) };
  return { ...dataset, train: limit(dataset.train, trainLimit), test: limit(dataset.test, testLimit) };
}

/** Random translation of each training image by up to `maxShift` pixels per axis; uncovered pixels are background (byte 0). */
export interface Augmentation {
  maxShift: number;
  random: Random;
}

/** The samples at `indices`, as a batch of normalized floats. */
export function gatherBatch(dataset: Dataset, split: DataSplit, indices: ArrayLike<number>, augmentation?: Augmentation): Batch {
  const [channels, height, width] = dataset.inputShape;
  const size = sampleSize(dataset);
  const { mean, std } = dataset.normalization;
  const toFloat = (byte: number) => (byte / 255 - mean) / std;
  const x = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let b = 0; b < indices.length; b++) {
    const i = indices[b] as number;
    const offset = i * size;
    labels[b] = split.labels[i] as number;
    const shift = augmentation?.maxShift ?? 0;
    if (shift === 0 || !augmentation) {
      for (let p = 0; p < size; p++) x[b * size + p] = toFloat(split.images[offset + p] as number);
      continue;
    }
    const dy = augmentation.random.int(2 * shift + 1) - shift;
    const dx = augmentation.random.int(2 * shift + 1) - shift;
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < height; y++) {
        for (let xx = 0; xx < width; xx++) {
          const sy = y - dy;
          const sx = xx - dx;
          const inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          const byte = inside ? (split.images[offset + (c * height + sy) * width + sx] as number) : 0;
          x[b * size + (c * height + y) * width + xx] = toFloat(byte);
        }
      }
    }
  }
  return { x, labels, count: indices.length };
}

/**
 * The split in batches: shuffled by `random` for training, in order when
 * it is undefined (evaluation). The last batch may be smaller.
 */
export function* batches(dataset: Dataset, split: DataSplit, batchSize: number, random?: Random, maxShift = 0): Generator<Batch> {
  const order = random ? shuffledIndices(split.count, random) : Uint32Array.from({ length: split.count }, (_, i) => i);
  const augmentation = random && maxShift > 0 ? { maxShift, random } : undefined;
  for (let start = 0; start < split.count; start += batchSize) {
    yield gatherBatch(dataset, split, order.subarray(start, Math.min(start + batchSize, split.count)), augmentation);
  }
}

export function stepsPerEpoch(split: DataSplit, batchSize: number): number {
  return Math.ceil(split.count / batchSize);
}
