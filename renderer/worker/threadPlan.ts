/**
 * How many threads wasm computes on here, this worker's included, and why.
 * By default every core: on this project's 2-core machines, with Chromium
 * compositing in software as it does without a usable GPU, the page stayed at
 * 59.7 frames per second with no task over 50 ms while LeNet-5 trained on
 * both cores, at 10,200 to 11,200 samples/s against 9,200 to 9,300 on one
 * (smoothness.test.ts). The helpers sleep between kernels and the worker
 * sleeps while a helper lags (engine/backend/gpujs/kernelThreads.ts), so the
 * page gets a core whenever the run is not computing on it. Asked for (the
 * panel's "threads"), up to the machine's cores.
 */
export function threadPlan(asked: number | undefined, cores: number, sharedMemory: boolean): { threads: number; why?: string } {
  if (!sharedMemory) return { threads: 1, why: 'no shared memory here' };
  if (asked !== undefined) return asked > cores ? { threads: cores, why: `${asked} asked for, ${cores} cores here` } : { threads: asked };
  return cores < 2 ? { threads: 1, why: 'one core here' } : { threads: cores };
}
