/**
 * Lesson 5, pooling and invariance: detector units (a kernel's ReLU
 * output), max-pooled over windows of 1 (no pooling), 2 and 3, stride 1; the
 * input shifted by 0 to `maxShift` pixels in one direction; and, for each
 * pool size and shift, the fraction of units whose value did not change.
 * A pooled unit keeps its value as long as its window's largest detector
 * stays inside the window and no larger one comes in: what the lecture calls
 * approximate invariance to small translations.
 *
 * Only units that see part of the picture are counted (their value, before
 * or after the shift, above 1e-9 of the map's largest): on a digit's black
 * background every unit is 0 and stays 0, whatever the pooling.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { windowInfo } from '../backend/convInfo';
import { applyLayer, shiftMap } from './equivariance';
import type { FeatureMap, Kernel } from './kernels';
import { toGray, type Picture } from './picture';

export const POOL_SIZES = [1, 2, 3] as const;

/** The shift's direction, one pixel per step. */
export const DIRECTIONS = { right: { dy: 0, dx: 1 }, left: { dy: 0, dx: -1 }, down: { dy: 1, dx: 0 }, up: { dy: -1, dx: 0 } } as const;

export interface PoolingCase {
  kernel: Kernel;
  /** The shift's direction: one step is (dy, dx), e.g. (0, 1) to the right. */
  direction: { dy: number; dx: number };
  maxShift: number;
}

export interface InvarianceRow {
  pool: number;
  /** Index s: the fraction unchanged after a shift of s steps (1 at s = 0). */
  unchanged: number[];
  /** How many units were counted at each shift. */
  counted: number[];
}

/** Max pooling with a window of `size`, stride 1, no padding, on the CPU reference backend; size 1 is the map itself. */
export function maxPoolMap(map: FeatureMap, size: number): FeatureMap {
  if (size === 1) return map;
  const backend = createCpuBackend('float64');
  const shape = [1, 1, map.height, map.width];
  const info = windowInfo(shape, [size, size], [1, 1], 'valid');
  const x = backend.tensor(shape, map.data);
  const { y, argmax } = backend.maxPool(x, info);
  const data = Float64Array.from(backend.read(y));
  for (const t of [x, y, argmax]) backend.dispose(t);
  return { height: info.outH, width: info.outW, data };
}

/** The detector units: the kernel (shared, same padding), then ReLU. */
export function detectorOf(map: FeatureMap, kernel: Kernel): FeatureMap {
  return applyLayer(map, { kernel, layer: 'conv2d', padding: 'same', relu: true, seed: 1 });
}

/** Which units changed (1) between two maps of one size; `counted` marks the units that see the picture. */
export function changedUnits(before: FeatureMap, after: FeatureMap): { changed: Uint8Array; counted: Uint8Array } {
  let largest = 0;
  for (const m of [before, after]) for (const v of m.data) largest = Math.max(largest, Math.abs(v));
  const floor = 1e-9 * largest;
  const changed = new Uint8Array(before.data.length);
  const counted = new Uint8Array(before.data.length);
  for (let i = 0; i < before.data.length; i++) {
    const a = before.data[i]!;
    const b = after.data[i]!;
    counted[i] = Math.abs(a) > floor || Math.abs(b) > floor ? 1 : 0;
    changed[i] = counted[i] && Math.abs(a - b) > floor ? 1 : 0;
  }
  return { changed, counted };
}

export function invariance(picture: Picture, c: PoolingCase): InvarianceRow[] {
  const gray = toGray(picture);
  const x: FeatureMap = { height: gray.height, width: gray.width, data: gray.data };
  const detectors = Array.from({ length: c.maxShift + 1 }, (_, s) => detectorOf(shiftMap(x, s * c.direction.dy, s * c.direction.dx), c.kernel));
  return POOL_SIZES.map((pool) => {
    const pooled = detectors.map((d) => maxPoolMap(d, pool));
    const unchanged: number[] = [];
    const counted: number[] = [];
    for (const after of pooled) {
      const units = changedUnits(pooled[0]!, after);
      const n = units.counted.reduce((a, b) => a + b, 0);
      const moved = units.changed.reduce((a, b) => a + b, 0);
      counted.push(n);
      unchanged.push(n === 0 ? 1 : (n - moved) / n);
    }
    return { pool, unchanged, counted };
  });
}

/** The pooled maps before and after one shift, and which of their units changed: what the view draws. */
export function pooledPair(picture: Picture, c: PoolingCase, pool: number, shift: number): { before: FeatureMap; after: FeatureMap; changed: Uint8Array } {
  const gray = toGray(picture);
  const x: FeatureMap = { height: gray.height, width: gray.width, data: gray.data };
  const before = maxPoolMap(detectorOf(x, c.kernel), pool);
  const after = maxPoolMap(detectorOf(shiftMap(x, shift * c.direction.dy, shift * c.direction.dx), c.kernel), pool);
  return { before, after, changed: changedUnits(before, after).changed };
}
