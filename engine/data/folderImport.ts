/**
 * A data set from one's own pictures: `folder/<class name>/<image>`. The host
 * lists and reads the files (Node's fs, the browser's File API); this decodes,
 * scales and splits them. A file that cannot be used is reported by name and
 * skipped; only problems with the whole set (fewer than two classes, a class
 * with no usable image) stop the import.
 */
import { createRandom, shuffledIndices } from '../network/random';
import type { Dataset, DataSplit } from './dataset';
import { decodeImage } from './images/decodeImage';
import { MAX_IMAGE_SIDE } from './images/imageHeader';
import { resampleToPlanes } from './images/resample';

export interface ImageFile {
  className: string;
  /** Shown in reports, e.g. `cats/tom.jpg`. */
  name: string;
  /**
   * The file's bytes, or how to read them when its turn comes: then a folder is read one file at a
   * time as it is decoded, and a folder of large photos costs one photo's memory, not the folder's.
   * A read that throws skips the file with the error's message.
   */
  bytes: Uint8Array | (() => Uint8Array);
}

export interface FolderImportOptions {
  name: string;
  /** Every class folder, including empty ones, so an empty class is reported. */
  classNames: readonly string[];
  height: number;
  width: number;
  color: boolean;
  /** Share of each class held out for testing. */
  testFraction: number;
  seed: number;
  onProgress?(done: number, total: number): void;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

export interface FolderImport {
  dataset: Dataset;
  skipped: SkippedFile[];
}

/** Larger files are not pictures a class makes (a 24-megapixel PNG is under 100 MB); reading one whole would cost its size in memory. */
export const MAX_IMAGE_FILE_BYTES = 100 * 2 ** 20;

/** The picture files a folder import reads (by name; anything else in the folder is reported and left out). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.bmp', '.gif', '.webp'];

/** Why a file is not read as a picture, by its name and size (hidden, not an image's extension, too large); undefined when it is read. The CLI and the app both ask this. */
export function notAPictureReason(fileName: string, bytes: number): string | undefined {
  if (fileName.startsWith('.')) return 'a hidden file';
  const dot = fileName.lastIndexOf('.');
  if (!IMAGE_EXTENSIONS.includes(dot < 0 ? '' : fileName.slice(dot).toLowerCase())) return `not an image file (expected ${IMAGE_EXTENSIONS.join(', ')})`;
  if (bytes > MAX_IMAGE_FILE_BYTES) return `${(bytes / 2 ** 20).toFixed(0)} MB, more than an image file may be (${MAX_IMAGE_FILE_BYTES / 2 ** 20} MB)`;
  return undefined;
}


export function importImages(files: readonly ImageFile[], options: FolderImportOptions): FolderImport {
  const { height, width, color } = options;
  const classNames = [...options.classNames].sort();
  if (classNames.length < 2) {
    throw new Error(`a data set needs at least two classes (one subfolder per class), but ${classNames.length === 0 ? 'there are none' : `there is only "${classNames[0]}"`}`);
  }
  const planeSize = (color ? 3 : 1) * height * width;
  const skipped: SkippedFile[] = [];
  const perClass = classNames.map(() => [] as Uint8Array[]);
  files.forEach((file, i) => {
    options.onProgress?.(i, files.length);
    const label = classNames.indexOf(file.className);
    if (label < 0) return skipped.push({ name: file.name, reason: `"${file.className}" is not one of the classes` });
    let image;
    try {
      image = decodeImage(typeof file.bytes === 'function' ? file.bytes() : file.bytes);
    } catch (e) {
      return skipped.push({ name: file.name, reason: (e as Error).message });
    }
    // Too small to scale up honestly, or absurdly large.
    if (image.width < width / 2 || image.height < height / 2) {
      return skipped.push({ name: file.name, reason: `${image.width}×${image.height} is too small for ${width}×${height} (less than half the size)` });
    }
    if (image.width > MAX_IMAGE_SIDE || image.height > MAX_IMAGE_SIDE) {
      return skipped.push({ name: file.name, reason: `${image.width}×${image.height} is larger than ${MAX_IMAGE_SIDE} pixels on a side` });
    }
    const planes = new Uint8Array(planeSize);
    resampleToPlanes(image, height, width, color, planes, 0);
    perClass[label]?.push(planes);
    return undefined;
  });
  options.onProgress?.(files.length, files.length);

  const empty = classNames.filter((_, label) => (perClass[label]?.length ?? 0) === 0);
  if (empty.length > 0) {
    throw new Error(`class${empty.length > 1 ? 'es' : ''} ${empty.map((c) => `"${c}"`).join(', ')} ${empty.length > 1 ? 'have' : 'has'} no usable images`);
  }

  // Split each class on its own, so both splits keep the class balance.
  const random = createRandom(options.seed);
  const train: { label: number; planes: Uint8Array }[] = [];
  const test: { label: number; planes: Uint8Array }[] = [];
  perClass.forEach((images, label) => {
    const order = shuffledIndices(images.length, random);
    const testCount = images.length < 2 ? 0 : Math.max(1, Math.round(images.length * options.testFraction));
    order.forEach((index, k) => (k < testCount ? test : train).push({ label, planes: images[index] as Uint8Array }));
  });

  const pack = (samples: { label: number; planes: Uint8Array }[]): DataSplit => {
    const images = new Uint8Array(samples.length * planeSize);
    samples.forEach((s, i) => images.set(s.planes, i * planeSize));
    return { count: samples.length, images, labels: Uint8Array.from(samples.map((s) => s.label)) };
  };
  const trainSplit = pack(train);
  return {
    dataset: {
      name: options.name,
      description: `${files.length - skipped.length} images in ${classNames.length} classes from ${options.name}`,
      inputShape: [color ? 3 : 1, height, width],
      classNames,
      train: trainSplit,
      test: pack(test),
      normalization: byteStatistics(trainSplit.images),
    },
    skipped,
  };
}

/** Mean and standard deviation of bytes on the 0-1 scale. */
export function byteStatistics(bytes: Uint8Array): { mean: number; std: number } {
  let sum = 0;
  let squares = 0;
  for (const b of bytes) {
    sum += b;
    squares += b * b;
  }
  const n = Math.max(bytes.length, 1);
  const mean = sum / n / 255;
  const variance = squares / n / 65025 - mean * mean;
  return { mean, std: Math.max(Math.sqrt(Math.max(variance, 0)), 1e-3) };
}
