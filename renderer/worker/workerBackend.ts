/**
 * Which backend a run in the worker uses. "auto" (the default) times a few
 * steps of the network on each candidate the worker can run and keeps the
 * fastest (engine/backend/registry.ts says which: WebGL2 only where it is
 * not a software renderer). The panel can also pin one. Where the page is
 * cross-origin isolated, the wasm backend runs on helper threads (see
 * threadPlan for how many), started with the worker and ended with it.
 */
import * as gpujs from 'gpu.js';
import type { Backend } from '../../engine/backend/backend';
import type { GpuClass } from '../../engine/backend/gpujs/gpuApi';
import { KernelThreads } from '../../engine/backend/gpujs/kernelThreads';
import { APP_BACKENDS, autoCandidates, createNamedBackend, parseBackendName, type HostCapabilities } from '../../engine/backend/registry';
import { chooseFastestBackend, softwareRendererName } from '../../engine/training/chooseBackend';
import { threadPlan } from './threadPlan';

// The package's browser build (its "browser" field), bundled into the worker.
const GPU = (gpujs as unknown as { GPU: GpuClass }).GPU;

/** The WebGL2 renderer behind an OffscreenCanvas in this worker, if there is one. */
export function webgl2Renderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

let helpers: Promise<{ threads?: KernelThreads; failure?: string }> | undefined;

/** This worker's helper threads, started on first use (a worker runs one training run); why not, if they failed to start. */
function workerThreads(count: number): Promise<{ threads?: KernelThreads; failure?: string }> {
  helpers ??= count < 2
    ? Promise.resolve({})
    : KernelThreads.start(() => new Worker(new URL('./kernelHelper.js', import.meta.url)), count - 1).then(
      (threads) => ({ threads }),
      (e: unknown) => ({ failure: `the helpers did not start: ${e instanceof Error ? e.message : String(e)}` }),
    );
  return helpers;
}

const threadsSaid = (threads: KernelThreads | undefined, why: string | undefined) =>
  `wasm on ${threads ? threads.threads : 1} thread${threads && threads.threads > 1 ? 's' : ''}${why ? ` (${why})` : ''}`;

export async function resolveWorkerBackend(name: string, trial: (backend: Backend) => () => void, asked?: number): Promise<{ backend: Backend; reason: string }> {
  const spec = parseBackendName(name, APP_BACKENDS);
  const plan = threadPlan(asked, globalThis.navigator?.hardwareConcurrency ?? 1, typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true);
  const { threads, failure } = spec.kind === 'auto' || spec.kind === 'wasm' ? await workerThreads(plan.threads) : {};
  const why = failure ?? plan.why;
  const host: HostCapabilities = { GPU, threads, fewWasmMemories: true };
  if (spec.kind !== 'auto') return { backend: createNamedBackend(spec, host), reason: spec.kind === 'wasm' ? `chosen in the panel; ${threadsSaid(threads, why)}` : 'chosen in the panel' };
  const renderer = webgl2Renderer();
  const choice = chooseFastestBackend(autoCandidates({ ...host, webgl2Renderer: renderer }), trial);
  // The renderer's short name: ANGLE's full line is four lines of the panel, unreadable on a projector.
  const software = renderer === undefined ? undefined : softwareRendererName(renderer);
  const webgl = renderer === undefined ? 'no WebGL2 in this worker' : software ? `WebGL2 left out: ${software} is a software renderer` : `WebGL2 on ${renderer}`;
  return { backend: choice.backend, reason: `auto: ${choice.reason}; ${webgl}; ${threadsSaid(threads, why)}` };
}
