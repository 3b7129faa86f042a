/**
 * The only code that touches gpu.js's private fields: its WebAssemblyKernel's
 * `_shapeOutput` (to get a flat result), `_threadable` and `_runThreaded` (to
 * run a kernel on our helper threads), and `_active`, the built module entry
 * (to run a built kernel straight on its module). They belong to the gpu.js
 * version package.json pins exactly; `checkGpujsInternals` looks for every one
 * when a webasm backend is made and fails with a message naming what changed,
 * rather than letting a later kernel call misbehave.
 */
import type { RangeRunner } from './helperThread';
import type { GpuClass, GpuKernel } from './gpuApi';

/** The gpu.js these internals were written against (package.json pins it). */
export const GPUJS_VERSION = '2.24.1';

export type { RangeRunner };

/** gpu.js's module entry for one kernel and size (WebAssemblyKernel._active). */
export interface ModuleEntry {
  id: number;
  /** Set when the entry's memory is shared between threads. */
  shared?: boolean;
  /** A WebAssembly.Module and the shared WebAssembly.Memory it runs over (both cloneable into a helper). */
  module: unknown;
  memory: unknown;
  mathImports: string[];
  layout: { arrays: Record<string, { index: number; offset: number }>; scalars: Record<string, { index: number; offset: number; type: string }>; outputOffset: number };
  cells: number;
  sizeX: number;
  f32: Float32Array;
  i32: Int32Array;
  run: RangeRunner;
  runSimd: RangeRunner | null;
}

/** A WebAssemblyKernel as far as this backend reaches into it. */
export interface KernelInstance {
  _active?: ModuleEntry;
  output: number[];
  componentCount: number;
  _shapeOutput(data: Float32Array, output: number[], componentCount: number): unknown;
  _threadable(): boolean;
  _runThreaded(args: ArrayLike<unknown>): unknown;
}

const METHODS = ['_shapeOutput', '_threadable', '_runThreaded'] as const;
const ENTRY_FIELDS = ['id', 'module', 'memory', 'layout', 'cells', 'sizeX', 'f32', 'i32', 'run'] as const;

const checked = new WeakMap<GpuClass, string | undefined>();

/**
 * Builds and runs a one-line webasm kernel and checks that every private
 * field used here is there; throws, naming the missing ones and the gpu.js
 * version expected, when one is not. Done once per GPU class.
 */
export function checkGpujsInternals(GPU: GpuClass): void {
  if (!checked.has(GPU)) checked.set(GPU, missingInternals(GPU));
  const missing = checked.get(GPU);
  if (missing) throw new Error(`gpujs:webasm cannot run on this gpu.js: its WebAssemblyKernel has no ${missing}. ConvStudio's webasm backend uses these private fields of gpu.js ${GPUJS_VERSION}, which package.json pins; reinstall that version (npm ci)`);
}

function missingInternals(GPU: GpuClass): string | undefined {
  const gpu = new GPU({ mode: 'webasm' });
  try {
    const kernel = gpu.createKernel(function probe() {
      return 1;
    }, { output: [4], constants: {}, pipeline: false, immutable: true });
    kernel();
    const instance = kernel.kernel as unknown as Partial<KernelInstance> | undefined;
    const missing: string[] = METHODS.filter((name) => typeof instance?.[name] !== 'function');
    const entry = instance?._active as Record<string, unknown> | undefined;
    if (!entry || typeof entry !== 'object') missing.push('_active (the built module entry)');
    else missing.push(...ENTRY_FIELDS.filter((name) => entry[name] === undefined).map((name) => `_active.${name}`));
    kernel.destroy?.();
    return missing.length ? missing.join(', ') : undefined;
  } finally {
    void gpu.destroy();
  }
}

export function instanceOf(kernel: GpuKernel): KernelInstance | undefined {
  return kernel.kernel as unknown as KernelInstance | undefined;
}

/** gpu.js hands a webasm kernel's 3-D or packed result back as nested rows; this makes it return the flat array. */
export function returnFlatOutput(kernel: GpuKernel): void {
  const instance = instanceOf(kernel);
  if (instance) instance._shapeOutput = (data: Float32Array) => data;
}

/** The kernel's built module for its current sizes, once it has run. */
export function builtModule(instance: KernelInstance): ModuleEntry | undefined {
  return instance._active;
}

/** The kernel's result from a region of its module's memory, shaped as gpu.js would shape it. */
export function shapeOutput(instance: KernelInstance, data: Float32Array): unknown {
  return instance._shapeOutput(data, Array.from(instance.output), instance.componentCount);
}

/** From now on every run of the kernel goes to `run` (shared memory at every size) instead of gpu.js's Promise-based pool. */
export function takeOverThreading(kernel: GpuKernel, run: (instance: KernelInstance, args: ArrayLike<unknown>) => unknown): KernelInstance {
  const instance = instanceOf(kernel);
  if (!instance || typeof instance._runThreaded !== 'function') throw new Error(`gpu.js changed: a webasm kernel has no _runThreaded to take over (written against gpu.js ${GPUJS_VERSION})`);
  instance._threadable = () => true;
  instance._runThreaded = (args: ArrayLike<unknown>) => run(instance, args);
  return instance;
}

/** Runs a taken-over kernel on the threads, as its own call would. */
export function runThreaded(instance: KernelInstance, args: ArrayLike<unknown>): unknown {
  return instance._runThreaded(args);
}
