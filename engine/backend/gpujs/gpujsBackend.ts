/**
 * The GPU.js backend: every primitive as a GPU.js kernel, pinned to one mode
 * (webasm or cpu in Node; webgl2, webgl or webasm in a browser). Results stay
 * where the kernels leave them (WebGL textures, WebAssembly outputs) and feed
 * the next kernel directly; they come back to JavaScript only for metrics,
 * probes and saving. Kernels are compiled once per shape and cached.
 *
 * A kernel that gpu.js quietly runs on another mode (its fallback) is an
 * error here, so a parity test can never pass on the wrong backend.
 */
import { disposedTensorError, type ActivationKind, type AdamSettings, type Backend, type SgdSettings, type Tensor } from '../backend';
import type { ConvInfo, PoolInfo } from '../convInfo';
import { meanCrossEntropy } from '../crossEntropy';
import type { GpuClass, GpuInstance, GpuKernel, GpuMode, KernelArgument, KernelResult, KernelThis } from './gpuApi';
import * as k from './kernels.js';
import * as simd from './simdKernels.js';
import { checkGpujsInternals, returnFlatOutput } from './gpujsInternals';
import { runBuilt, type KernelThreads } from './kernelThreads';

/** Float indices are exact below 2^24; beyond that gpu.js's index math goes wrong. */
const MAX_ELEMENTS = 2 ** 24;

/**
 * gpu.js's kernel class per mode. Its `mode` says only 'gpu' for all three
 * WebGL flavours, so the class name is what tells WebGL2 from WebGL.
 */
const KERNEL_CLASS: Record<Exclude<GpuMode, 'webgpu'>, string> = {
  cpu: 'CPUKernel',
  webasm: 'WebAssemblyKernel',
  webgl2: 'WebGL2Kernel',
  webgl: 'WebGLKernel',
  headlessgl: 'HeadlessGLKernel',
};

/** What a released tensor holds. */
const NO_VALUES = new Float32Array(0);

/** Compiled kernels kept per backend; the least recently used are destroyed beyond this (each holds device memory). */
const KERNEL_CACHE_SIZE = 96;

interface Storage {
  value: KernelResult;
  refs: number;
}

class GpuTensor implements Tensor {
  readonly size: number;
  /** Set by dispose: its storage may already hold another kernel's values, so any later use throws. */
  disposed = false;
  constructor(
    readonly shape: readonly number[],
    public storage: Storage,
  ) {
    this.size = shape.reduce((a, b) => a * b, 1);
  }
}

export interface GpujsBackend extends Backend {
  readonly mode: GpuMode;
  /** Device buffers or textures still alive: a leak test watches this stay flat. */
  liveStorageCount(): number;
  /** Kernels compiled so far (one per primitive and shape). */
  compiledKernelCount(): number;
  destroy(): void;
}

type Source = (this: KernelThis, ...args: never[]) => number | number[];

/** gpu.js's [x, y, z] sizes of a kernel's cells, and about how many multiply-adds each cell does (to decide whether threads pay). */
interface Grid {
  output: readonly number[];
  work?: number;
}

export interface GpujsOptions {
  /**
   * Helper threads (webasm only), started by the host: kernels with enough
   * work then run on them beside the calling thread. The host owns them and
   * may share them between backends; without them everything runs on the
   * calling thread.
   */
  threads?: KernelThreads;
  /** Cells × work per cell from which a kernel runs on the threads (default about 50 µs of work; tests use 0 to thread everything). */
  threadedWork?: number;
}

/**
 * At most this many kernels run on the threads; the rest stay on the calling
 * thread. A threaded kernel's memory is held by the helpers until they end,
 * and a browser process holds at most about 125 WebAssembly memories in all,
 * so threaded kernels are never evicted and their number is bounded. The
 * first ones made (the training step's) are the ones that matter.
 */
const MAX_THREADED_KERNELS = 40;

/** A kernel's run is split over the threads when its cells times its work per cell reach this (about 50 µs on one thread). */
const THREADED_WORK = 1 << 16;

