/**
 * Compiling and running the gpujs backend's kernels: each kernel source is
 * compiled once per output size, argument sizes and constants, kept in a
 * least-recently-used cache, checked on its first run to have run on the
 * backend's own mode (gpu.js's quiet fallback is an error here, so a parity
 * test can never pass on the wrong backend), and handed to the helper
 * threads when its work pays for them.
 */
import type { Tensor } from '../backend';
import type { GpuInstance, GpuKernel, GpuMode, KernelArgument, KernelResult, KernelThis } from './gpuApi';
import type { GpujsStorage, GpuTensor } from './gpujsStorage';
import { returnFlatOutput } from './gpujsInternals';
import { runBuilt, type KernelThreads } from './kernelThreads';
import { adamFirstMoment, adamParameter, adamSecondMoment, sgdParameter, sgdVelocity } from '../optimizerMath.js';

/** A helper's source under `name`, whatever a bundler called the function; its arguments and result are numbers. */
const helper = (name: string, fn: (...args: number[]) => number) => ({
  name,
  source: fn.toString().replace(/^function\s*[\w$]*/, `function ${name}`),
  settings: { argumentTypes: Array.from({ length: fn.length }, () => 'Number'), returnType: 'Number' },
});

/** The helpers kernels may call (../optimizerMath.js), by the names the kernel sources use. */
const KERNEL_HELPERS = [
  helper('sgdVelocity', sgdVelocity),
  helper('sgdParameter', sgdParameter),
  helper('adamFirstMoment', adamFirstMoment),
  helper('adamSecondMoment', adamSecondMoment),
  helper('adamParameter', adamParameter),
];

/** Float indices are exact below 2^24; beyond that gpu.js's index math goes wrong. */
export const MAX_ELEMENTS = 2 ** 24;

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

/** Compiled kernels kept per backend; the least recently used are destroyed beyond this (each holds device memory). */
const KERNEL_CACHE_SIZE = 96;

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

/** A kernel source whose `this.constants` are `Constants`. */
export type Source<Constants> = (this: KernelThis<Constants>, ...args: never[]) => number | number[];

/** gpu.js's [x, y, z] sizes of a kernel's cells, and about how many multiply-adds each cell does (to decide whether threads pay). */
export interface Grid {
  output: readonly number[];
  work?: number;
}

export interface KernelCacheOptions {
  threads?: KernelThreads | undefined;
  threadedWork?: number | undefined;
}

export interface KernelCache {
  /** Runs a kernel whose result has `shape` over the cells of `grid` (4 values per cell for the packed products). */
  mapShaped<Constants>(name: string, source: Source<Constants>, shape: readonly number[], grid: Grid, constants: NoInfer<Constants>, ...inputs: (Tensor | number)[]): GpuTensor;
  /** Runs a kernel with one cell per value of its result. */
  map<Constants>(name: string, source: Source<Constants>, shape: readonly number[], constants: NoInfer<Constants>, ...inputs: (Tensor | number)[]): GpuTensor;
  count(): number;
  destroy(): void;
}

export function createKernelCache(gpu: GpuInstance, mode: Exclude<GpuMode, 'webgpu'>, storage: GpujsStorage, options: KernelCacheOptions): KernelCache {
  const kernels = new Map<string, GpuKernel>();
  const threads = mode === 'webasm' ? options.threads : undefined;
  /** webasm kernels run straight on their module after the first call, and hand back views of their output. */
  const webasm = mode === 'webasm';
  /**
   * A webasm kernel's result is a view of its output region in its module's
   * memory (copying it out cost a third of all copying). The tensor holding
   * it keeps the view until the kernel runs again while that tensor still
   * lives: then the tensor gets a copy first.
   */
  const outputHolder = new Map<GpuKernel, { value: KernelResult; refs: number }>();
  /** Kernels that run on the threads. */
  const threaded = new Set<GpuKernel>();
  const keepOutputBeforeRerun = (kernel: GpuKernel) => {
    const holder = outputHolder.get(kernel);
    if (holder && holder.refs > 0 && holder.value instanceof Float32Array) holder.value = holder.value.slice();
    outputHolder.delete(kernel);
  };
  /** The least recently used kernel that is not threaded (see MAX_THREADED_KERNELS), else the least recently used. */
  const leastRecentlyUsedEvictable = (): [string, GpuKernel] => {
    for (const entry of kernels) if (!threaded.has(entry[1])) return entry;
    return kernels.entries().next().value as [string, GpuKernel];
  };
  const compile = (source: Source<never>, output: readonly number[], constants: object, cellsTimesWork: number): GpuKernel => {
    const text = source.toString();
    // Only the helpers this source calls: each one compiled in makes every shader and module larger.
    const functions = KERNEL_HELPERS.filter((h) => text.includes(`${h.name}(`));
    const kernel = gpu.createKernel(source, { output: [...output], constants, functions, pipeline: true, immutable: true, precision: 'single', loopMaxIterations: 1 << 30 });
    // gpu.js hands a webasm kernel's 3-D or packed result back as nested rows; the backend addresses every tensor flat.
    if (webasm) returnFlatOutput(kernel);
    if (threads && threaded.size < MAX_THREADED_KERNELS && cellsTimesWork >= (options.threadedWork ?? THREADED_WORK)) {
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
    return kernel;
  };
  /** `sizes`: each argument's length ('n' for a number); gpu.js builds argument sizes into the compiled kernel. */
  const run = (name: string, source: Source<never>, { output, work = 1 }: Grid, constants: object, args: KernelArgument[], sizes: string, shape: readonly number[]): GpuTensor => {
    const size = output.reduce((a, b) => a * b, 1);
    if (size > MAX_ELEMENTS) throw new Error(`${name}: ${size} values is more than the gpujs backend handles (${MAX_ELEMENTS}); use the cpu backend`);
    const key = `${name}|${output.join('x')}|${sizes}|${JSON.stringify(constants)}`;
    let kernel = kernels.get(key);
    const fresh = kernel === undefined;
    if (kernel) kernels.delete(key); // re-inserted below: Map order is the recency order
    else kernel = compile(source, output, constants, size * work);
    kernels.set(key, kernel);
    if (webasm) keepOutputBeforeRerun(kernel);
    const result = (webasm && !fresh ? (runBuilt(kernel, args) as KernelResult | undefined) : undefined) ?? kernel(...args);
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
    const tensor = storage.own(shape, result);
    if (webasm) outputHolder.set(kernel, tensor.storage);
    return tensor;
  };
  const mapShaped: KernelCache['mapShaped'] = (name, source, shape, grid, constants, ...inputs) => {
    const sizes = inputs.map((t) => (typeof t === 'number' ? 'n' : t.size)).join(',');
    return run(name, source as Source<never>, grid, constants as object, inputs.map((t) => (typeof t === 'number' ? t : storage.valueOf(t))), sizes, shape);
  };
  return {
    mapShaped,
    map: (name, source, shape, constants, ...inputs) => mapShaped(name, source, shape, { output: [shape.reduce((a, b) => a * b, 1)] }, constants, ...inputs),
    count: () => kernels.size,
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
    },
  };
}
