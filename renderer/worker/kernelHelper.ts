/**
 * A helper thread of the training worker, as a file of the app's own: the
 * app's Content-Security-Policy (worker-src 'self') refuses the blob: script
 * that KernelThreads would otherwise start. The same helper code as
 * everywhere (engine/backend/gpujs/helperThread.ts), except that it sleeps as
 * soon as it has nothing to do instead of spinning a while first: spinning
 * helpers held a core the page needed (with both of 2 cores training, 27.7 to
 * 39.2 frames per second against 43.9 to 45.3 sleeping, under SwiftShader
 * compositing) and the steps were no faster.
 */
import { CONTROL, helperMain, runRange, type HelperMessage } from '../../engine/backend/gpujs/helperThread';
import { HELPER_TIMING } from '../../engine/backend/gpujs/kernelThreads';

const handle = helperMain(CONTROL, { ...HELPER_TIMING, idleSpins: 0 }, runRange, WebAssembly as never);
self.onmessage = (e: MessageEvent<HelperMessage>) => handle(e.data);
