/**
 * A picture as the lessons use it: channels × height × width values in
 * [0, 1], gray (one channel) or colour (three, RGB). Where it came from (a
 * data set, the draw pad, a file, the bundled photograph) is the host's
 * business; the lessons only compute on the values.
 */
export interface Picture {
  /** Words for where it came from: "mnist test image 7", "coffee (photograph)". */
  name: string;
  channels: 1 | 3;
  height: number;
  width: number;
  /** C×H×W, row-major, each value in [0, 1]. */
  data: Float64Array;
}

/** The biggest picture a lesson computes on (a side); a bigger one is scaled down first, so work and memory stay bounded. */
export const MAX_PICTURE_SIDE = 256;

/** A picture from bytes (0-255), laid out C×H×W. */
export function pictureFromBytes(name: string, bytes: ArrayLike<number>, channels: 1 | 3, height: number, width: number): Picture {
  if (bytes.length !== channels * height * width) throw new Error(`${name}: ${bytes.length} bytes for a ${channels}×${height}×${width} picture`);
  const data = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = (bytes[i] as number) / 255;
  return { name, channels, height, width, data };
}

/** One channel: the luma of ITU-R BT.601 (0.299 R + 0.587 G + 0.114 B); a gray picture as it is. */
export function toGray(picture: Picture): Picture {
  if (picture.channels === 1) return picture;
  const plane = picture.height * picture.width;
  const data = new Float64Array(plane);
  for (let i = 0; i < plane; i++) data[i] = 0.299 * picture.data[i]! + 0.587 * picture.data[plane + i]! + 0.114 * picture.data[2 * plane + i]!;
  return { ...picture, channels: 1, data };
}

/** Every pixel the same value: the flat patch on which an edge detector gives 0. */
export function flatPicture(height: number, width: number, value: number): Picture {
  return { name: `flat ${value}`, channels: 1, height, width, data: new Float64Array(height * width).fill(value) };
}

/** Scaled down by averaging blocks until no side exceeds `maxSide` (a photograph of any size stays cheap). */
export function fitPicture(picture: Picture, maxSide = MAX_PICTURE_SIDE): Picture {
  const factor = Math.ceil(Math.max(picture.height, picture.width) / maxSide);
  if (factor <= 1) return picture;
  const height = Math.floor(picture.height / factor);
  const width = Math.floor(picture.width / factor);
  const data = new Float64Array(picture.channels * height * width);
  for (let c = 0; c < picture.channels; c++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += picture.data[(c * picture.height + y * factor + dy) * picture.width + x * factor + dx]!;
        data[(c * height + y) * width + x] = sum / (factor * factor);
      }
    }
  }
  return { ...picture, height, width, data };
}
