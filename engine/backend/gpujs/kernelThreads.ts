/**
 * Runs a gpu.js WebAssembly kernel on several threads and still returns its
 * result synchronously, so the Backend interface (and every layer above it)
 * stays synchronous.
 *
 * gpu.js can split a webasm kernel over a worker pool, but only behind a
 * Promise, per call. Here the calling thread instead writes the arguments
 * into the kernel's shared WebAssembly memory, wakes helper threads through
 * an Atomics word, computes its own share of the output cells, and waits
 * until every helper has marked its share done: a few microseconds per
 * kernel rather than a message round trip. Helpers are created by the host
 * (a Web Worker from a script, a Node worker thread), since the engine
 * creates no threads itself.
 *
 * This reaches into gpu.js's WebAssemblyKernel (its `_threadable`,
 * `_runThreaded` and the cached module entry) through ./gpujsInternals.ts,
 * the one module that touches them.
 */
import { now, yieldToEventLoop } from '../../platform/clock';
import type { GpuKernel } from './gpuApi';
import { builtModule, instanceOf, runThreaded, shapeOutput, takeOverThreading, type KernelInstance, type ModuleEntry } from './gpujsInternals';
import { CONTROL, helperScript, runRange, type RangeRunner } from './helperThread';

/** What the host gives back for a started helper: a message port it can also stop. */
export interface HelperPort {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** A module the helpers can instantiate over its shared memory and run ranges of (gpu.js's entries are ones). */
export interface ThreadedModule {
  /** Unique among the modules given to these threads. */
  id: number;
  module: unknown;
  memory: unknown;
  mathImports: string[];
  run: RangeRunner;
}

/** Starts a helper thread running `source` (JavaScript for a Web Worker or a Node worker thread). */
export type SpawnHelper = (source: string) => HelperPort;

const { SEQUENCE, COMMAND, START, END, ENTRY, DONE, SIZE_X, READY, FAILED, STARTED, WORDS, RUN, YIELD } = CONTROL;

/** Checks a helper makes for a new command before it sleeps (a few hundred microseconds). */
const IDLE_SPINS = 200_000;

/** How long the caller waits for a helper before it calls the helper stuck. */
const STUCK_MS = 60_000;
const STUCK = 'a kernel helper thread stopped answering';

/** The longest single Atomics.wait, the helpers' and the caller's (see HelperTiming.sleepMs). */
const SLEEP_MS = 200;

/**
 * How long the caller spins for a helper's DONE before it sleeps, where its
 * thread may: a helper that lags this far was descheduled by the OS, and the
 * caller spinning on meanwhile would hold a core the page needs. Shorter
 * costs throughput: at 20,000 checks (tens of microseconds) LeNet-5 on 2
 * threads in Node fell from 8,300–9,800 to 7,300–8,000 samples/s.
 */
const CALLER_SPIN_MS = 1;

/** Whether this thread may block in Atomics.wait (not a page's main thread). */
function threadMaySleep(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0); // "not-equal" at once where allowed
    return true;
  } catch {
    return false;
  }
}

/** The helpers' timing, for a host that starts them from a script file of its own (renderer/worker/kernelHelper.ts). */
export const HELPER_TIMING = { idleSpins: IDLE_SPINS, sleepMs: SLEEP_MS };
const HELPER_SOURCE = helperScript(HELPER_TIMING);

interface Helper {
  port: HelperPort;
  base: number;
  sequence: number;
  /** Module ids this helper has instantiated. */
  modules: Set<number>;
  /** Module ids it may free, sent with its next module. */
  drops: number[];
}

export class KernelThreads {
  private readonly control: Int32Array;
  private readonly helpers: Helper[];
  /** Module ids per adopted kernel instance (or other owner, see runModule), to free on the helpers when it goes. */
  private readonly modulesOf = new Map<object, Set<number>>();
  private readonly maySleep = threadMaySleep();

  /**
   * Starts `helperCount` helpers and resolves once all of them run. Waiting
   * is asynchronous on purpose: a browser starts a worker through its
   * creator's event loop, which a spinning caller would block forever.
   */
  static async start(spawn: SpawnHelper, helperCount: number, timeoutMs = 30_000): Promise<KernelThreads> {
    const threads = new KernelThreads(spawn, helperCount);
    const started = now();
    while (!threads.helpers.every((helper) => Atomics.load(threads.control, helper.base + STARTED) === 1)) {
      if (now() - started > timeoutMs) {
        threads.destroy();
        throw new Error(`kernel helper threads did not start within ${timeoutMs / 1000} s`);
      }
      await yieldToEventLoop();
    }
    return threads;
  }

