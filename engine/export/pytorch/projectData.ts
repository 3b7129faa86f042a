/**
 * The data set a PyTorch project's train.py trains on: each split as
 * gzipped IDX files (MNIST's format: images [N, C, H, W] and labels [N],
 * unsigned bytes), written into the project's data/ folder by the CLI and
 * into the app's zip. Pure (fflate's gzip), so both share it.
 */
import { gzipSync } from 'fflate';
import type { Dataset } from '../../data/dataset';
import type { ProjectData } from './exportPytorch';

/** An IDX file: magic 0x00 0x00 0x08 (unsigned bytes) and the number of dimensions, each size as a big-endian uint32, the bytes. */
function idx(shape: readonly number[], bytes: Uint8Array): Uint8Array {
  const file = new Uint8Array(4 + 4 * shape.length + bytes.length);
  const view = new DataView(file.buffer);
  file[2] = 0x08;
  file[3] = shape.length;
  shape.forEach((n, i) => view.setUint32(4 + 4 * i, n));
  file.set(bytes, 4 + 4 * shape.length);
  // Measured on MNIST's 47 MB of training images: level 6 gives 10.03 MB in 1.2 s, level 9 10.02 MB in 7.7 s.
  return gzipSync(file, { level: 6, mtime: 0 });
}

export interface ProjectDataFiles {
  /** What train.py needs to read them (passed to exportPytorch). */
  data: ProjectData;
  /** File name in data/ → contents. */
  bytes: Map<string, Uint8Array>;
}

export function projectData(dataset: Dataset): ProjectDataFiles {
  if (dataset.classNames.length > 256) throw new Error(`${dataset.name} has ${dataset.classNames.length} classes; train.py's labels are bytes (at most 256)`);
  const files = { trainImages: 'train-images.idx.gz', trainLabels: 'train-labels.idx.gz', testImages: 'test-images.idx.gz', testLabels: 'test-labels.idx.gz' };
  const pixels = dataset.inputShape.reduce((a, b) => a * b, 1);
  const split = (s: Dataset['train']) => [idx([s.count, ...dataset.inputShape], s.images.subarray(0, s.count * pixels)), idx([s.count], Uint8Array.from(s.labels.subarray(0, s.count)))] as const;
  const [trainImages, trainLabels] = split(dataset.train);
  const [testImages, testLabels] = split(dataset.test);
  return {
    data: { dataset: dataset.name, classNames: dataset.classNames, normalization: dataset.normalization, files },
    bytes: new Map([[files.trainImages, trainImages], [files.trainLabels, trainLabels], [files.testImages, testImages], [files.testLabels, testLabels]]),
  };
}
