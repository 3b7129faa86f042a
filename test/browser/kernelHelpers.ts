/** Helper threads for the gpujs:webasm backend in a browser: Web Workers running the engine's helper script. */
import { KernelThreads } from '../../engine/backend/gpujs/kernelThreads';

/**
 * One helper per core beside the calling thread, or undefined where threads
 * cannot share memory (a page that is not cross-origin isolated) or there is
 * one core. The script comes as a blob (the test page has no
 * Content-Security-Policy).
 */
export async function browserKernelThreads(helpers = (globalThis.navigator?.hardwareConcurrency ?? 1) - 1): Promise<KernelThreads | undefined> {
  if (helpers < 1 || typeof SharedArrayBuffer !== 'function' || !globalThis.crossOriginIsolated) return undefined;
  return KernelThreads.start((source) => new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))), helpers);
}
