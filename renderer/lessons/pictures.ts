/**
 * The lessons' pictures in the page: a data set's test image (its test split
 * fetched and decoded once), the bundled photograph, a flat patch, the draw
 * pad's drawing, or a picture file of the user's own (decoded by the browser,
 * so PNG, JPEG, WebP… all work). Names are those of `convstudio lesson`
 * (engine/lessons/pictureSources.ts), plus "drawing" and "file:NAME".
 */
import { gunzipSync } from 'fflate';
import { findBundledDataset } from '../../engine/data/bundled';
import type { DataSplit } from '../../engine/data/dataset';
import { parseIdx } from '../../engine/data/idx';
import { fitPicture, pictureFromBytes, type Picture } from '../../engine/lessons/picture';
import { datasetPicture, flatSpecPicture, parsePictureSpec, PHOTO, pictureFromPng } from '../../engine/lessons/pictureSources';

const testSplits = new Map<string, Promise<DataSplit>>();

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, window.location.href));
  if (!response.ok) throw new Error(`cannot load ${path} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

function testSplit(dataset: string): Promise<DataSplit> {
  let split = testSplits.get(dataset);
  if (!split) {
    const info = findBundledDataset(dataset);
    if (!info) return Promise.reject(new Error(`unknown data set "${dataset}"`));
    split = fetchBytes(`datasets/${info.folder}/t10k-images-idx3-ubyte.gz`).then((bytes) => {
      const images = parseIdx(gunzipSync(bytes), `${dataset} test images`);
      return { count: images.dims[0] ?? 0, images: images.data, labels: new Uint8Array(images.dims[0] ?? 0) };
    });
    split.catch(() => testSplits.delete(dataset)); // a failed fetch is tried again next time
    testSplits.set(dataset, split);
  }
  return split;
}

/** Pictures the user opened this session, by the name the picker shows ("file:cat.jpg"). */
const opened = new Map<string, Picture>();

/** Decodes a picture file with the browser's own decoders; gray when every pixel is gray. */
export async function openPictureFile(file: File): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name} is not a picture this browser can read`);
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas to decode the picture with');
  g.drawImage(bitmap, 0, 0);
  const { data, width, height } = g.getImageData(0, 0, bitmap.width, bitmap.height);
  const plane = width * height;
  let gray = true;
  for (let i = 0; i < plane && gray; i++) gray = data[i * 4] === data[i * 4 + 1] && data[i * 4] === data[i * 4 + 2];
  const channels = gray ? 1 : 3;
  const bytes = new Uint8Array(channels * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < channels; c++) bytes[c * plane + i] = data[i * 4 + c]!;
  const name = `file:${file.name}`;
  opened.set(name, fitPicture(pictureFromBytes(file.name, bytes, channels, height, width)));
  return name;
}

export function openedPictureNames(): string[] {
  return [...opened.keys()];
}

/** A picture by name; `drawing` is the draw pad's (C×H×W bytes), undefined when nothing is drawn. */
export async function loadPicture(name: string, drawing?: { bytes: Uint8Array; shape: readonly number[] }): Promise<Picture> {
  if (name === 'drawing') {
    if (!drawing) throw new Error('nothing is drawn yet: draw in the Draw view first');
    const [channels = 1, height = 28, width = 28] = drawing.shape;
    return pictureFromBytes('your drawing', drawing.bytes, channels === 3 ? 3 : 1, height, width);
  }
  const file = opened.get(name);
  if (file) return file;
  const spec = parsePictureSpec(name);
  switch (spec.kind) {
    case 'dataset':
      return datasetPicture(spec.dataset, await testSplit(spec.dataset), spec.index);
    case 'flat':
      return flatSpecPicture(spec.value);
    case 'photo':
      return pictureFromPng(PHOTO.name, await fetchBytes(`pictures/${PHOTO.file}`));
    case 'file':
      throw new Error(`${spec.path} is not open: choose it with "Your own picture…"`);
  }
}

/**
 * Fetches and decodes MNIST's test images while the page is idle, so the first lesson opens on its
 * picture at once (decoding the 1.6 MB file took most of the first opening's 200-600 ms).
 */
export function prefetchLessonPictures(): void {
  const start = () => void testSplit('mnist').catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 10_000 });
  else setTimeout(start, 2000);
}
