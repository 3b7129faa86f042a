/**
 * The backends by name, once: which names exist, which the app offers, how a
 * name is parsed, how a named backend is made, and which candidates `auto`
 * times on a host with given capabilities. The CLI (cli/backends.ts), the
 * training worker (renderer/worker/workerBackend.ts) and the browser test
 * suite all go through here.
 */
import type { Backend } from './backend';
import { createCpuBackend } from './cpu/cpuBackend';
import type { GpuClass, GpuMode } from './gpujs/gpuApi';
import { createGpujsBackend } from './gpujs/gpujsBackend';
import type { KernelThreads } from './gpujs/kernelThreads';
import { createWasmBackend } from './wasm/wasmBackend';
import { isSoftwareRenderer, type BackendCandidate } from '../training/chooseBackend';

export const GPU_MODES = ['cpu', 'webasm', 'headlessgl', 'webgl2', 'webgl', 'webgpu'] as const satisfies readonly GpuMode[];

export const BACKEND_NAMES = ['auto', 'cpu', 'wasm', ...GPU_MODES.map((mode) => `gpujs:${mode}` as const)] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backends the app's training panel offers (the worker resolves them): those a page can run. */
export const APP_BACKENDS = ['auto', 'cpu', 'wasm', 'gpujs:webasm', 'gpujs:webgl2', 'gpujs:webgl', 'gpujs:cpu'] as const satisfies readonly BackendName[];

export type BackendSpec = { kind: 'auto' } | { kind: 'cpu' } | { kind: 'wasm' } | { kind: 'gpujs'; mode: GpuMode };

/** A backend name checked against the names offered here; the error lists them. */
export function parseBackendName(name: string, offered: readonly string[] = BACKEND_NAMES): BackendSpec {
  if (!offered.includes(name)) throw new Error(`unknown backend "${name}"; available: ${offered.join(', ')}`);
  if (name === 'auto') return { kind: 'auto' };
  if (name === 'cpu') return { kind: 'cpu' };
  if (name === 'wasm') return { kind: 'wasm' };
  return { kind: 'gpujs', mode: name.slice('gpujs:'.length) as GpuMode };
}

/** What a host can run, for making backends and choosing among them. */
export interface HostCapabilities {
  GPU: GpuClass;
  /** Helper threads for the wasm backend and webasm kernels, where the host has started them. */
  threads?: KernelThreads | undefined;
  /**
   * Whether this process holds few WebAssembly memories (a Chromium process:
   * about 125). gpu.js gives every compiled webasm kernel one of its own (96
   * for LeNet-5), so there gpujs:webasm runs on one thread (helpers holding
   * theirs ran the process out of them) and auto leaves it out: the memories
   * outlive the trial until its worker is collected or torn down, which with
   * wasm's helper threads came too late for the next worker (could not
   * allocate memory), and it is the slowest there anyway (LeNet-5 28-40 ms per
   * step against wasm's 3-5). It can still be pinned. wasm needs one memory.
   */
  fewWasmMemories?: boolean;
  /** The WebGL2 renderer's name, where the host has WebGL2 (a page or worker). */
  webgl2Renderer?: string | undefined;
  /** Whether gpu.js's headless-gl mode loads (Node with the native gl package). */
  headlessgl?: boolean;
  /** Whether gpu.js's own cpu mode is worth timing (Node: yes; a page leaves it out). */
  gpujsCpu?: boolean;
}

/** The backend a cpu, wasm or gpujs spec names (auto is chosen by timing the candidates); gpujs needs the host's GPU class. */
export function createNamedBackend(spec: Exclude<BackendSpec, { kind: 'auto' }>, host: Partial<HostCapabilities> = {}): Backend {
  if (spec.kind === 'cpu') return createCpuBackend();
  if (spec.kind === 'wasm') return createWasmBackend({ threads: host.threads });
  if (!host.GPU) throw new Error(`gpujs:${spec.mode} needs gpu.js, which this host has not loaded`);
  return createGpujsBackend(host.GPU, spec.mode, { threads: spec.mode === 'webasm' && !host.fewWasmMemories ? host.threads : undefined });
}

/**
 * What `auto` times on this host: the CPU reference, the hand-written
 * WebAssembly kernels, gpu.js on WebAssembly,
 * headless GL where it loads, WebGL2 where there is one that is not a
 * software renderer (SwiftShader or llvmpipe are slower than WebAssembly),
 * and gpu.js's cpu mode where the host wants it.
 */
export function autoCandidates(host: HostCapabilities): BackendCandidate[] {
  const modes: GpuMode[] = [
    ...(host.fewWasmMemories ? [] : (['webasm'] as const)),
    ...(host.headlessgl ? (['headlessgl'] as const) : []),
    ...(host.webgl2Renderer && !isSoftwareRenderer(host.webgl2Renderer) ? (['webgl2'] as const) : []),
    ...(host.gpujsCpu ? (['cpu'] as const) : []),
  ];
  return [
    { name: 'cpu', create: () => createCpuBackend() },
    { name: 'wasm', create: () => createWasmBackend({ threads: host.threads }) },
    ...modes.map((mode) => ({ name: `gpujs:${mode}`, create: () => createNamedBackend({ kind: 'gpujs', mode }, host) })),
  ];
}