export function createGpujsBackend(GPU: GpuClass, mode: GpuMode, options: GpujsOptions = {}): GpujsBackend {
  if (mode === 'webgpu') {
    throw new Error('gpujs:webgpu runs kernels asynchronously, which this backend does not support yet; use webgl2, webasm or cpu');
  }
  let gpu: GpuInstance;
  // The webasm paths reach into gpu.js's private fields: a gpu.js without them fails here, by name.
  if (mode === 'webasm') checkGpujsInternals(GPU);
  try {
    gpu = new GPU({ mode });
  } catch (e) {
    throw new Error(`gpujs:${mode} is not available here (${(e as Error).message})`, { cause: e });
  }
  const kernels = new Map<string, GpuKernel>();
  let live = 0;
  const threads = mode === 'webasm' ? options.threads : undefined;

  /** The SIMD kernels' lane-friendly 3-D outputs and packed products pay off on webasm only (WebGL and cpu run cells one by one). */
  const lanes = mode === 'webasm';
  /**
   * gpu.js hands a webasm kernel's 3-D or packed result back as nested rows:
   * one subarray object per row, or per cell for a packed product. The backend
   * addresses every tensor flat, so the kernel returns the flat array instead.
   */
  const keepFlat = (kernel: GpuKernel) => {
    if (lanes) returnFlatOutput(kernel);
  };

  const own = (shape: readonly number[], value: KernelResult): GpuTensor => {
    live++;
    return new GpuTensor(shape, { value, refs: 1 });
  };
  /** A live gpujs tensor, or a clear error (another backend's, or disposed). */
  const alive = (t: Tensor): GpuTensor => {
    if (!(t instanceof GpuTensor)) throw new Error('a tensor from another backend was given to the gpujs backend');
    if (t.disposed) throw disposedTensorError(t);
    return t;
  };
  const storageOf = (t: Tensor): KernelResult => alive(t).storage.value;
  /**
   * The unrolled windows of each convolution input, kept while that input
   * lives: the filter gradient needs the windows the forward pass made, and
   * unrolling them again costs about as much as the product itself.
   */
  const unrolled = new Map<Storage, { key: string; windows: GpuTensor }>();
  const release = (storage: Storage) => {
    if (--storage.refs > 0) return;
    live--;
    const kept = unrolled.get(storage);
    if (kept) {
      unrolled.delete(storage);
      release(kept.windows.storage);
    }
    if (storage.value instanceof Float32Array) {
      // A dead tensor may still be referenced (a layer's saved inputs): drop the values, which may be a
      // view that would keep a kernel's whole WebAssembly memory alive.
      storage.value = NO_VALUES;
    } else {
      storage.value.delete();
    }
  };

  /**
   * A webasm kernel's result is a view of its output region in its module's
   * memory (copying it out cost a third of all copying). The tensor holding
   * it keeps the view until the kernel runs again while that tensor still
   * lives: then the tensor gets a copy first.
   */
  const outputHolder = new Map<GpuKernel, Storage>();
  /** Kernels that run on the threads. */
  const threaded = new Set<GpuKernel>();
  const keepOutputBeforeRerun = (kernel: GpuKernel) => {
    const holder = outputHolder.get(kernel);
    if (holder && holder.refs > 0 && holder.value instanceof Float32Array) holder.value = holder.value.slice();
    outputHolder.delete(kernel);
  };
  /**
   * Runs `source` over `output` (gpu.js's [x, y, z] sizes), compiling it on first use for these sizes and constants.
   * `sizes`: each argument's length ('n' for a number); gpu.js builds argument sizes into the compiled kernel.
   */
  /** The least recently used kernel that is not threaded (see MAX_THREADED_KERNELS), else the least recently used. */
  const leastRecentlyUsedEvictable = (): [string, GpuKernel] => {
    for (const entry of kernels) if (!threaded.has(entry[1])) return entry;
    return kernels.entries().next().value as [string, GpuKernel];
  };
  const run = (name: string, source: Source, { output, work = 1 }: Grid, constants: Record<string, number>, args: KernelArgument[], sizes: string, shape: readonly number[]): GpuTensor => {
    const size = output.reduce((a, b) => a * b, 1);
    if (size > MAX_ELEMENTS) throw new Error(`${name}: ${size} values is more than the gpujs backend handles (${MAX_ELEMENTS}); use the cpu backend`);
    const key = `${name}|${output.join('x')}|${sizes}|${JSON.stringify(constants)}`;
    let kernel = kernels.get(key);
    const fresh = kernel === undefined;
    if (kernel) {
      kernels.delete(key); // re-inserted below: Map order is the recency order
    } else {
      kernel = gpu.createKernel(source, { output: [...output], constants, pipeline: true, immutable: true, precision: 'single', loopMaxIterations: 1 << 30 });
      keepFlat(kernel);
      if (threads && threaded.size < MAX_THREADED_KERNELS && size * work >= (options.threadedWork ?? THREADED_WORK)) {
        threads.adopt(kernel);
        threaded.add(kernel);
      }
      while (kernels.size >= KERNEL_CACHE_SIZE) {
        const [oldest, evicted] = leastRecentlyUsedEvictable();
        threads?.forget(evicted);
        threaded.delete(evicted);
        keepOutputBeforeRerun(evicted);
        evicted.destroy?.();
        kernels.delete(oldest);
      }
    }
    kernels.set(key, kernel);
    // After its first call (which checks the mode it ran on) a webasm kernel runs straight on its module.
    if (lanes) keepOutputBeforeRerun(kernel);
    const result = (lanes && !fresh ? (runBuilt(kernel, args) as KernelResult | undefined) : undefined) ?? kernel(...args);
    if (fresh) {
      const ran = kernel.kernel?.constructor.name;
      if (ran !== KERNEL_CLASS[mode]) {
        // Forget the kernel, so the next call checks (and refuses) again.
        kernels.delete(key);
        kernel.destroy?.();
        if (!(result instanceof Float32Array)) result.delete();
        throw new Error(`gpujs:${mode} fell back to ${ran} for ${name}${kernel.kernel?.fallbackReason ? ` (${kernel.kernel.fallbackReason})` : ''}`);
      }
    }
    const tensor = own(shape, result);
    if (lanes) outputHolder.set(kernel, tensor.storage);
    return tensor;
  };
  /** Runs a kernel whose result has `shape` over the cells of `grid` (4 values per cell for the packed products). */
  const mapShaped = (name: string, source: Source, shape: readonly number[], grid: Grid, constants: Record<string, number>, ...inputs: (Tensor | number)[]): GpuTensor => {
    const sizes = inputs.map((t) => (typeof t === 'number' ? 'n' : t.size)).join(',');
    return run(name, source, grid, constants, inputs.map((t) => (typeof t === 'number' ? t : storageOf(t))), sizes, shape);
  };
  const map = (name: string, source: Source, shape: readonly number[], constants: Record<string, number>, ...inputs: (Tensor | number)[]): GpuTensor =>
    mapShaped(name, source, shape, { output: [shape.reduce((a, b) => a * b, 1)] }, constants, ...inputs);
  /** Moves `next`'s storage into `target` (the optimizers' in-place update). */
  const replace = (to: Tensor, next: GpuTensor) => {
    const target = alive(to);
    release(target.storage);
    target.storage = next.storage;
  };
  const download = (t: Tensor): Float32Array => {
    const value = storageOf(t);
    return value instanceof Float32Array ? value.slice() : Float32Array.from(value.toArray());
  };
  const convConstants = (info: ConvInfo) => ({ ...info, rowsPerSet: Math.ceil(info.outH / info.tilesH), colsPerSet: Math.ceil(info.outW / info.tilesW) });
  const windowConstants = (info: PoolInfo) => ({ ...info });
  /**
   * Ordinary convolution (one kernel set) runs as products with unrolled input
   * windows, unless the windows would be too many to hold; then the direct kernels.
   */
  const isShared = (info: ConvInfo) =>
    info.tilesH === 1 && info.tilesW === 1 && info.batch * info.outH * info.outW * info.inC * info.kH * info.kW <= MAX_ELEMENTS;
  const sharedConstants = (info: ConvInfo) => ({ ...info, rows: info.inC * info.kH * info.kW });
  /**
   * x's unrolled windows (webasm's columns [batch, rows, positions], or rows of
   * windows [batch·positions, rows]), kept with x until x goes or another
   * convolution of x replaces them: a new reference the caller disposes.
   */
  const windowsOf = (input: Tensor, info: ConvInfo): GpuTensor => {
    const x = alive(input);
    const key = JSON.stringify(info);
    const kept = unrolled.get(x.storage);
    if (kept?.key === key) {
      kept.windows.storage.refs++;
      return new GpuTensor(kept.windows.shape, kept.windows.storage);
    }
    const constants = sharedConstants(info);
    const windows = lanes
      ? mapShaped('im2colLanes', simd.im2colLanes, [info.batch, constants.rows, info.outH * info.outW], { output: [info.outW, info.outH, info.batch * constants.rows] }, constants, x)
      : map('im2row', k.im2row, [info.batch * info.outH * info.outW, constants.rows], constants, x);
    if (kept) release(kept.windows.storage);
    windows.storage.refs++;
    unrolled.set(x.storage, { key, windows });
    return windows;
  };
  /**
   * Whether a kernel with lanes along rows of `width` pays: gpu.js runs a row
   * whose width is not a multiple of 4 as a SIMD part and a scalar rest, two
   * calls into WebAssembly per row, which costs more than the lanes save.
   */
  const alongRows = (width: number) => lanes && width % 4 === 0;
  /** A packed product (4 channels per cell) in plain layout [outer, channels, cells]; frees the packed one. */
  const unpack = (packed: GpuTensor, shape: readonly number[], cells: number, channels: number, outer: number) => {
    const plain = mapShaped('unpackBlocks', simd.unpackBlocks, shape, { output: [cells, channels, outer] }, { cells, channels, blocks: Math.ceil(channels / 4) }, packed);
    release(packed.storage);
    return plain;
  };

  const activationKernel: Record<ActivationKind, Source> = { relu: k.relu, leakyRelu: k.leakyRelu, sigmoid: k.sigmoid, tanh: k.tanh };

  return {
    name: `gpujs:${mode}`,
    mode,
    liveStorageCount: () => live,
    compiledKernelCount: () => kernels.size,
    destroy() {
      for (const kernel of kernels.values()) {
        threads?.forget(kernel);
        // Tensors that outlive the backend keep copies, not views that would pin the kernel's memory.
        keepOutputBeforeRerun(kernel);
        kernel.destroy?.();
      }
      threads?.release();
      kernels.clear();
      threaded.clear();
      void gpu.destroy();
    },

    tensor(shape, values) {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size);
      if (values) {
        if (values.length !== size) throw new Error(`${values.length} values for shape [${shape.join(', ')}]`);
        data.set(values as ArrayLike<number>);
      }
      return own(shape, data);
    },
    read: download,
    dispose(t) {
      alive(t).disposed = true;
      release((t as GpuTensor).storage);
    },
    reshape(tensor, shape) {
      const t = alive(tensor);
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== t.size) throw new Error(`cannot reshape [${t.shape.join(', ')}] to [${shape.join(', ')}]`);
      t.storage.refs++;
      return new GpuTensor(shape, t.storage);
    },

    conv2d(x, w, info) {
      if (!isShared(info)) return map('conv2d', k.convForward, [info.batch, info.outC, info.outH, info.outW], convConstants(info), x, w);
      const windows = windowsOf(x, info);
      if (lanes) {
        const positions = info.outH * info.outW;
        const blocks = Math.ceil(info.outC / 4);
        const rows = sharedConstants(info).rows;
        const packed = mapShaped('convPacked', simd.convPacked, [info.batch, blocks, positions, 4], { output: [positions, blocks, info.batch], work: 4 * rows }, sharedConstants(info), windows, w);
        this.dispose(windows);
        return unpack(packed, [info.batch, info.outC, info.outH, info.outW], positions, info.outC, info.batch);
      }
      const y = map('convFromWindows', k.convFromWindows, [info.batch, info.outC, info.outH, info.outW], sharedConstants(info), windows, w);
      this.dispose(windows);
      return y;
    },
    conv2dBackwardInput(dy, w, info) {
      const inputShape = [info.batch, info.inC, info.inH, info.inW];
      if (!isShared(info)) return map('conv2dBackwardInput', k.convBackwardInput, inputShape, convConstants(info), dy, w);
      const constants = sharedConstants(info);
      if (lanes) {
        const positions = info.outH * info.outW;
        const blocks = Math.ceil(constants.rows / 4);
        const dWindows = mapShaped('windowsGradientPacked', simd.windowsGradientPacked, [info.batch, blocks, positions, 4], { output: [positions, blocks, info.batch], work: 4 * info.outC }, constants, dy, w);
        const dx = mapShaped('col2imPacked', simd.col2imPacked, inputShape, { output: [info.inW, info.inH, info.batch * info.inC], work: info.kH * info.kW }, { ...constants, blocks }, dWindows);
        this.dispose(dWindows);
        return dx;
      }
      const dWindows = map('windowsGradient', k.windowsGradient, [info.batch * info.outH * info.outW, constants.rows], constants, dy, w);
      const dx = map('col2im', k.col2im, inputShape, constants, dWindows);
      this.dispose(dWindows);
      return dx;
    },
    conv2dBackwardFilter(x, dy, info) {
      const shape = [info.tilesH * info.tilesW * info.outC, info.inC, info.kH, info.kW];
      if (!isShared(info)) return map('conv2dBackwardFilter', k.convBackwardFilter, shape, convConstants(info), x, dy);
      const windows = windowsOf(x, info);
      if (lanes) {
        const constants = sharedConstants(info);
        const blocks = Math.ceil(info.outC / 4);
        const packed = mapShaped('filterPacked', simd.filterPacked, [blocks, constants.rows, 4], { output: [constants.rows, blocks], work: 4 * info.batch * info.outH * info.outW }, constants, windows, dy);
        this.dispose(windows);
        return unpack(packed, shape, constants.rows, info.outC, 1);
      }
      const dw = map('filterFromWindows', k.filterFromWindows, shape, sharedConstants(info), windows, dy);
      this.dispose(windows);
      return dw;
    },

    addBias(y, b) {
      const batch = y.shape[0] ?? 1;
      const perSample = y.size / batch;
      const positions = perSample / b.size;
      if (alongRows(positions)) return mapShaped('addBiasLanes', simd.addBiasLanes, y.shape, { output: [positions, b.size, batch] }, { positions, channels: b.size }, y, b);
      return map('addBias', k.addBias, y.shape, { perSample, positions }, y, b);
    },
    biasGradient(dy, biasShape) {
      const batch = dy.shape[0] ?? 1;
      const perSample = dy.size / batch;
      const size = biasShape.reduce((a, b) => a * b, 1);
      return map('biasGradient', k.biasGradient, biasShape, { batch, perSample, positions: perSample / size }, dy);
    },

    maxPool(x, info) {
      const shape = [info.batch, info.inC, info.outH, info.outW];
      const argmax = alongRows(info.outW)
        ? mapShaped('maxPoolArgmaxLanes', simd.maxPoolArgmaxLanes, shape, { output: [info.outW, info.outH, info.batch * info.inC], work: info.kH * info.kW }, windowConstants(info), x)
        : map('maxPoolArgmax', k.maxPoolArgmax, shape, windowConstants(info), x);
      return { y: map('gatherByIndex', k.gatherByIndex, shape, {}, x, argmax), argmax };
    },
    maxPoolBackward(dy, argmax, info) {
      const shape = [info.batch, info.inC, info.inH, info.inW];
      if (alongRows(info.inW)) {
        const disjoint = info.strideH >= info.kH && info.strideW >= info.kW;
        const output = [info.inW, info.inH, info.batch * info.inC];
        if (!disjoint) return mapShaped('maxPoolBackwardLanes', simd.maxPoolBackwardLanes, shape, { output, work: info.kH * info.kW }, windowConstants(info), dy, argmax);
        return mapShaped('maxPoolBackwardDisjoint', simd.maxPoolBackwardDisjoint, shape, { output, work: 2 }, windowConstants(info), dy, argmax);
      }
      return map('maxPoolBackward', k.maxPoolBackward, shape, windowConstants(info), dy, argmax);
    },
    avgPool: (x, info) => map('avgPool', k.avgPoolForward, [info.batch, info.inC, info.outH, info.outW], windowConstants(info), x),
    avgPoolBackward: (dy, info) => map('avgPoolBackward', k.avgPoolBackward, [info.batch, info.inC, info.inH, info.inW], windowConstants(info), dy),

    matmul(a, b, transposeA, transposeB) {
      const [aRows = 0, aCols = 0] = a.shape;
      const [bRows = 0, bCols = 0] = b.shape;
      const [m, kk] = transposeA ? [aCols, aRows] : [aRows, aCols];
      const [k2, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
      if (kk !== k2) throw new Error(`matmul: inner sizes ${kk} and ${k2} differ`);
      const constants = { m, n, k: kk, aCols, bCols, transposeA: transposeA ? 1 : 0, transposeB: transposeB ? 1 : 0 };
      if (!lanes) return map('matmul', k.matmul, [m, n], constants, a, b);
      const blocks = Math.ceil(m / 4);
      return unpack(mapShaped('matmulPacked', simd.matmulPacked, [blocks, n, 4], { output: [n, blocks], work: 4 * kk }, constants, a, b), [m, n], n, m, 1);
    },

    activation: (kind, x, alpha) =>
      kind === 'leakyRelu' ? map(kind, k.leakyRelu, x.shape, {}, x, alpha) : map(kind, activationKernel[kind], x.shape, {}, x),
    activationBackward(kind, x, y, dy, alpha) {
      switch (kind) {
        case 'relu':
          return map('reluBackward', k.reluBackward, x.shape, {}, x, dy);
        case 'leakyRelu':
          return map('leakyReluBackward', k.leakyReluBackward, x.shape, {}, x, dy, alpha);
        case 'sigmoid':
          return map('sigmoidBackward', k.sigmoidBackward, x.shape, {}, y, dy);
        case 'tanh':
          return map('tanhBackward', k.tanhBackward, x.shape, {}, y, dy);
      }
    },

    add: (a, b) => map('add', k.add, a.shape, {}, a, b),
    multiply: (a, b) => map('multiply', k.multiply, a.shape, {}, a, b),

    concat(xs) {
      const [first, ...rest] = xs;
      if (!first) throw new Error('concat of nothing');
      const [batch = 0, , ...spatial] = first.shape;
      const inner = spatial.reduce((a, b) => a * b, 1);
      let joined = this.reshape(first, first.shape);
      for (const next of rest) {
        const channelsA = joined.shape[1] ?? 0;
        const channelsB = next.shape[1] ?? 0;
        const merged = map('concat', k.concatPair, [batch, channelsA + channelsB, ...spatial], { channelsA, channelsB, inner }, joined, next);
        this.dispose(joined);
        joined = merged;
      }
      return joined;
    },
    split(x, sizes) {
      const [batch = 0, total = 0, ...spatial] = x.shape;
      const inner = spatial.reduce((a, b) => a * b, 1);
      let start = 0;
      return sizes.map((count) => {
        const part = map('split', k.sliceChannels, [batch, count, ...spatial], { count, total, start, inner }, x);
        start += count;
        return part;
      });
    },

    softmax(logits) {
      const [rows = 0, cols = 0] = logits.shape;
      return map('softmax', k.softmax, [rows, cols], { cols }, logits);
    },
    // Metrics are computed in JavaScript on the downloaded probabilities.
    crossEntropy: (probs, labels) => meanCrossEntropy(download(probs), probs.shape[0] ?? 0, probs.shape[1] ?? 0, labels),
    softmaxCrossEntropyBackward(probs, labels) {
      const [rows = 0, cols = 0] = probs.shape;
      const labelTensor = own([rows], Float32Array.from(labels));
      const out = map('softmaxCrossEntropyBackward', k.softmaxCrossEntropyBackward, probs.shape, { rows, cols }, probs, labelTensor);
      release(labelTensor.storage);
      return out;
    },

    sum(t) {
      let total = 0;
      for (const v of download(t)) total += v;
      return total;
    },
    allFinite(t) {
      for (const v of download(t)) if (!Number.isFinite(v)) return false;
      return true;
    },

    sgdUpdate(param, grad, velocity, s: SgdSettings) {
      const v = map('sgdVelocity', k.sgdVelocity, param.shape, {}, param, grad, velocity, s.momentum, s.weightDecay);
      replace(velocity, v);
      replace(param, map('sgdParameter', k.sgdParameter, param.shape, {}, param, grad, velocity, s.learningRate, s.momentum, s.weightDecay, s.nesterov ? 1 : 0));
    },
    adamUpdate(param, grad, m, v, s: AdamSettings) {
      replace(m, map('adamFirstMoment', k.adamFirstMoment, param.shape, {}, param, grad, m, s.beta1, s.weightDecay));
      replace(v, map('adamSecondMoment', k.adamSecondMoment, param.shape, {}, param, grad, v, s.beta2, s.weightDecay));
      const c1 = 1 - s.beta1 ** s.step;
      const c2 = 1 - s.beta2 ** s.step;
      replace(param, map('adamParameter', k.adamParameter, param.shape, {}, param, m, v, s.learningRate, c1, c2, s.epsilon));
    },
  };
}
