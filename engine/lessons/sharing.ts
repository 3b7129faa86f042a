/**
 * Lesson 10, locally-connected and tiled convolution: one layer at every
 * level of weight sharing, from convolution (one kernel set everywhere)
 * through tiled (t×t kernel sets rotated through space) to locally connected
 * (a kernel per output position). For each: the parameter count from the
 * engine's shape inference, which kernel set each output position uses, the
 * sets themselves (seeded), and the layer's output on a picture.
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import type { GraphNode } from '../graph/schema';
import { createRandom } from '../network/random';
import { inferLayer } from '../shapes/infer';
import type { FeatureMap } from './kernels';
import { toGray, type Picture } from './picture';

export type SharingLevel = { kind: 'conv' } | { kind: 'tiled'; tiles: number } | { kind: 'local' };

/** Convolution, tiled with 2×2 up to 4×4 sets (while they fit), locally connected. */
export function sharingLevels(outH: number, outW: number): SharingLevel[] {
  const tiled: SharingLevel[] = [];
  for (let t = 2; t <= Math.min(4, outH, outW); t++) tiled.push({ kind: 'tiled', tiles: t });
  return [{ kind: 'conv' }, ...tiled, { kind: 'local' }];
}

export function levelName(level: SharingLevel): string {
  return level.kind === 'conv' ? 'convolution (one kernel set)' : level.kind === 'local' ? 'locally connected (a kernel per position)' : `tiled, ${level.tiles}×${level.tiles} kernel sets`;
}

export interface SharingResult {
  level: SharingLevel;
  /** Kernel sets the layer stores. */
  sets: number;
  /** Weights per set (C_in·k_h·k_w·C_out) and biases. */
  perSet: number;
  biases: number;
  /** From the engine's shape inference (weights and biases). */
  parameters: number;
  /** outH × outW: the kernel set each output position uses. */
  setMap: Uint16Array;
  /** The first sets' kernels (k×k each, filter 1, channel 1), for display. */
  kernels: number[][];
  output: FeatureMap;
}

export function sharingLayer(picture: Picture, level: SharingLevel, kernel = 3, seed = 1): SharingResult {
  const gray = toGray(picture);
  const type = level.kind === 'conv' ? 'conv2d' : level.kind === 'tiled' ? 'tiledConv2d' : 'locallyConnected2d';
  const params = { filters: 1, kernelSize: [kernel, kernel], strides: [1, 1], padding: 'valid', useBias: true, ...(level.kind === 'tiled' ? { tiles: [level.tiles, level.tiles] } : {}) };
  const inferred = inferLayer({ id: 'layer', type, params } as GraphNode, 0, [{ id: 'input', shape: [1, gray.height, gray.width] }]);
  if (!inferred.ok) throw new Error(inferred.problems.map((p) => p.message).join('; '));
  const [, outH = 0, outW = 0] = inferred.info.outputShape;
  const shape = [1, 1, gray.height, gray.width];
  const info = convInfo(shape, 1, [kernel, kernel], [1, 1], 'valid', level.kind === 'conv' ? [1, 1] : level.kind === 'tiled' ? [level.tiles, level.tiles] : 'local');
  const sets = info.tilesH * info.tilesW;
  const perSet = kernel * kernel;
  const random = createRandom(seed);
  const weights = Float64Array.from({ length: sets * perSet }, () => random.normal() / kernel);
  const backend = createCpuBackend('float64');
  const x = backend.tensor(shape, gray.data);
  const w = backend.tensor([sets, 1, kernel, kernel], weights);
  const y = backend.conv2d(x, w, info);
  const output = { height: outH, width: outW, data: Float64Array.from(backend.read(y)) };
  for (const t of [x, w, y]) backend.dispose(t);
  const setMap = new Uint16Array(outH * outW);
  for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) setMap[oy * outW + ox] = (oy % info.tilesH) * info.tilesW + (ox % info.tilesW);
  const kernels = Array.from({ length: Math.min(sets, 4) }, (_, s) => Array.from(weights.subarray(s * perSet, (s + 1) * perSet)));
  const biases = level.kind === 'local' ? outH * outW : 1;
  return { level, sets, perSet, biases, parameters: inferred.info.params, setMap, kernels, output };
}
