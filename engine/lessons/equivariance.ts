/**
 * Lesson 4, parameter sharing and equivariance: shift the input by (dy, dx)
 * and compare conv(shift(x)) with shift(conv(x)). With one kernel shared by
 * every position they agree exactly, except in a border band along the
 * edges the picture moved across; a locally-connected layer (a kernel per
 * position) does not. A
 * ReLU after the convolution keeps the equality; pooling does not (lesson 5).
 * The band is where a shift pushed pixels out of the frame: zero padding
 * alone keeps the equality, since the shift fills the frame with zeros too.
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { createRandom } from '../network/random';
import { planWindow } from '../shapes/windowArithmetic';
import type { FeatureMap, Kernel, LessonPadding } from './kernels';
import { toGray, type Picture } from './picture';

export type SharingLayer = 'conv2d' | 'locallyConnected2d';

export interface EquivarianceCase {
  kernel: Kernel;
  layer: SharingLayer;
  padding: LessonPadding;
  /** Rows down, columns right (negative: up, left). */
  dy: number;
  dx: number;
  relu: boolean;
  /** The locally-connected layer's kernels: the shared one, each weight scaled by (1 + 0.5·u), u uniform in [−1, 1) from this seed. */
  seed: number;
}

export interface EquivarianceResult {
  /** The layer applied to the shifted picture. */
  layerOfShifted: FeatureMap;
  /** The layer's output, shifted. */
  shiftedOutput: FeatureMap;
  /** layerOfShifted − shiftedOutput. */
  difference: FeatureMap;
  /** 1 where the two may differ even with sharing (the border band), 0 inside. */
  band: Uint8Array;
  /** The largest |difference| inside the band's complement, and in the band. */
  largestInside: number;
  largestInBand: number;
}

/** The picture moved by (dy, dx): what leaves the frame is lost, zeros come in. */
export function shiftMap(map: FeatureMap, dy: number, dx: number): FeatureMap {
  const data = new Float64Array(map.height * map.width);
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      const sy = y - dy;
      const sx = x - dx;
      if (sy >= 0 && sy < map.height && sx >= 0 && sx < map.width) data[y * map.width + x] = map.data[sy * map.width + sx]!;
    }
  }
  return { height: map.height, width: map.width, data };
}

/** The kernels of the layer in the backend's memory order: one set (conv2d) or one per output position. */
export function layerKernels(c: Pick<EquivarianceCase, 'kernel' | 'layer' | 'seed'>, positions: number): Float64Array {
  const size = c.kernel.size * c.kernel.size;
  if (c.layer === 'conv2d') return Float64Array.from(c.kernel.values);
  const random = createRandom(c.seed);
  const out = new Float64Array(positions * size);
  for (let p = 0; p < positions; p++) for (let i = 0; i < size; i++) out[p * size + i] = c.kernel.values[i]! * (1 + 0.5 * (2 * random.next() - 1));
  return out;
}

/** The layer (conv2d or locally connected, one filter, no bias, then ReLU if asked) on a gray map, by the CPU reference backend. */
export function applyLayer(map: FeatureMap, c: Pick<EquivarianceCase, 'kernel' | 'layer' | 'padding' | 'relu' | 'seed'>): FeatureMap {
  const backend = createCpuBackend('float64');
  const shape = [1, 1, map.height, map.width];
  const k = c.kernel.size;
  const info = convInfo(shape, 1, [k, k], [1, 1], c.padding, c.layer === 'conv2d' ? [1, 1] : 'local');
  const x = backend.tensor(shape, map.data);
  const w = backend.tensor([info.tilesH * info.tilesW, 1, k, k], layerKernels(c, info.outH * info.outW));
  const conv = backend.conv2d(x, w, info);
  const y = c.relu ? backend.activation('relu', conv, 0) : conv;
  const data = Float64Array.from(backend.read(y));
  for (const t of new Set([x, w, conv, y])) backend.dispose(t);
  return { height: info.outH, width: info.outW, data };
}

