/**
 * Lesson 3, computational costs: the lecture's table for one conv-like layer
 * on one input size (stored floats, and float multiplies or adds, for the
 * convolution, the same linear map as a dense matrix and as a sparse one),
 * from the same shape inference `convstudio summary` uses, and a measured
 * column: the convolution timed against the dense matrix product on this
 * machine, where the dense matrix fits in memory.
 */
import type { Backend } from '../backend/backend';
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import type { GraphNode, Padding } from '../graph/schema';
import { createRandom } from '../network/random';
import { inferLayer } from '../shapes/infer';
import type { MatrixEquivalent } from '../shapes/matrixEquivalent';
import { planWindow } from '../shapes/windowArithmetic';
import { LessonOptionError, parseChoice, parseInteger, parsePadding, parsePair } from './options';

export type ConvKind = 'conv2d' | 'locallyConnected2d';

export interface CostCase {
  layer: ConvKind;
  inChannels: number;
  height: number;
  width: number;
  filters: number;
  /** Kernel rows × columns. */
  kernel: [number, number];
  strides: [number, number];
  padding: Padding;
}

/** The lecture's slide: a 320×280 picture, a 2×1 kernel (each pixel minus its neighbour), a 319×280 output. */
export const SLIDE_CASE: CostCase = { layer: 'conv2d', inChannels: 1, height: 320, width: 280, filters: 1, kernel: [2, 1], strides: [1, 1], padding: 'valid' };

export interface CostTable {
  case: CostCase;
  /** The layer's output, filters × height × width. */
  outputShape: number[];
  inputs: number;
  outputs: number;
  table: MatrixEquivalent;
}

/** The table, or the reason the layer cannot be built on that input (a kernel larger than the picture…). */
export function costTable(c: CostCase): CostTable {
  const node = { id: 'layer', type: c.layer, params: { filters: c.filters, kernelSize: c.kernel, strides: c.strides, padding: c.padding, useBias: false } } as GraphNode;
  const inferred = inferLayer(node, 0, [{ id: 'input', shape: [c.inChannels, c.height, c.width] }]);
  if (!inferred.ok) throw new Error(inferred.problems.map((p) => p.message).join('; '));
  const table = inferred.info.matrixEquivalent;
  if (!table) throw new Error(`${c.layer} has no matrix equivalent`);
  const outputShape = [...inferred.info.outputShape];
  return { case: c, outputShape, inputs: c.inChannels * c.height * c.width, outputs: outputShape.reduce((a, b) => a * b, 1), table };
}

/** The dense matrix is built and timed only up to this many floats (64 MB in float32: LeNet-5's c1 needs 15 MB). */
export const MAX_DENSE_FLOATS = 16 * 1024 * 1024;

export interface MeasuredCosts {
  /** Median milliseconds of one convolution (shared kernel or per-position kernels, as the layer does it). */
  convolutionMs: number;
  /** Median milliseconds of the dense matrix-vector product W·x; undefined when W does not fit. */
  denseMs?: number;
  /** Memory the dense matrix W takes in float32, in GB (measured or not). */
  denseGigabytes: number;
  repeats: number;
}

/**
 * Times the layer's convolution and the same map as a dense matrix product on the CPU reference
 * backend (float32), with random weights and input. `now` is the host's clock (ms).
 */
