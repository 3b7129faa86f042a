/**
 * The wasm backend's convolutions split over helper threads by samples: the
 * helpers instantiate the same module over the same shared memory (so there
 * is one WebAssembly memory for every thread and every run, not one per
 * kernel as with gpu.js), read the job from the block the module sets aside,
 * and each unrolls its samples' windows into its own scratch slot. The
 * filter gradient's partial sums, one per slot, are added up here after.
 * The threads are the host's (engine/backend/gpujs/kernelThreads.ts), shared
 * with gpujs:webasm where both run.
 */
import type { ConvInfo } from '../convInfo';
import type { KernelThreads, ThreadedModule } from '../gpujs/kernelThreads';
import type { WasmKernels } from './wasmModule';
import type { WasmStorage } from './wasmStorage';

export type ConvJob = 'forward' | 'filter' | 'input';

export interface WasmParallel {
  /** Runs a convolution job on the threads; false (nothing done) when it is too small to pay. */
  conv(job: ConvJob, a: number, b: number, out: number, info: ConvInfo): boolean;
}

/** Multiply-adds from which a convolution is split (a few hundred microseconds on one thread). */
const THREADED_MACS = 1 << 20;

/** Module ids below gpu.js's (which count up from 0), one per shared instance. */
let nextModuleId = -1;
const moduleIds = new WeakMap<WasmKernels, number>();

export function createWasmParallel(kernels: WasmKernels, storage: WasmStorage, threads: KernelThreads, threadedMacs = THREADED_MACS): WasmParallel {
  if (!kernels.shared) throw new Error('helper threads need the wasm kernels over a shared memory');
  const { exports } = kernels;
  let id = moduleIds.get(kernels);
  if (id === undefined) moduleIds.set(kernels, (id = nextModuleId--));
  const entry: ThreadedModule = { id, module: kernels.module, memory: kernels.memory, mathImports: [], run: exports.run };
  const kinds: Record<ConvJob, number> = { forward: exports.JOB_FORWARD.value, filter: exports.JOB_FILTER.value, input: exports.JOB_INPUT.value };
  return {
    conv(job, a, b, out, info) {
      const rows = info.inC * info.kH * info.kW;
      const positions = info.outH * info.outW;
      const parts = Math.min(threads.threads, info.batch);
      if (parts < 2 || info.batch * info.outC * rows * positions < threadedMacs) return false;
      const share = Math.ceil(info.batch / parts);
      const ranges = Array.from({ length: Math.ceil(info.batch / share) }, (_, i) => [i * share, Math.min(info.batch, (i + 1) * share)] as const);
      // Each slot: one sample's windows, then (filter gradient) that thread's partial dw; 16-byte aligned.
      const slotValues = Math.ceil((rows * positions + (job === 'filter' ? info.outC * rows : 0)) / 4) * 4;
      const scratch = storage.scratch(slotValues * ranges.length);
      try {
        threads.runModule(kernels, entry, ranges, () => {
          kernels.i32(exports.job(), 19).set([
            kinds[job], a, b, out, scratch, slotValues * 4, share, info.outC,
            info.inC, info.inH, info.inW, info.outH, info.outW, info.kH, info.kW, info.strideH, info.strideW, info.padTop, info.padLeft,
          ]);
        });
        if (job === 'filter') exports.sumSlots(scratch + rows * positions * 4, slotValues * 4, ranges.length, out, info.outC * rows);
      } finally {
        storage.free(scratch);
      }
      return true;
    },
  };
}
