/**
 * No leaks: 2,000 training steps keep the heap and the number of live device
 * buffers flat. A small network, so the test is quick; every primitive the
 * training loop uses runs each step.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../engine/backend/backend';
import { createWasmBackend } from '../../../engine/backend/wasm/wasmBackend';
import { wasmKernels } from '../../../engine/backend/wasm/wasmModule';
import { createGpujsBackend } from '../../../engine/backend/gpujs/gpujsBackend';
import { createShapesDataset } from '../../../engine/data/synthetic/shapes';
import { resolveOptimizer } from '../../../engine/training/optimizer';
import { TrainingRun } from '../../../engine/training/trainer';
import { GPU } from '../../helpers/backends';
import { startNodeKernelThreads } from '../../../host/kernelHelpers';
import type { KernelThreads } from '../../../engine/backend/gpujs/kernelThreads';
import { chainDocument } from '../../helpers/graphs';
import { buildNetwork } from '../../helpers/network';

// A real garbage collection before each heap reading, so the numbers measure what is kept, not what is pending.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const doc = chainDocument([1, 28, 28], [
  { type: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 2 } }, { type: 'relu' }, { type: 'maxPool2d' },
  { type: 'avgPool2d', params: { poolSize: 2, strides: 1 } }, { type: 'dropout', params: { rate: 0.2 } },
  { type: 'dense', params: { units: 4 } }, { type: 'softmax' },
]);

const threads = await startNodeKernelThreads(1);

/** What the test reads of a backend: its live buffers, its kernels where it compiles any, and the memory its module grew to. */
type WatchedBackend = Backend & { liveStorageCount(): number; compiledKernelCount?(): number; destroy(): void };

describe.each([
  { name: 'wasm', create: () => createWasmBackend(), memoryBytes: () => wasmKernels().bytes() },
  { name: 'gpujs:webasm', create: () => createGpujsBackend(GPU, 'webasm') },
  { name: 'gpujs:webasm on 2 threads', create: () => createGpujsBackend(GPU, 'webasm', { threads, threadedWork: 0 }), threads },
  { name: 'gpujs:cpu', create: () => createGpujsBackend(GPU, 'cpu') },
] as { name: string; create(): WatchedBackend; threads?: KernelThreads; memoryBytes?: () => number }[])('$name over 2,000 training steps', ({ name, create, threads: helpers, memoryBytes }) => {
  it('keeps live buffers, helper modules and the heap flat', async () => {
    const backend = create();
    const dataset = createShapesDataset(1, 2000 * 4, 8);
    const run = new TrainingRun(buildNetwork(doc, backend, 1), dataset, {
      epochs: 1, batchSize: 4, maxSteps: 2000, optimizer: resolveOptimizer({ type: 'adam', learningRate: 0.01 }), seed: 1, progressIntervalMs: 0,
    });
    const live: number[] = [];
    const heap: number[] = [];
    const helperModules: number[] = [];
    const memory: number[] = [];
    for await (const e of run.events()) {
      if (e.event !== 'progress') continue;
      if (e.step === 100 || e.step % 500 === 0) {
        collectGarbage();
        live.push(backend.liveStorageCount());
        heap.push(process.memoryUsage().heapUsed);
        helperModules.push(helpers?.helperModuleCount() ?? 0);
        memory.push(memoryBytes?.() ?? 0);
      }
    }
    // Parameters and optimizer state stay alive between steps; nothing else may pile up.
    expect(new Set(live).size, `live buffers at steps 100, 500, …, 2000: ${live.join(', ')}`).toBe(1);
    expect(new Set(helperModules).size, `modules on the helper threads: ${helperModules.join(', ')}`).toBe(1);
    expect(new Set(memory).size, `WebAssembly memory bytes: ${memory.join(', ')}`).toBe(1);
    const growthMb = ((heap.at(-1) ?? 0) - (heap[0] ?? 0)) / 2 ** 20;
    expect(growthMb, `heap grew by ${growthMb.toFixed(1)} MB`).toBeLessThan(5);
    console.log(`${name}: ${live[0]} live buffers throughout; heap ${(heap[0] ?? 0) / 2 ** 20 | 0} → ${(heap.at(-1) ?? 0) / 2 ** 20 | 0} MB; ${backend.compiledKernelCount?.() ?? 0} kernels; ${helperModules[0]} modules on helpers`);
    backend.destroy();
    // The wasm module's memory outlives a backend, so its destroy frees every block the backend still held.
    if (name === 'wasm') expect(backend.liveStorageCount(), 'blocks left after destroy').toBe(0);
    if (helpers) expect(helpers.helperModuleCount(), 'modules left on the helpers after destroy').toBe(0);
  }, 300_000);
});
