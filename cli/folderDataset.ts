/**
 * `--dataset path/to/folder`: one subfolder per class. Lists and reads the
 * files, lets the engine decode them, reports skipped files by name, and
 * caches the decoded set so the next run starts at once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Dataset } from '../engine/data/dataset';
import { importImages, notAPictureReason, type ImageFile } from '../engine/data/folderImport';
import type { DatasetRequest } from './datasets';
import { CliError, type CliOutput } from './io';

const CACHE_VERSION = 1;

export async function importFolderDataset(folder: string, request: DatasetRequest, io: CliOutput): Promise<Dataset> {
  const root = resolve(folder);
  const classNames = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const listed: { className: string; name: string; path: string; size: number; mtime: number }[] = [];
  // Every entry of a class folder is either listed or skipped here with its reason: nothing vanishes unsaid.
  const skippedEarly: { name: string; reason: string }[] = [];
  for (const className of classNames) {
    for (const entry of readdirSync(join(root, className), { withFileTypes: true })) {
      const name = `${className}/${entry.name}`;
      const path = join(root, className, entry.name);
      if (entry.name.includes('\uFFFD')) {
        skippedEarly.push({ name, reason: 'its name is not UTF-8 text (rename it)' });
        continue;
      }
      let stat;
      try {
        stat = statSync(path); // follows a link to what it points at
      } catch (e) {
        skippedEarly.push({ name, reason: entry.isSymbolicLink() ? `a link that leads nowhere (${(e as NodeJS.ErrnoException).code})` : `cannot read it (${(e as NodeJS.ErrnoException).code})` });
        continue;
      }
      if (stat.isDirectory()) {
        skippedEarly.push({ name, reason: 'a folder inside a class folder (only the files directly in it are read)' });
        continue;
      }
      if (!stat.isFile()) {
        skippedEarly.push({ name, reason: 'not a regular file' });
        continue;
      }
      const reason = notAPictureReason(entry.name, stat.size);
      if (reason) {
        skippedEarly.push({ name, reason });
        continue;
      }
      listed.push({ className, name, path, size: stat.size, mtime: stat.mtimeMs });
    }
  }
  for (const { name, reason } of skippedEarly) io.err(`skipped ${name}: ${reason}`);

  const options = {
    name: basename(root),
    classNames,
    height: request.height ?? 28,
    width: request.width ?? 28,
    color: request.color ?? false,
    testFraction: request.testFraction ?? 0.2,
    seed: request.seed,
  };
  // The cache key covers every file's name, size and time, and every option: any change re-imports.
  const key = createHash('sha256').update(JSON.stringify({ CACHE_VERSION, root, options, files: listed.map(({ name, size, mtime }) => [name, size, mtime]) })).digest('hex').slice(0, 32);
  const cacheFile = join(cacheDirectory(), `${key}.bin`);
  const cached = readCache(cacheFile);
  if (cached) {
    io.err(`${options.name}: ${cached.dataset.train.count} training and ${cached.dataset.test.count} test images (from the cache)`);
    for (const s of cached.skipped) io.err(`skipped ${s.name}: ${s.reason}`);
    return cached.dataset;
  }

  // Read as each is decoded (see ImageFile), so memory holds one file at a time.
  const files: ImageFile[] = listed.map(({ className, name, path }) => ({
    className,
    name,
    bytes: () => {
      try {
        return new Uint8Array(readFileSync(path));
      } catch (e) {
        throw new Error(`cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
      }
    },
  }));
  let result;
  try {
    result = importImages(files, {
      ...options,
      onProgress: (done, total) => {
        if (total >= 200 && (done % 50 === 0 || done === total)) io.status?.(`importing ${options.name}: ${done}/${total} images`);
      },
    });
  } catch (e) {
    throw new CliError(`cannot use ${folder} as a data set: ${(e as Error).message}`);
  } finally {
    io.status?.('');
  }
  for (const s of result.skipped) io.err(`skipped ${s.name}: ${s.reason}`);
  io.err(`${options.name}: ${result.dataset.train.count} training and ${result.dataset.test.count} test images in ${classNames.length} classes, ${options.width}×${options.height} ${options.color ? 'colour' : 'gray'}`);
  writeCache(cacheFile, result.dataset, result.skipped);
  return result.dataset;
}

function cacheDirectory(): string {
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'convstudio', 'imports');
}

/** One file: a 4-byte header length, the JSON header, then the four byte arrays. */
function writeCache(path: string, dataset: Dataset, skipped: { name: string; reason: string }[]): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const { train, test, ...rest } = dataset;
    const header = Buffer.from(JSON.stringify({ ...rest, trainCount: train.count, testCount: test.count, skipped }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([length, header, train.images, train.labels, test.images, test.labels]));
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written only costs time next run.
  }
}

function readCache(path: string): { dataset: Dataset; skipped: { name: string; reason: string }[] } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const bytes = new Uint8Array(readFileSync(path));
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
    const size = (header.inputShape as number[]).reduce((a, b) => a * b, 1);
    let at = 4 + length;
    const take = (n: number) => bytes.subarray(at, (at += n));
    const train = { count: header.trainCount, images: take(header.trainCount * size), labels: take(header.trainCount) };
    const test = { count: header.testCount, images: take(header.testCount * size), labels: take(header.testCount) };
    const { trainCount: _t, testCount: _c, skipped, ...rest } = header;
    return { dataset: { ...rest, train, test }, skipped };
  } catch {
    return undefined; // a damaged cache is ignored and rebuilt
  }
}
