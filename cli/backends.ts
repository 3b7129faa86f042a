/** `--backend`: cpu, wasm, gpujs:MODE, or auto (the fastest that works on this network, measured); names and candidates from engine/backend/registry.ts. */
import { createRequire } from 'node:module';
import type { Backend } from '../engine/backend/backend';
import type { GpuClass } from '../engine/backend/gpujs/gpuApi';
import type { KernelThreads } from '../engine/backend/gpujs/kernelThreads';
import { autoCandidates, createNamedBackend, parseBackendName, type BackendSpec } from '../engine/backend/registry';
import { chooseFastestBackend } from '../engine/training/chooseBackend';
import { nodeKernelThreads } from '../host/kernelHelpers';
import { CliError, EXIT } from './io';

let gpuClass: GpuClass | undefined;
function loadGpu(): GpuClass {
  gpuClass ??= (createRequire(import.meta.url)('gpu.js') as { GPU: GpuClass }).GPU;
  return gpuClass;
}

/** "2 threads" */
function describeCount(threads: KernelThreads | undefined): string {
  const count = threads?.threads ?? 1;
  return `${count} thread${count > 1 ? 's' : ''}`;
}

/** For the reason line: "wasm and gpujs:webasm kernels on 2 threads". */
const describeThreads = (threads: KernelThreads | undefined) => `wasm and gpujs:webasm kernels on ${describeCount(threads)}`;

export interface ResolvedBackend {
  backend: Backend;
  reason: string;
}

/** `trial` builds the network on a backend and returns one training step (for `auto`). */
export async function resolveBackend(name: string | undefined, trial: (backend: Backend) => () => void): Promise<ResolvedBackend> {
  let spec: BackendSpec;
  try {
    spec = parseBackendName(name ?? 'cpu');
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.unreadable);
  }
  if (spec.kind === 'cpu') return { backend: createNamedBackend(spec), reason: 'asked for' };
  try {
    const wantsThreads = spec.kind !== 'gpujs' || spec.mode === 'webasm';
    if (spec.kind === 'wasm') {
      const threads = await nodeKernelThreads();
      return { backend: createNamedBackend(spec, { threads }), reason: `asked for; wasm on ${describeCount(threads)}` };
    }
    const threads = wantsThreads ? await nodeKernelThreads() : undefined;
    const GPU = loadGpu();
    if (spec.kind === 'auto') {
      // In Node: the reference and the gpu.js modes this process can run (webasm on every core).
      const choice = chooseFastestBackend(autoCandidates({ GPU, threads, headlessgl: GPU.isHeadlessGLSupported === true, gpujsCpu: true }), trial);
      return { backend: choice.backend, reason: `auto: ${choice.reason}; ${describeThreads(threads)}` };
    }
    return { backend: createNamedBackend(spec, { GPU, threads }), reason: spec.mode === 'webasm' ? `asked for; gpujs:webasm kernels on ${describeCount(threads)}` : 'asked for' };
  } catch (e) {
    throw new CliError((e as Error).message, { cause: e });
  }
}
