/** Helper threads for the gpujs:webasm backend in Node: worker threads running the engine's helper script. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KernelThreads } from '../engine/backend/gpujs/kernelThreads';

let started: Promise<KernelThreads | undefined> | undefined;

/** One helper per core beside the calling thread, started once per process and shared; none on a single core. */
export function nodeKernelThreads(): Promise<KernelThreads | undefined> {
  started ??= availableParallelism() < 2 ? Promise.resolve(undefined) : startNodeKernelThreads(availableParallelism() - 1);
  return started;
}

/** `helpers` helper threads of its own, for whoever destroys them (tests, benchmarks). */
export function startNodeKernelThreads(helpers: number): Promise<KernelThreads> {
  return KernelThreads.start((source) => {
    const worker = new Worker(source, { eval: true });
    // A helper idles in Atomics.wait; it must not keep the process alive once the work is done.
    worker.unref();
    return worker;
  }, helpers);
}
