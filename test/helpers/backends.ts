/**
 * Every backend the parity suite runs against in Node. A backend listed here
 * must come up as itself: the gpujs backend throws when gpu.js runs a kernel
 * on another mode than the one pinned, so a silent fallback fails the suite.
 */
import { createRequire } from 'node:module';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { Backend } from '../../engine/backend/backend';
import type { GpuClass, GpuMode } from '../../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../../engine/backend/gpujs/gpujsBackend';
import { createWasmBackend } from '../../engine/backend/wasm/wasmBackend';
import { startNodeKernelThreads } from '../../host/kernelHelpers';

export const GPU = (createRequire(import.meta.url)('gpu.js') as { GPU: GpuClass }).GPU;

export interface BackendUnderTest {
  name: string;
  create(): Backend;
}

const gpujs = (mode: GpuMode): BackendUnderTest => ({ name: `gpujs:${mode}`, create: () => createGpujsBackend(GPU, mode) });

/** One helper thread for the threaded webasm backend, whatever the core count, and every kernel split over both threads, however small. */
const threads = await startNodeKernelThreads(1);

/** In Node: the reference, the hand-written WebAssembly kernels, gpu.js's cpu and webasm modes (WebGL needs a browser, or X and the native gl package), and wasm and webasm on two threads. */
export const NODE_BACKENDS: BackendUnderTest[] = [
  { name: 'cpu', create: () => createCpuBackend('float32') },
  { name: 'wasm', create: () => createWasmBackend() },
  gpujs('cpu'),
  gpujs('webasm'),
  { name: 'wasm on 2 threads', create: () => createWasmBackend({ threads, threadedMacs: 0 }) },
  { name: 'gpujs:webasm on 2 threads', create: () => createGpujsBackend(GPU, 'webasm', { threads, threadedWork: 0 }) },
];
