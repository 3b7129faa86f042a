/**
 * Which backend a run in the worker uses. "auto" (the default) times a few
 * steps of the network on each candidate the worker can run and keeps the
 * fastest (engine/backend/registry.ts says which: WebGL2 only where it is
 * not a software renderer). The panel can also pin one.
 */
import * as gpujs from 'gpu.js';
import type { Backend } from '../../engine/backend/backend';
import type { GpuClass } from '../../engine/backend/gpujs/gpuApi';
import { APP_BACKENDS, autoCandidates, createNamedBackend, parseBackendName, type HostCapabilities } from '../../engine/backend/registry';
import { chooseFastestBackend, isSoftwareRenderer } from '../../engine/training/chooseBackend';

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
  const spec = parseBackendName(name, APP_BACKENDS);
  if (spec.kind !== 'auto') return { backend: createNamedBackend(spec, { GPU }), reason: 'chosen in the panel' };
  const renderer = webgl2Renderer();
  const host: HostCapabilities = { GPU, webgl2Renderer: renderer };
  const choice = chooseFastestBackend(autoCandidates(host), trial);
  const webgl = renderer === undefined ? 'no WebGL2 in this worker' : isSoftwareRenderer(renderer) ? `WebGL2 left out: ${renderer} is a software renderer` : `WebGL2 on ${renderer}`;
  return { backend: choice.backend, reason: `auto: ${choice.reason}; ${webgl}` };
}
