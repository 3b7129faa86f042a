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

/**
 * `trial` builds the network on a backend and returns one training step. Each
 * working candidate is warmed up (kernels compile), then timed in `rounds`
 * interleaved rounds of `steps` steps, keeping each one's fastest round: a
 * burst of other work on the machine slows one round, not one candidate.
 */
export function chooseFastestBackend(candidates: readonly BackendCandidate[], trial: (backend: Backend) => () => void, steps = 3, rounds = 3): BackendChoice {
  const timings: BackendTiming[] = [];
  let working: { name: string; backend: Backend; step: () => void; ms: number; failed?: boolean }[] = [];
  for (const candidate of candidates) {
    try {
      const backend = candidate.create();
      const step = trial(backend);
      step(); // warm-up: compiles kernels
      working.push({ name: candidate.name, backend, step, ms: Infinity });
    } catch (e) {
      timings.push({ name: candidate.name, error: (e as Error).message });
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const entry of working) {
      try {
        const start = now();
        for (let i = 0; i < steps; i++) entry.step();
        entry.ms = Math.min(entry.ms, (now() - start) / steps);
      } catch (e) {
        timings.push({ name: entry.name, error: (e as Error).message });
        entry.failed = true;
      }
    }
    working = working.filter((entry) => !entry.failed);
  }
  let best: { backend: Backend; name: string; ms: number } | undefined;
  for (const entry of working) {
    timings.push({ name: entry.name, msPerStep: entry.ms });
    if (!best || entry.ms < best.ms) best = { backend: entry.backend, name: entry.name, ms: entry.ms };
  }
  if (!best) throw new Error(`no backend works here: ${timings.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
  // The losers' compiled kernels and device memory are not needed any more.
  for (const entry of working) if (entry.backend !== best.backend) entry.backend.destroy?.();
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
  return softwareRendererName(renderer) !== undefined;
}

/** The software renderer a WebGL renderer string names, as people call it ("SwiftShader" out of ANGLE's long line); undefined for hardware. */
export function softwareRendererName(renderer: string): string | undefined {
  return /swiftshader|llvmpipe|softpipe|microsoft basic render(er)?|software/i.exec(renderer)?.[0];
}