  private constructor(spawn: SpawnHelper, helperCount: number) {
    this.control = new Int32Array(new SharedArrayBuffer(helperCount * WORDS * 4));
    this.helpers = Array.from({ length: helperCount }, (_, i) => {
      const port = spawn(HELPER_SOURCE);
      port.postMessage({ control: this.control.buffer, base: i * WORDS });
      return { port, base: i * WORDS, sequence: 0, modules: new Set<number>(), drops: [] };
    });
  }

  /** Threads a kernel's runs use: the caller and its helpers. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Kernel modules the helpers hold (a leak test watches it). */
  helperModuleCount(): number {
    return this.helpers.reduce((count, helper) => count + helper.modules.size, 0);
  }

  /** From now on, `kernel` runs on every thread. */
  adopt(kernel: GpuKernel): void {
    // Shared memory for every size, and this class's runner instead of gpu.js's Promise-based pool.
    const instance = takeOverThreading(kernel, (taken, args) => this.run(taken, args));
    this.modulesOf.set(instance, new Set());
  }

  /** The helpers may free what they hold for `kernel` (after the backend destroyed it). */
  forget(kernel: GpuKernel): void {
    const instance = instanceOf(kernel);
    if (instance) this.forgetOwner(instance);
  }

  /** The helpers may free the modules `runModule` gave them for `owner`. */
  forgetOwner(owner: object): void {
    const ids = this.modulesOf.get(owner);
    if (!ids) return;
    this.modulesOf.delete(owner);
    for (const helper of this.helpers) {
      for (const id of ids) if (helper.modules.delete(id)) helper.drops.push(id);
    }
  }

  /** Lets the helpers free now what `forget` released (their instances pin the kernels' memory). */
  release(): void {
    for (const helper of this.helpers) {
      if (helper.drops.length === 0) continue;
      this.command(helper, YIELD, 0, 0, 0, 0);
      this.awaitDone(helper);
      helper.port.postMessage({ drop: helper.drops });
      helper.drops = [];
    }
  }

  destroy(): void {
    for (const helper of this.helpers) void helper.port.terminate();
    this.helpers.length = 0;
  }

  /**
   * Runs a module of the caller's own (not gpu.js's) on the threads: its
   * `run(start, end, 0)` over each of `ranges`, the first on this thread, the
   * rest on one helper each. `ready` runs once every helper has the module and
   * before any starts: instantiating a module re-applies its data segments to
   * the shared memory, so whatever the run reads there is written after.
   */
  runModule(owner: object, entry: ThreadedModule, ranges: readonly (readonly [number, number])[], ready: () => void): void {
    if (!this.modulesOf.has(owner)) this.modulesOf.set(owner, new Set());
    const busy = this.helpers.slice(0, ranges.length - 1);
    for (const helper of busy) this.ensureModule(helper, owner, entry);
    ready();
    busy.forEach((helper, i) => {
      const [start, end] = ranges[i + 1] as [number, number];
      // One call for the whole range: with no SIMD entry, runRange walks "rows" of sizeX cells.
      this.command(helper, RUN, start, end, entry.id, Math.max(1, end - start));
    });
    const [start, end] = ranges[0] ?? [0, 0];
    if (end > start) entry.run(start, end, 0);
    for (const helper of busy) this.awaitDone(helper);
    if (busy.some((helper) => this.control[helper.base + FAILED] === 1)) throw new Error('a kernel failed on a helper thread');
  }

  private run(instance: KernelInstance, args: ArrayLike<unknown>): unknown {
    const entry = builtModule(instance);
    if (!entry) throw new Error('a threaded kernel ran before gpu.js built its module');
    writeArguments(entry, args);
    const { cells, sizeX } = entry;
    const ranges = splitCells(cells, sizeX, this.helpers.length + 1);
    const busy = this.helpers.slice(0, ranges.length - 1);
    busy.forEach((helper, i) => {
      this.ensureModule(helper, instance, entry);
      const [start, end] = ranges[i + 1] as [number, number];
      this.command(helper, RUN, start, end, entry.id, sizeX);
    });
    const [start, end] = ranges[0] as [number, number];
    runRange(entry.run, entry.runSimd, start, end, sizeX);
    for (const helper of busy) this.awaitDone(helper);
    if (busy.some((helper) => this.control[helper.base + FAILED] === 1)) throw new Error('a kernel failed on a helper thread');
    return readOutput(instance, entry);
  }

  /** Gives `helper` the kernel's module over the shared memory, once per module. */
  private ensureModule(helper: Helper, owner: object, entry: ThreadedModule): void {
    if (helper.modules.has(entry.id)) return;
    this.command(helper, YIELD, 0, 0, 0, 0);
    this.awaitDone(helper);
    helper.port.postMessage({ id: entry.id, module: entry.module, memory: entry.memory, mathImports: entry.mathImports, drop: helper.drops });
    helper.drops = [];
    this.spinUntil(() => Atomics.load(this.control, helper.base + READY) === entry.id);
    helper.modules.add(entry.id);
    this.modulesOf.get(owner)?.add(entry.id);
  }

