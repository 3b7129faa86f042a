/**
 * What the wasm backend's kernels share: the module's exports, the storage,
 * and the CPU reference's kernel for each primitive the module does not
 * compute itself (run over views of the memory, its result copied in).
 */
import { createCpuContext } from '../cpu/cpuContext';
import { CpuTensor } from '../cpu/cpuTensor';
import { CPU_KERNELS } from '../cpu/kernels';
import type { Kernel, PrimitiveName } from '../kernelTable';
import type { KernelExports } from './wasmModule';
import type { WasmParallel } from './wasmThreads';
import { WasmTensor, type WasmStorage } from './wasmStorage';

export interface WasmContext {
  k: KernelExports;
  storage: WasmStorage;
  /** Convolutions over helper threads, where the host gave some. */
  parallel: WasmParallel | undefined;
  /** Runs the CPU reference's kernel for `name` on these arguments, its tensors seen in place. */
  viaCpu(name: PrimitiveName, args: unknown[]): unknown;
}

export function createWasmContext(k: KernelExports, storage: WasmStorage, parallel: WasmParallel | undefined): WasmContext {
  const cpu = createCpuContext(Float32Array);
  const cpuKernels = CPU_KERNELS as unknown as Record<PrimitiveName, (context: unknown, ...args: unknown[]) => unknown>;
  const toCpu = (value: unknown): unknown => {
    if (value instanceof WasmTensor) return new CpuTensor(value.shape, storage.view(value));
    return Array.isArray(value) ? value.map(toCpu) : value;
  };
  const results = (value: unknown): CpuTensor[] => {
    if (value instanceof CpuTensor) return [value];
    if (Array.isArray(value)) return value.flatMap(results);
    if (value && typeof value === 'object') return Object.values(value).flatMap(results);
    return [];
  };
  return {
    k,
    storage,
    parallel,
    viaCpu(name, args) {
      const result = cpuKernels[name](cpu, ...args.map(toCpu));
      // A result may be a view of an input, in the module's memory: copied out before anything allocated could move it.
      const copies = new Map(results(result).map((t) => [t, storage.inMemory(t.data) ? t.data.slice() : t.data]));
      const toWasm = (value: unknown): unknown => {
        if (value instanceof CpuTensor) {
          const tensor = storage.allocate(value.shape);
          storage.view(tensor).set(copies.get(value) as Float32Array);
          return tensor;
        }
        if (Array.isArray(value)) return value.map(toWasm);
        if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, toWasm(v)]));
        return value;
      };
      return toWasm(result);
    },
  };
}

/** The CPU reference's kernel for a primitive, as a wasm kernel. */
export const viaCpu =
  <Name extends PrimitiveName>(name: Name): Kernel<WasmContext, Name> =>
  (c, ...args) =>
    c.viaCpu(name, args) as ReturnType<Kernel<WasmContext, Name>>;
