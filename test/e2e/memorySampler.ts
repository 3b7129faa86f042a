/**
 * What a page costs its machine, sampled from outside the page through the
 * Chrome DevTools Protocol, without disturbing it: after a full garbage
 * collection in the page and in each of its workers, their JavaScript heaps,
 * the WebAssembly memories they hold, the number of live workers, and the
 * resident memory of Chromium's renderer processes (/proc).
 *
 * WebAssembly memories matter beyond their bytes: each reserves 8 GiB of
 * address space in the renderer process's 1 TiB V8 sandbox, so a process
 * holds only about 125 at once, and a worker that keeps old ones makes the
 * next run fail.
 */
import { readFileSync } from 'node:fs';
import type { ChromiumPage } from '../../bench/chromium';

export interface MemorySample {
  /** Seconds since the sampler started. */
  at: number;
  /** What happened just before (a run's number, a minute). */
  label: string;
  pageHeapMB: number;
  workersHeapMB: number;
  rendererRssMB: number;
  workers: number;
  /** Live WebAssembly.Memory objects in the page and its workers. */
  wasmMemories: number;
}

export interface MemorySampler {
  sample(label: string): Promise<MemorySample>;
  /**
   * How many more WebAssembly memories the renderer process could still make: allocated in the page
   * until refused, then dropped and collected. It sees what the counts cannot reach (helper threads,
   * workers still being torn down), but a run that needs a memory meanwhile would fail: call it only
   * when nothing runs.
   */
  wasmRoom(): Promise<number>;
  readonly samples: MemorySample[];
}

type Send = (method: string, params?: object) => Promise<Record<string, unknown>>;

const WORKER_TIMEOUT_MS = 20_000;

/** The objects this sampler asks for are released after each sample, so sampling holds nothing. */
const GROUP = 'memory-sampler';

/** Collects garbage in one JavaScript context, then its heap size and how many WebAssembly memories it holds. */
async function measureContext(send: Send): Promise<{ heapBytes: number; wasmMemories: number }> {
  await send('HeapProfiler.collectGarbage');
  const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number };
  const prototype = (await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype', objectGroup: GROUP })) as { result: { objectId: string } };
  const found = (await send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId, objectGroup: GROUP })) as { objects: { objectId: string } };
  const count = (await send('Runtime.callFunctionOn', { objectId: found.objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true })) as { result: { value: number } };
  await send('Runtime.releaseObjectGroup', { objectGroup: GROUP });
  return { heapBytes: usedSize, wasmMemories: count.result.value };
}

export async function startMemorySampler(chromium: ChromiumPage): Promise<MemorySampler> {
  const { page, browser } = chromium;
  const session = await page.context().newCDPSession(page);
  const browserSession = await browser.newBrowserCDPSession();

  // Workers are reached through sessions nested in the page's (the older, unflattened form, so that
  // this session does not interfere with Playwright's own): each message to a worker is wrapped.
  const workers = new Map<string, Send>();
  const waiting = new Map<number, { resolve: (value: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    workers.set(sessionId, (method, params = {}) => new Promise((resolve, reject) => {
      const id = ++nextId;
      // A worker that ends with a question pending never answers it.
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the worker did not answer ${method} within ${WORKER_TIMEOUT_MS} ms`));
      }, WORKER_TIMEOUT_MS);
      waiting.set(id, { resolve: (value) => (clearTimeout(timer), resolve(value)), reject: (e) => (clearTimeout(timer), reject(e)) });
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: Error) => waiting.get(id)?.reject(e));
    }));
  });
  session.on('Target.detachedFromTarget', ({ sessionId }) => {
    if (sessionId) workers.delete(sessionId);
  });
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    const request = reply.id === undefined ? undefined : waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id!);
    if (reply.error) request.reject(new Error(reply.error.message));
    else request.resolve(reply.result ?? {});
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inPage: Send = (method, params) => session.send(method as never, params as never) as Promise<Record<string, unknown>>;

  const rendererRssMB = async () => {
    const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    let kB = 0;
    for (const { type, id } of processInfo) {
      if (type !== 'renderer') continue;
      try {
        kB += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // The process ended between the list and the read.
      }
    }
    return kB / 1024;
  };

  const started = Date.now();
  const samples: MemorySample[] = [];
  return {
    samples,
    async wasmRoom() {
      const room = await page.evaluate(() => {
        const kept: unknown[] = []; // garbage once this returns
        try {
          for (;;) kept.push(new WebAssembly.Memory({ initial: 1 }));
        } catch {
          return kept.length;
        }
      });
      await inPage('HeapProfiler.collectGarbage');
      return room;
    },
    async sample(label) {
      const pageContext = await measureContext(inPage);
      let workersHeap = 0;
      let wasmMemories = pageContext.wasmMemories;
      for (const send of [...workers.values()]) {
        // A worker that ends while it is measured (a run starting) is simply not counted.
        const measured = await measureContext(send).catch((e: Error) => void console.log(`not measured: ${e.message}`));
        workersHeap += measured?.heapBytes ?? 0;
        wasmMemories += measured?.wasmMemories ?? 0;
      }
      const sample: MemorySample = {
        at: (Date.now() - started) / 1000,
        label,
        pageHeapMB: pageContext.heapBytes / 1e6,
        workersHeapMB: workersHeap / 1e6,
        rendererRssMB: await rendererRssMB(),
        workers: workers.size,
        wasmMemories,
      };
      samples.push(sample);
      return sample;
    },
  };
}

export const describeSample = (s: MemorySample) =>
  `${s.label}: page heap ${s.pageHeapMB.toFixed(1)} MB, workers' heap ${s.workersHeapMB.toFixed(1)} MB, renderer RSS ${s.rendererRssMB.toFixed(0)} MB, ${s.workers} worker(s), ${s.wasmMemories} WebAssembly memories`;
