import { KernelThreads } from '../engine/backend/gpujs/kernelThreads';
/** One helper per core beside the calling thread, started once per process and shared; none on a single core. */
export declare function nodeKernelThreads(): Promise<KernelThreads | undefined>;
/** `helpers` helper threads of its own, for whoever destroys them (tests, benchmarks). */
export declare function startNodeKernelThreads(helpers: number): Promise<KernelThreads>;