  private command(helper: Helper, command: number, start: number, end: number, entryId: number, sizeX: number): void {
    const c = this.control;
    const at = helper.base;
    c[at + COMMAND] = command;
    c[at + START] = start;
    c[at + END] = end;
    c[at + ENTRY] = entryId;
    c[at + SIZE_X] = sizeX;
    c[at + FAILED] = 0;
    helper.sequence++;
    Atomics.store(c, at + SEQUENCE, helper.sequence);
    Atomics.notify(c, at + SEQUENCE);
  }

  private awaitDone(helper: Helper): void {
    const at = helper.base + DONE;
    const done = () => Atomics.load(this.control, at) === helper.sequence;
    if (!this.maySleep) return this.spinUntil(done);
    if (this.spinFor(done, CALLER_SPIN_MS)) return;
    const started = now();
    for (let seen = Atomics.load(this.control, at); seen !== helper.sequence; seen = Atomics.load(this.control, at)) {
      if (Atomics.wait(this.control, at, seen, SLEEP_MS) === 'timed-out' && now() - started > STUCK_MS) throw new Error(STUCK);
    }
  }

  /**
   * Busy-waits: Atomics.wait is not allowed on a page's main thread, and the
   * wait is short, because the caller did an equal share of the work first.
   */
  private spinUntil(done: () => boolean): void {
    if (!this.spinFor(done, STUCK_MS)) throw new Error(STUCK);
  }

  /** Spins until `done`, for at most `ms`; whether it came. */
  private spinFor(done: () => boolean, ms: number): boolean {
    const started = now();
    for (let spins = 0; !done(); spins++) {
      if ((spins & 0x3ff) === 0 && now() - started > ms) return false;
    }
    return true;
  }
}

/**
 * Runs a webasm kernel that already ran once (so gpu.js built its module for
 * these sizes) straight on its module: gpu.js's own call path re-checks
 * argument types and sizes on every call, about 15 µs, which adds up over the
 * ~90 kernel calls of a training step. Threaded kernels go to their helpers
 * as usual. Returns a view of the output (see readOutput), or undefined when
 * the kernel has no module yet.
 */
export function runBuilt(kernel: GpuKernel, args: ArrayLike<unknown>): unknown {
  const instance = instanceOf(kernel);
  const entry = instance && builtModule(instance);
  if (!instance || !entry || !entry.f32) return undefined;
  if (entry.shared) return runThreaded(instance, args);
  writeArguments(entry, args);
  runRange(entry.run, entry.runSimd, 0, entry.cells, entry.sizeX);
  return readOutput(instance, entry);
}

function writeArguments(entry: ModuleEntry, args: ArrayLike<unknown>): void {
  const { layout } = entry;
  for (const name in layout.arrays) {
    const record = layout.arrays[name] as { index: number; offset: number };
    entry.f32.set(args[record.index] as Float32Array, record.offset / 4);
  }
  for (const name in layout.scalars) {
    const record = layout.scalars[name] as { index: number; offset: number; type: string };
    const value = args[record.index] as number | boolean;
    if (record.type === 'Integer') entry.i32[record.offset / 4] = Number(value) | 0;
    else if (record.type === 'Boolean') entry.i32[record.offset / 4] = value ? 1 : 0;
    else entry.f32[record.offset / 4] = Number(value);
  }
}

/** A view of the output region (not a copy): valid until the kernel runs again, which the backend watches. */
function readOutput(instance: KernelInstance, entry: ModuleEntry): unknown {
  const base = entry.layout.outputOffset / 4;
  return shapeOutput(instance, entry.f32.subarray(base, base + entry.cells * instance.componentCount));
}

/**
 * Splits [0, cells) into up to `parts` contiguous ranges gpu.js can run: SIMD
 * quads must not cross a row, so ranges fall on multiples of 4 when rows are
 * a multiple of 4 wide, and on row boundaries otherwise.
 */
export function splitCells(cells: number, sizeX: number, parts: number): [number, number][] {
  const unit = sizeX % 4 === 0 ? 4 : sizeX;
  const units = Math.ceil(cells / unit);
  const count = Math.max(1, Math.min(parts, units));
  return Array.from({ length: count }, (_, i) => [Math.min(cells, Math.floor((units * i) / count) * unit), Math.min(cells, Math.floor((units * (i + 1)) / count) * unit)] as [number, number]);
}
