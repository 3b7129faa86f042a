/**
 * Which backend a run in the worker uses. "auto" (the default) times a few
 * steps of the network on each candidate and keeps the fastest: the CPU
 * reference, gpu.js on WebAssembly, and gpu.js on WebGL2 when the worker has
 * a WebGL2 that is not a software renderer (SwiftShader or llvmpipe are
 * slower than WebAssembly). The panel can also pin one.
 */
import * as gpujs from 'gpu.js';
import type { Backend } from '../../engine/backend/backend';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { GpuClass, GpuMode } from '../../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../../engine/backend/gpujs/gpujsBackend';
import { chooseFastestBackend, isSoftwareRenderer, type BackendCandidate } from '../../engine/training/chooseBackend';
import { APP_BACKENDS } from '../../engine/training/protocol';

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

export function resolveWorkerBackend(name: string, trial: (backend: Backend) => () => void): { backend: Backend; reason: string } {
  if (!(APP_BACKENDS as readonly string[]).includes(name)) throw new Error(`unknown backend "${name}"; choose one of ${APP_BACKENDS.join(', ')}`);
  if (name === 'cpu') return { backend: createCpuBackend(), reason: 'chosen in the panel' };
  if (name.startsWith('gpujs:')) return { backend: createGpujsBackend(GPU, name.slice(6) as GpuMode), reason: 'chosen in the panel' };
  const renderer = webgl2Renderer();
  const candidates: BackendCandidate[] = [
    { name: 'cpu', create: () => createCpuBackend() },
    { name: 'gpujs:webasm', create: () => createGpujsBackend(GPU, 'webasm') },
    ...(renderer && !isSoftwareRenderer(renderer) ? [{ name: 'gpujs:webgl2', create: () => createGpujsBackend(GPU, 'webgl2') }] : []),
  ];
  const choice = chooseFastestBackend(candidates, trial);
  const webgl = renderer === undefined ? 'no WebGL2 in this worker' : isSoftwareRenderer(renderer) ? `WebGL2 left out: ${renderer} is a software renderer` : `WebGL2 on ${renderer}`;
  return { backend: choice.backend, reason: `auto: ${choice.reason}; ${webgl}` };
}
