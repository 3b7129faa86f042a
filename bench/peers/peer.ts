/** A trainer measured by the benchmark: samples per second of each timed repetition. */
export interface Peer {
  name: string;
  /** Undefined when the peer cannot run here; the reason is printed instead of a number. */
  measure(): Promise<number[]>;
}

export const BATCH = 32;
export const REPETITIONS = 5;

export class PeerUnavailable extends Error {}

/** Times `steps` calls of `step` per repetition, after `warmup` calls. */
export async function timeSteps(step: () => void | Promise<void>, warmup: number, steps: number, samplesPerStep = BATCH): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await step();
  const rates: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) await step();
    rates.push((steps * samplesPerStep) / ((performance.now() - start) / 1000));
  }
  return rates;
}
