/**
 * The automatic backend choice: the fastest candidate that works, measured on
 * the network about to be trained (a few timed steps each), because which one
 * wins depends on the machine: WebGL2 on a real GPU, and often the plain CPU
 * reference on a machine whose only "GPU" is software. Hosts leave out
 * candidates known not to pay (WebGL on SwiftShader or llvmpipe) before calling.
 */
import type { Backend } from '../backend/backend';
import { now } from '../platform/clock';

export interface BackendCandidate {
  name: string;
  create(): Backend;
}

export interface BackendTiming {
  name: string;
  msPerStep?: number;
  error?: string;
}

export interface BackendChoice {
  backend: Backend;
  name: string;
  /** One sentence for the user: what was chosen and why. */
  reason: string;
  timings: BackendTiming[];
}

/** `trial` builds the network on a backend and returns one training step. */
export function chooseFastestBackend(candidates: readonly BackendCandidate[], trial: (backend: Backend) => () => void, steps = 3): BackendChoice {
  const timings: BackendTiming[] = [];
  let best: { backend: Backend; name: string; ms: number } | undefined;
  for (const candidate of candidates) {
    try {
      const backend = candidate.create();
      const step = trial(backend);
      step(); // warm-up: compiles kernels
      const start = now();
      for (let i = 0; i < steps; i++) step();
      const ms = (now() - start) / steps;
      timings.push({ name: candidate.name, msPerStep: ms });
      if (!best || ms < best.ms) best = { backend, name: candidate.name, ms };
    } catch (e) {
      timings.push({ name: candidate.name, error: (e as Error).message });
    }
  }
  if (!best) throw new Error(`no backend works here: ${timings.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
  const others = timings
    .filter((t) => t.name !== best?.name)
    .map((t) => (t.msPerStep === undefined ? `${t.name} unavailable: ${t.error}` : `${t.name} ${t.msPerStep.toFixed(1)} ms`))
    .join(', ');
  return {
    backend: best.backend,
    name: best.name,
    reason: `fastest on this network: ${best.ms.toFixed(1)} ms per step${others ? ` (${others})` : ''}`,
    timings,
  };
}

/** Software WebGL (no real GPU behind it) is slower than WebAssembly: leave it out of the race. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i.test(renderer);
}
