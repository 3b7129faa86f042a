/**
 * A kernel helper thread's code, as real (typed, linted) code: the caller
 * (kernelThreads.ts) sends it to a Web Worker or a Node worker thread as
 * source text, `helperScript()`, built from these functions' own source.
 * So neither function may refer to anything outside itself: everything it
 * needs comes in as an argument.
 *
 * A command is pending while SEQUENCE is ahead of DONE (so one sent before
 * the helper started still counts). The helper sits in Atomics.wait between
 * commands; to receive a module (which only a message can carry) it is told
 * to YIELD back to its event loop, takes the message, and waits again.
 */

/** Each helper's control words, in one shared Int32Array (WORDS per helper). */
export const CONTROL = {
  SEQUENCE: 0, // bumped by the caller for each command; helpers wait on it
  COMMAND: 1, // RUN or YIELD
  START: 2,
  END: 3,
  ENTRY: 4,
  DONE: 5, // the sequence number a helper finished
  SIZE_X: 6,
  READY: 7, // the id of the module a helper set up last
  FAILED: 8, // 1 when a run threw
  STARTED: 9, // 1 once the helper runs
  WORDS: 16,
  RUN: 1,
  YIELD: 2,
} as const;

export interface HelperTiming {
  /** Checks a helper makes for a new command before it sleeps (a few hundred microseconds). */
  idleSpins: number;
  /**
   * How long an idle helper sleeps in one Atomics.wait before it checks
   * again. Short on purpose: Chromium tears a terminated worker down only
   * once the waits in it have ended, and until then the WebAssembly memories
   * of the worker that started the helpers stay reserved (with 60 s waits the
   * app's next run could not allocate gpu.js's kernels).
   */
  sleepMs: number;
}

/** One of a kernel module's entry points: runs cells [start, end) (the third argument is gpu.js's random seed). */
export type RangeRunner = (start: number, end: number, seed: number) => void;

/**
 * Runs cells [start, end) of a gpu.js webasm kernel: its SIMD entry where
 * rows are a multiple of 4 wide, else each row's quads by SIMD and the rest
 * one by one (SIMD quads must not cross a row).
 */
export function runRange(run: RangeRunner, runSimd: RangeRunner | null, start: number, end: number, sizeX: number): void {
  if (runSimd && sizeX % 4 === 0) {
    runSimd(start, end, 0);
    return;
  }
  for (let row = start; row < end; row += sizeX) {
    const quads = runSimd ? sizeX - (sizeX % 4) : 0;
    if (runSimd && quads > 0) runSimd(row, row + quads, 0);
    run(row + quads, row + sizeX, 0);
  }
}

/** What the caller posts to a helper (any combination). */
export interface HelperMessage {
  control?: SharedArrayBuffer;
  base?: number;
  drop?: number[];
  module?: unknown;
  memory?: unknown;
  mathImports?: string[];
  id?: number;
}

interface ModuleExports {
  run: RangeRunner;
  run_simd?: RangeRunner;
}

/** The one platform API here the engine's types do not have. */
interface WebAssemblyApi {
  Instance: new (module: unknown, imports: unknown) => { exports: ModuleExports };
}

/** The helper's message handler (the script wires it to its platform's message event). */
export function helperMain(words: typeof CONTROL, timing: HelperTiming, runCells: typeof runRange, wasm: WebAssemblyApi): (message: HelperMessage) => void {
  let control = new Int32Array(new SharedArrayBuffer(0));
  let base = 0;
  const modules = new Map<number, ModuleExports>();
  return (message) => {
    if (message.control) {
      control = new Int32Array(message.control);
      base = message.base ?? 0;
      Atomics.store(control, base + words.STARTED, 1);
    }
    for (const id of message.drop ?? []) modules.delete(id);
    if (message.module !== undefined && message.id !== undefined) {
      // abort: what an AssemblyScript module (the wasm backend's) imports; gpu.js's modules ignore it.
      const env: Record<string, unknown> = {
        memory: message.memory,
        abort: () => {
          throw new Error('abort');
        },
      };
      const math = Math as unknown as Record<string, unknown>;
      for (const name of message.mathImports ?? []) env[`math_${name}`] = math[name];
      modules.set(message.id, new wasm.Instance(message.module, { env }).exports);
      Atomics.store(control, base + words.READY, message.id);
    }
    // Serve commands until told to yield (no named inner function: a bundler keeping names would wrap it in a helper this thread lacks).
    let idle = 0;
    for (;;) {
      const pending = Atomics.load(control, base + words.SEQUENCE);
      if (pending === control[base + words.DONE]) {
        // The next kernel of a step usually comes within microseconds: spin a
        // little before sleeping, since waking from Atomics.wait takes longer.
        if (++idle < timing.idleSpins) continue;
        Atomics.wait(control, base + words.SEQUENCE, pending, timing.sleepMs);
        idle = 0;
        continue;
      }
      idle = 0;
      if (control[base + words.COMMAND] === words.YIELD) {
        Atomics.store(control, base + words.DONE, pending);
        Atomics.notify(control, base + words.DONE);
        return;
      }
      try {
        const exports = modules.get(control[base + words.ENTRY] ?? -1);
        if (!exports) throw new Error('no such module');
        runCells(exports.run, exports.run_simd ?? null, control[base + words.START] ?? 0, control[base + words.END] ?? 0, control[base + words.SIZE_X] ?? 1);
      } catch {
        control[base + words.FAILED] = 1;
      }
      Atomics.store(control, base + words.DONE, pending);
      Atomics.notify(control, base + words.DONE); // a caller that may sleep waits on it
    }
  };
}

/**
 * The helper's whole script: the two functions above from their own source,
 * and the one line that differs between a browser worker (self.onmessage)
 * and a Node worker thread (parentPort).
 */
export function helperScript(timing: HelperTiming): string {
  return [
    `var handle = (${helperMain.toString()})(${JSON.stringify(CONTROL)}, ${JSON.stringify(timing)}, ${runRange.toString()}, WebAssembly);`,
    "if (typeof self !== 'undefined' && typeof self.postMessage === 'function') self.onmessage = function (e) { handle(e.data); };",
    "else require('worker_threads').parentPort.on('message', handle);",
  ].join('\n');
}
