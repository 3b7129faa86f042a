/**
 * What the Chromium tests and benchmark run inside the page: parity cases,
 * the 200-step loss curve and a LeNet-5 speed measurement, for gpujs:webgl2,
 * gpujs:webasm, wasm and the cpu reference, each compared with the float64 CPU
 * reference computed in the same page. Bundled by test/browser/bundle.ts.
 */
import type { Backend } from '../../engine/backend/backend';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { GpuClass } from '../../engine/backend/gpujs/gpuApi';
import { createNamedBackend, parseBackendName } from '../../engine/backend/registry';
import { createGpujsBackend } from '../../engine/backend/gpujs/gpujsBackend';
import { loadWasmKernels } from '../../engine/backend/wasm/wasmModule';
import { compareWithReference, curveDistance, lossCurve, PARITY_CASES, relativeError, type CaseErrors } from '../helpers/parityCases';
import { disposedUses, viewAfterDispose } from '../helpers/disposedUses';
import { PRIMITIVE_CASES } from '../helpers/primitiveCases';
import { lenetStep } from '../../bench/peers/lenetStep';
import { browserKernelThreads } from './kernelHelpers';
import type { KernelThreads } from '../../engine/backend/gpujs/kernelThreads';

declare const GPU: GpuClass;

/** Helper threads shared by the page's threaded webasm backends, started by `startThreads`. */
let threads: KernelThreads | undefined;

/**
 * cpu, gpujs:MODE, or gpujs:webasm on helper threads: "gpujs:webasm threaded"
 * as the app runs it, "gpujs:webasm threaded, every kernel split" for tests.
 */
function createBackend(name: string): Backend {
  if (name.startsWith('gpujs:webasm threaded')) {
    if (!threads) throw new Error('no helper threads: call startThreads first (the page must be cross-origin isolated)');
    return createGpujsBackend(GPU, 'webasm', { threads, ...(name.endsWith('every kernel split') ? { threadedWork: 0 } : {}) });
  }
  const spec = parseBackendName(name);
  if (spec.kind === 'auto') throw new Error('the suite runs named backends, not auto');
  return createNamedBackend(spec, { GPU });
}

/** The WebGL renderer string (e.g. SwiftShader), which the automatic choice reads. */
function webglRenderer(): string {
  const gl = (globalThis as unknown as { document: { createElement(tag: string): { getContext(kind: string): WebGL2RenderingContextLike | null } } }).document
    .createElement('canvas')
    .getContext('webgl2');
  if (!gl) return 'no WebGL2';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
interface WebGL2RenderingContextLike {
  RENDERER: number;
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
}

const benchSteps = new Map<string, () => void>();

const suite = {
  /** Starts the helper threads ("gpujs:webasm threaded"); resolves to how many threads kernels run on. */
  async startThreads(): Promise<number> {
    threads ??= await browserKernelThreads(Math.max(1, navigator.hardwareConcurrency - 1));
    return threads?.threads ?? 1;
  },
  info: () => ({ renderer: webglRenderer(), crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true }),
  parity(name: string): CaseErrors[] {
    return PARITY_CASES.map(([caseName, doc]) => {
      // A backend per case, destroyed after it: each shape compiles its own kernels and their memory.
      const backend = createBackend(name);
      try {
        return compareWithReference(caseName, doc, backend, createCpuBackend('float64'));
      } finally {
        (backend as { destroy?: () => void }).destroy?.();
      }
    });
  },
  /** Each primitive case's relative error against the float64 reference (test/helpers/primitiveCases.ts). */
  primitives(name: string): { name: string; error: number }[] {
    const backend = createBackend(name);
    const reference = createCpuBackend('float64');
    try {
      return PRIMITIVE_CASES.map((c) => {
        const ours = c.run(backend);
        const want = c.run(reference);
        return { name: c.name, error: ours.length === want.length ? Math.max(...ours.map((v, i) => relativeError(v, want[i]!))) : Infinity };
      });
    } finally {
      backend.destroy?.();
    }
  },
  /** What each use of a disposed tensor threw on this backend, and a view's values after its original is disposed. */
  disposed(name: string) {
    const backend = createBackend(name);
    try {
      return { uses: disposedUses(backend), view: viewAfterDispose(backend) };
    } finally {
      backend.destroy?.();
    }
  },
  async lossCurve(name: string, steps: number) {
    const reference = await lossCurve(createCpuBackend('float64'), steps);
    const backend = createBackend(name);
    const ours = await lossCurve(backend, steps);
    backend.destroy?.();
    return { steps: ours.length, ...curveDistance(ours, reference), backend: backend.name };
  },
  /** Builds LeNet-5 (batch 32) on a backend and warms it up; `timeSteps` then times it. Keeps one network per backend. */
  prepareBench(name: string): void {
    const step = lenetStep(createBackend(name));
    for (let i = 0; i < 3; i++) step();
    benchSteps.set(name, step);
  },
  /** Samples/s of `steps` LeNet-5 training steps on a backend prepared with prepareBench. */
  timeSteps(name: string, steps: number): number {
    const step = benchSteps.get(name);
    if (!step) throw new Error(`${name} was not prepared`);
    const start = performance.now();
    for (let i = 0; i < steps; i++) step();
    return (steps * 32) / ((performance.now() - start) / 1000);
  },
};

// The page's main thread may not instantiate a module over 4 KB synchronously: the wasm backend's kernels load first.
void loadWasmKernels().then(() => {
  (globalThis as unknown as { convstudio: typeof suite }).convstudio = suite;
});