export function measureCosts(c: CostCase, now: () => number, repeats = 5): MeasuredCosts {
  const { table, outputs, inputs } = costTable(c);
  const backend = createCpuBackend('float32');
  const random = createRandom(1);
  const uniform = () => random.next() - 0.5;
  const shape = [1, c.inChannels, c.height, c.width];
  const info = convInfo(shape, c.filters, c.kernel, c.strides, c.padding, c.layer === 'conv2d' ? [1, 1] : 'local');
  const x = backend.tensor(shape, Array.from({ length: inputs }, uniform));
  const w = backend.tensor([info.tilesH * info.tilesW * c.filters, c.inChannels, ...c.kernel], Array.from({ length: table.convolution.storedFloats }, uniform));
  const convolutionMs = median(repeats, now, backend, () => backend.conv2d(x, w, info));
  const denseGigabytes = (table.dense.storedFloats * 4) / 1e9;
  let denseMs: number | undefined;
  if (table.dense.storedFloats <= MAX_DENSE_FLOATS) {
    const dense = backend.tensor([outputs, inputs], denseMatrix(c, backend.read(w)));
    const column = backend.reshape(x, [inputs, 1]);
    denseMs = median(repeats, now, backend, () => backend.matmul(dense, column, false, false));
    backend.dispose(dense);
    backend.dispose(column);
  }
  backend.dispose(x);
  backend.dispose(w);
  return { convolutionMs, ...(denseMs !== undefined ? { denseMs } : {}), denseGigabytes, repeats };
}

/** W as a dense outputs × inputs matrix: row (f, oy, ox) holds the kernel at the input pixels its window covers. */
export function denseMatrix(c: CostCase, kernels: ArrayLike<number>, precision: 'float32' | 'float64' = 'float32'): Float32Array | Float64Array {
  const plan = planWindow(c.height, c.width, c.kernel, c.strides, c.padding);
  const [kH, kW] = c.kernel;
  const outH = plan.rows.outSize;
  const outW = plan.cols.outSize;
  const inputs = c.inChannels * c.height * c.width;
  const matrix = new (precision === 'float64' ? Float64Array : Float32Array)(c.filters * outH * outW * inputs);
  for (let f = 0; f < c.filters; f++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const row = ((f * outH + oy) * outW + ox) * inputs;
        // Shared: one kernel set; locally connected: one per output position, in memory order [oy, ox, f, ...].
        const set = c.layer === 'conv2d' ? f : (oy * outW + ox) * c.filters + f;
        for (let ch = 0; ch < c.inChannels; ch++) {
          for (let i = 0; i < kH; i++) {
            const y = oy * plan.rows.stride - plan.rows.padBefore + i;
            if (y < 0 || y >= c.height) continue;
            for (let j = 0; j < kW; j++) {
              const xx = ox * plan.cols.stride - plan.cols.padBefore + j;
              if (xx < 0 || xx >= c.width) continue;
              matrix[row + (ch * c.height + y) * c.width + xx] = kernels[((set * c.inChannels + ch) * kH + i) * kW + j]!;
            }
          }
        }
      }
    }
  }
  return matrix;
}

function median(repeats: number, now: () => number, backend: Backend, run: () => ReturnType<Backend['conv2d']>): number {
  const times: number[] = [];
  backend.dispose(run()); // once untimed: the first call compiles and allocates
  for (let r = 0; r < repeats; r++) {
    const start = now();
    const out = run();
    backend.read(out);
    times.push(now() - start);
    backend.dispose(out);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The cost case the options describe: the slide's, or the one spelled out. */
export function costCaseOf(values: Readonly<Record<string, string>>): CostCase {
  if (parseChoice('preset', values['preset'] ?? 'slide', ['slide', 'none']) === 'slide') return SLIDE_CASE;
  const input = (values['input'] ?? '1x28x28').split(/[x×,]/);
  if (input.length !== 3) throw new LessonOptionError('input', `expected CHANNELSxHEIGHTxWIDTH such as 1x28x28, not "${values['input']}"`);
  const [inChannels, height, width] = input.map((p) => parseInteger('input', p.trim(), 1, 100_000)) as [number, number, number];
  return {
    layer: parseChoice<ConvKind>('layer', values['layer'] ?? 'conv2d', ['conv2d', 'locallyConnected2d']),
    inChannels, height, width,
    filters: parseInteger('filters', values['filters'] ?? '1', 1, 4096),
    kernel: parsePair('kernel', values['kernel'] ?? '3x3', 1, 1024),
    strides: parsePair('strides', values['strides'] ?? '1x1', 1, 1024),
    padding: parsePadding('padding', values['padding'] ?? 'valid'),
  };
}
