/**
 * How many threads wasm computes on here, this worker's included, and why.
 * By default one core is left to the page: on this project's 2-core
 * machines a helper on the second core took the page from about 49 to 34-45
 * frames per second while LeNet-5 trained (smoothness.test.ts), for steps
 * about 20% faster. Asked for (the panel's "threads"), up to the machine's
 * cores.
 */
export function threadPlan(asked: number | undefined, cores: number, sharedMemory: boolean): { threads: number; why?: string } {
  if (!sharedMemory) return { threads: 1, why: 'no shared memory here' };
  if (asked !== undefined) return asked > cores ? { threads: cores, why: `${asked} asked for, ${cores} cores here` } : { threads: asked };
  if (cores < 2) return { threads: 1, why: 'one core here' };
  return cores === 2 ? { threads: 1, why: 'one of 2 cores left to the page' } : { threads: cores - 1 };
}
