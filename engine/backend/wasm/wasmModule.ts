/**
 * The wasm backend's compiled kernels (./assembly/kernels.ts, built into
 * ./kernelsModule.ts) and the one memory they work in. One instance per
 * thread, shared by every wasm backend made on it: a backend's destroy frees
 * its tensors, not the memory, so a page that trains a hundred times holds
 * one WebAssembly memory, not a hundred (a Chromium process holds only about
 * 125 at once).
 *
 * Chromium refuses to compile or instantiate a module over 4 KB synchronously
 * on a page's main thread; there, `loadWasmKernels()` first (workers and Node
 * may instantiate at once).
 */
import { base64ToBytes } from '../../graph/base64';
import { KERNELS_WASM, KERNELS_WASM_SHARED } from './kernelsModule';

/** The exports of ./assembly/kernels.ts: pointers are byte offsets, counts in float32 values, booleans 0 or 1. */
export interface KernelExports {
  alloc(bytes: number): number;
  release(ptr: number): void;
  fill(ptr: number, count: number, value: number): void;
  gemmRows(a: number, sai: number, sak: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, accumulate: number): void;
  gemmDot(a: number, lda: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, accumulate: number): void;
  transpose(src: number, out: number, rows: number, cols: number): void;
  setWindow(inC: number, inH: number, inW: number, outH: number, outW: number, kH: number, kW: number, strideH: number, strideW: number, padTop: number, padLeft: number): void;
  convForward(x: number, w: number, y: number, col: number, batch: number, outC: number): void;
  convFilterGradient(x: number, dy: number, dw: number, col: number, batch: number, outC: number): void;
  convInputGradient(dy: number, w: number, dx: number, col: number, batch: number, outC: number): void;
  /** The job block threads read (see run in the source), and the job kinds. */
  job(): number;
  JOB_FORWARD: { value: number };
  JOB_FILTER: { value: number };
  JOB_INPUT: { value: number };
  run(start: number, end: number, seed: number): void;
  sumSlots(first: number, stride: number, slots: number, out: number, count: number): void;
  maxPool(x: number, y: number, argmax: number, planes: number): void;
  maxPoolBackward(dy: number, argmax: number, dx: number, outputs: number, inputs: number): void;
  leakyRelu(x: number, y: number, count: number, alpha: number): void;
  leakyReluBackward(x: number, dy: number, dx: number, count: number, alpha: number): void;
  add(a: number, b: number, out: number, count: number): void;
  addBias(y: number, b: number, out: number, outer: number, channels: number, positions: number): void;
  biasGradient(dy: number, out: number, outer: number, channels: number, positions: number): void;
  adam(p: number, g: number, m: number, v: number, count: number, lr: number, beta1: number, beta2: number, epsilon: number, weightDecay: number, correction1: number, correction2: number): void;
}

export interface WasmKernels {
  readonly exports: KernelExports;
  /** The compiled module and its memory, which helper threads instantiate over (shared kernels only). */
  readonly module: object;
  readonly memory: object;
  readonly shared: boolean;
  /** float32 values at ptr, a view valid until the memory next grows (any alloc may grow it). */
  f32(ptr: number, count: number): Float32Array;
  i32(ptr: number, count: number): Int32Array;
  /** The memory's size in bytes (it grows as tensors need, and never shrinks). */
  bytes(): number;
}

/**
 * The part of the WebAssembly JavaScript API used here. Every host has it
 * (Node, pages, workers), but the engine compiles against ES2022 alone, whose
 * library does not declare it.
 */
interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer;
}
interface WebAssemblyInstance {
  readonly exports: object;
}
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WebAssemblyInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WebAssemblyMemory;
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<WebAssemblyInstance>;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** 2 GiB: far beyond any network the app trains, and a clear refusal past it rather than the machine's memory. */
const MAXIMUM_PAGES = 32768;

/** Per kind of memory: the compiled module, and this thread's instance. */
const loaded = { plain: {} as { compiled?: object; instance?: WasmKernels }, shared: {} as { compiled?: object; instance?: WasmKernels } };

/** The memory and imports for one instance, and the kernels once it is made. */
function prepare(module: object, shared: boolean) {
  const memory = new WebAssembly.Memory({ initial: 16, maximum: MAXIMUM_PAGES, shared });
  let f32 = new Float32Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  const fresh = () => {
    if (f32.buffer !== memory.buffer) {
      f32 = new Float32Array(memory.buffer);
      i32 = new Int32Array(memory.buffer);
    }
  };
  /** AssemblyScript's abort(message, file, line, column): its strings are UTF-16 with their byte length just before. */
  const text = (ptr: number) => {
    if (!ptr) return '';
    const length = new Uint32Array(memory.buffer, ptr - 4, 1)[0] ?? 0;
    return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, length / 2));
  };
  const abort = (message: number, file: number, line: number, column: number) => {
    const said = text(message);
    if (/out of memory|allocation too large/i.test(said)) {
      throw new Error(`the wasm backend's memory is full (${MAXIMUM_PAGES / 16} MiB at most, 1024 MiB for one tensor); a smaller batch or network fits`);
    }
    throw new Error(`the wasm backend's kernels stopped: ${said} (${text(file)}:${line}:${column})`);
  };
  const kernelsOf = (made: WebAssemblyInstance): WasmKernels => ({
    exports: made.exports as unknown as KernelExports,
    module,
    memory,
    shared,
    f32(ptr, count) {
      fresh();
      return f32.subarray(ptr >>> 2, (ptr >>> 2) + count);
    },
    i32(ptr, count) {
      fresh();
      return i32.subarray(ptr >>> 2, (ptr >>> 2) + count);
    },
    bytes: () => memory.buffer.byteLength,
  });
  return { imports: { env: { memory, abort } }, kernelsOf };
}

const moduleBytes = (shared: boolean) => {
  const bytes = base64ToBytes(shared ? KERNELS_WASM_SHARED : KERNELS_WASM);
  if (!bytes) throw new Error('the wasm backend\'s module (kernelsModule.ts) is not base64: rebuild it with npm run build:wasm');
  return bytes;
};

/**
 * This thread's kernels, instantiated now if need be (not on a page's main
 * thread in Chromium: see loadWasmKernels). `shared`: over a shared memory,
 * for helper threads (needs SharedArrayBuffer: Node, or a cross-origin
 * isolated page); the two instances are separate, each with its own tensors.
 */
export function wasmKernels(shared = false): WasmKernels {
  const slot = shared ? loaded.shared : loaded.plain;
  if (slot.instance) return slot.instance;
  slot.compiled ??= new WebAssembly.Module(moduleBytes(shared));
  const { imports, kernelsOf } = prepare(slot.compiled, shared);
  slot.instance = kernelsOf(new WebAssembly.Instance(slot.compiled, imports));
  return slot.instance;
}

/** Compiles and instantiates asynchronously (allowed everywhere); afterwards wasmKernels() returns at once. */
export async function loadWasmKernels(shared = false): Promise<WasmKernels> {
  const slot = shared ? loaded.shared : loaded.plain;
  if (slot.instance) return slot.instance;
  const compiled = (slot.compiled ??= await WebAssembly.compile(moduleBytes(shared)));
  const { imports, kernelsOf } = prepare(compiled, shared);
  const made = await WebAssembly.instantiate(compiled, imports);
  slot.instance ??= kernelsOf(made);
  return slot.instance;
}
