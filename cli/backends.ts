/** `--backend`: cpu, gpujs:MODE, or auto (the fastest that works on this network, measured). */
import { createRequire } from 'node:module';
import type { Backend } from '../engine/backend/backend';
import { createCpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { GpuClass, GpuMode } from '../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../engine/backend/gpujs/gpujsBackend';
import { chooseFastestBackend, type BackendCandidate } from '../engine/training/chooseBackend';
import { CliError, EXIT } from './io';
import { nodeKernelThreads } from '../host/kernelHelpers';
import type { KernelThreads } from '../engine/backend/gpujs/kernelThreads';

export const GPU_MODES: readonly GpuMode[] = ['cpu', 'webasm', 'headlessgl', 'webgl2', 'webgl', 'webgpu'];

let gpuClass: GpuClass | undefined;
function loadGpu(): GpuClass {
  gpuClass ??= (createRequire(import.meta.url)('gpu.js') as { GPU: GpuClass }).GPU;
  return gpuClass;
}

export function backendNames(): string[] {
  return ['auto', 'cpu', ...GPU_MODES.map((m) => `gpujs:${m}`)];
}

/** Candidates for `auto` in Node: the reference and the gpu.js modes this process can run (webasm on every core). */
function nodeCandidates(threads: KernelThreads | undefined): BackendCandidate[] {
  const GPU = loadGpu();
  const modes: GpuMode[] = ['webasm', ...(GPU.isHeadlessGLSupported ? (['headlessgl'] as const) : []), 'cpu'];
  return [{ name: 'cpu', create: () => createCpuBackend() }, ...modes.map((mode) => ({ name: `gpujs:${mode}`, create: () => createGpujsBackend(GPU, mode, { threads }) }))];
}

/** For the reason line: "gpujs:webasm kernels on 2 threads". */
function describeThreads(threads: KernelThreads | undefined): string {
  const count = threads?.threads ?? 1;
  return `gpujs:webasm kernels on ${count} thread${count > 1 ? 's' : ''}`;
}

export interface ResolvedBackend {
  backend: Backend;
  reason: string;
}

/** `trial` builds the network on a backend and returns one training step (for `auto`). */
export async function resolveBackend(name: string | undefined, trial: (backend: Backend) => () => void): Promise<ResolvedBackend> {
  const requested = name ?? 'cpu';
  if (requested === 'cpu') return { backend: createCpuBackend(), reason: 'asked for' };
  if (requested === 'auto') {
    try {
      const threads = await nodeKernelThreads();
      const choice = chooseFastestBackend(nodeCandidates(threads), trial);
      return { backend: choice.backend, reason: `auto: ${choice.reason}; ${describeThreads(threads)}` };
    } catch (e) {
      throw new CliError((e as Error).message, { cause: e });
    }
  }
  const mode = requested.startsWith('gpujs:') ? (requested.slice(6) as GpuMode) : undefined;
  if (!mode || !GPU_MODES.includes(mode)) throw new CliError(`unknown backend "${requested}"; available: ${backendNames().join(', ')}`, EXIT.unreadable);
  try {
    const threads = mode === 'webasm' ? await nodeKernelThreads() : undefined;
    return { backend: createGpujsBackend(loadGpu(), mode, { threads }), reason: mode === 'webasm' ? `asked for; ${describeThreads(threads)}` : 'asked for' };
  } catch (e) {
    throw new CliError((e as Error).message, { cause: e });
  }
}