/**
 * Where conv(shift(x)) and shift(conv(x)) can differ even with a shared kernel, for some picture.
 * The shifted picture S agrees with the picture X moved by d everywhere inside the frame; they part
 * only outside it, where S is zero padding but X moved by d would still hold a pixel (one the shift
 * pushed out). So a unit is in the band when its window reaches such a pixel, or when its partner
 * (y − dy, x − dx) is outside the output (shift(conv(x)) is 0 there) while its window sees pixels
 * the shift kept. Zero padding alone, with no shift, puts nothing in the band.
 */
export function borderBand(height: number, width: number, kernel: number, padding: LessonPadding, dy: number, dx: number): Uint8Array {
  const plan = planWindow(height, width, [kernel, kernel], [1, 1], padding);
  const outH = plan.rows.outSize;
  const outW = plan.cols.outSize;
  /** Along one axis, the window of output o: does it hold pixels the shift kept (in the frame, from the picture), and pixels pushed out (outside the frame, from the picture)? */
  const axis = (o: number, plan1: typeof plan.rows, shift: number) => {
    let kept = false;
    let pushedOut = false;
    for (let m = 0; m < plan1.kernel; m++) {
      const a = o * plan1.stride - plan1.padBefore + m;
      if (a - shift < 0 || a - shift >= plan1.inSize) continue;
      if (a >= 0 && a < plan1.inSize) kept = true;
      else pushedOut = true;
    }
    return { kept, pushedOut, fromPicture: kept || pushedOut };
  };
  const rows = Array.from({ length: outH }, (_, y) => axis(y, plan.rows, dy));
  const cols = Array.from({ length: outW }, (_, x) => axis(x, plan.cols, dx));
  const band = new Uint8Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const r = rows[y]!;
      const c = cols[x]!;
      const partnerOutside = y - dy < 0 || y - dy >= outH || x - dx < 0 || x - dx >= outW;
      const reachesPushedOut = r.fromPicture && c.fromPicture && (r.pushedOut || c.pushedOut);
      band[y * outW + x] = reachesPushedOut || (partnerOutside && r.kept && c.kept) ? 1 : 0;
    }
  }
  return band;
}

export function equivariance(picture: Picture, c: EquivarianceCase): EquivarianceResult {
  const gray = toGray(picture);
  const x: FeatureMap = { height: gray.height, width: gray.width, data: gray.data };
  const layerOfShifted = applyLayer(shiftMap(x, c.dy, c.dx), c);
  const shiftedOutput = shiftMap(applyLayer(x, c), c.dy, c.dx);
  const band = borderBand(gray.height, gray.width, c.kernel.size, c.padding, c.dy, c.dx);
  const difference = new Float64Array(layerOfShifted.data.length);
  let largestInside = 0;
  let largestInBand = 0;
  for (let i = 0; i < difference.length; i++) {
    const d = layerOfShifted.data[i]! - shiftedOutput.data[i]!;
    difference[i] = d;
    if (band[i]) largestInBand = Math.max(largestInBand, Math.abs(d));
    else largestInside = Math.max(largestInside, Math.abs(d));
  }
  return { layerOfShifted, shiftedOutput, difference: { height: layerOfShifted.height, width: layerOfShifted.width, data: difference }, band, largestInside, largestInBand };
}

/**
 * Sharing made visible: the input pixels that kernel weight (m, n) multiplies. Shared, it meets
 * (nearly) every pixel, once per output position; in a locally-connected layer the weight (m, n) of
 * one position's kernel meets one pixel only: the one under it at output position `at`.
 */
export function pixelsMultipliedBy(height: number, width: number, kernel: number, padding: LessonPadding, m: number, n: number, layer: SharingLayer, at: { y: number; x: number }): Uint8Array {
  const plan = planWindow(height, width, [kernel, kernel], [1, 1], padding);
  const mask = new Uint8Array(height * width);
  const mark = (oy: number, ox: number) => {
    const y = oy - plan.rows.padBefore + m;
    const x = ox - plan.cols.padBefore + n;
    if (y >= 0 && y < height && x >= 0 && x < width) mask[y * width + x] = 1;
  };
  if (layer === 'locallyConnected2d') mark(at.y, at.x);
  else for (let oy = 0; oy < plan.rows.outSize; oy++) for (let ox = 0; ox < plan.cols.outSize; ox++) mark(oy, ox);
  return mask;
}
