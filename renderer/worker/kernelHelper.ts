/**
 * A helper thread of the training worker, as a file of the app's own: the
 * app's Content-Security-Policy (worker-src 'self') refuses the blob: script
 * that KernelThreads would otherwise start. The same helper code as
 * everywhere (engine/backend/gpujs/helperThread.ts).
 */
import { CONTROL, helperMain, runRange, type HelperMessage } from '../../engine/backend/gpujs/helperThread';
import { HELPER_TIMING } from '../../engine/backend/gpujs/kernelThreads';

const handle = helperMain(CONTROL, HELPER_TIMING, runRange, WebAssembly as never);
self.onmessage = (e: MessageEvent<HelperMessage>) => handle(e.data);
