/** The backend registry: names parsed once, and the candidates `auto` times chosen from what the host can run. */
import { describe, expect, it } from 'vitest';
import { APP_BACKENDS, autoCandidates, BACKEND_NAMES, createNamedBackend, parseBackendName } from '../../../engine/backend/registry';
import { GPU } from '../../helpers/backends';

describe('the backend registry', () => {
  it('parses every name it lists, and refuses others with the list', () => {
    expect(BACKEND_NAMES.map((name) => parseBackendName(name))).toEqual([
      { kind: 'auto' }, { kind: 'cpu' }, { kind: 'wasm' },
      ...['cpu', 'webasm', 'headlessgl', 'webgl2', 'webgl', 'webgpu'].map((mode) => ({ kind: 'gpujs', mode })),
    ]);
    expect(() => parseBackendName('gpujs:metal')).toThrow('unknown backend "gpujs:metal"; available: auto, cpu, wasm, gpujs:cpu, gpujs:webasm, gpujs:headlessgl, gpujs:webgl2, gpujs:webgl, gpujs:webgpu');
    // The app offers the ones a page can run.
    expect(() => parseBackendName('gpujs:headlessgl', APP_BACKENDS)).toThrow(`available: ${APP_BACKENDS.join(', ')}`);
  });

  it('times WebGL2 only on a hardware renderer, headless GL and gpu.js cpu only where the host has them', () => {
    const names = (host: Parameters<typeof autoCandidates>[0]) => autoCandidates(host).map((c) => c.name);
    expect(names({ GPU })).toEqual(['cpu', 'wasm', 'gpujs:webasm']);
    expect(names({ GPU, webgl2Renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' })).toEqual(['cpu', 'wasm', 'gpujs:webasm']);
    expect(names({ GPU, webgl2Renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' })).toEqual(['cpu', 'wasm', 'gpujs:webasm', 'gpujs:webgl2']);
    expect(names({ GPU, headlessgl: true, gpujsCpu: true })).toEqual(['cpu', 'wasm', 'gpujs:webasm', 'gpujs:headlessgl', 'gpujs:cpu']);
    // The app's worker: gpu.js on WebAssembly only when pinned.
    expect(names({ GPU, fewWasmMemories: true, webgl2Renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' })).toEqual(['cpu', 'wasm', 'gpujs:webgl2']);
  });

  it('makes the backend a name says', () => {
    expect(createNamedBackend({ kind: 'cpu' }).name).toBe('cpu');
    expect(createNamedBackend({ kind: 'wasm' }).name).toBe('wasm');
    const webasm = createNamedBackend({ kind: 'gpujs', mode: 'webasm' }, { GPU });
    expect(webasm.name).toBe('gpujs:webasm');
    webasm.destroy?.();
    expect(() => createNamedBackend({ kind: 'gpujs', mode: 'webasm' })).toThrow('gpujs:webasm needs gpu.js');
  });
});
