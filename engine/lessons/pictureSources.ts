/**
 * Where a lesson's picture comes from, as text ("mnist:7", "photo",
 * "flat:0.5", a file's path) and as the host decodes it. The same names
 * work in `convstudio lesson` and in the views' picture picker; reading the
 * bytes (a file, the app's folder) is the host's job.
 */
import { decode } from 'fast-png';
import type { DataSplit } from '../data/dataset';
import { fitPicture, flatPicture, pictureFromBytes, type Picture } from './picture';

export const PHOTO = { name: 'coffee (photograph, CC0)', file: 'coffee.png' } as const;

export type PictureSpec =
  | { kind: 'dataset'; dataset: 'mnist' | 'fashion-mnist'; index: number }
  | { kind: 'photo' }
  | { kind: 'flat'; value: number }
  | { kind: 'file'; path: string };

export function parsePictureSpec(text: string): PictureSpec {
  const dataset = /^(mnist|fashion-mnist):(\d+)$/.exec(text);
  if (dataset) return { kind: 'dataset', dataset: dataset[1] as 'mnist' | 'fashion-mnist', index: Number(dataset[2]) };
  if (text === 'photo') return { kind: 'photo' };
  const flat = /^flat:(.+)$/.exec(text);
  if (flat) {
    const value = Number(flat[1]);
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`flat:V needs a value from 0 to 1, not "${flat[1]}"`);
    return { kind: 'flat', value };
  }
  if (/^[a-z-]+:\d*$/i.test(text)) throw new Error(`"${text}" is not a picture: mnist:N, fashion-mnist:N, photo, flat:V or a PNG file`);
  return { kind: 'file', path: text };
}

/** A data set's test image `index`, as a 1×28×28 picture. */
export function datasetPicture(dataset: string, split: DataSplit, index: number): Picture {
  if (!(index >= 0 && index < split.count)) throw new Error(`${dataset} has test images 0 to ${split.count - 1}, not ${index}`);
  const size = 28 * 28;
  return pictureFromBytes(`${dataset} test image ${index}`, split.images.subarray(index * size, (index + 1) * size), 1, 28, 28);
}

export function flatSpecPicture(value: number): Picture {
  return flatPicture(28, 28, value);
}

/** A PNG's pixels as a picture: gray stays one channel, colour becomes RGB (alpha is dropped); scaled down to fit. */
export function pictureFromPng(name: string, bytes: Uint8Array): Picture {
  let png;
  try {
    png = decode(bytes);
  } catch (error) {
    throw new Error(`${name} is not a PNG picture (${(error as Error).message})`, { cause: error });
  }
  const { width, height, channels } = png;
  const colour = channels >= 3;
  const out = colour ? 3 : 1;
  const max = png.depth === 16 ? 65535 : png.depth === 8 ? 255 : 2 ** png.depth - 1;
  if (png.palette) throw new Error(`${name} is a palette PNG; save it as RGB or gray`);
  const data = new Float64Array(out * width * height);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < out; c++) data[c * width * height + i] = (png.data[i * channels + c] as number) / max;
  }
  return fitPicture({ name, channels: colour ? 3 : 1, height, width, data });
}
