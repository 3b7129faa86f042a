/**
 * The live activations store without a browser or a worker: how often it asks
 * (throttled while training, at once when the run ends or the image changes),
 * that only one probe is ever out, which answers it keeps, and the on/off
 * choice. The training client is a fake with the same probe/subscribe/getState
 * surface and a fake clock (the real worker is covered by test/e2e/liveActivations.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphDocument } from '../../engine';
import type { ProbeSource } from '../../engine/training/protocol';
import { ENABLED_KEY, LiveActivations, REFRESH_INTERVAL_MS, type ProbeClient } from '../../renderer/activations/liveActivations';
import { PaintBeat } from '../../renderer/training/paintBeat';
import { deleteElements } from '../../renderer/graph/edits';
import { createDocumentStore, type DocumentStore } from '../../renderer/store/documentStore';
import type { ProbeOptions, ProbeReply, RunState } from '../../renderer/training/trainingClient';
import { TEMPLATES } from '../../renderer/templates';

const lenet = () => structuredClone(TEMPLATES[0]?.document as GraphDocument);

interface Call {
  at: number;
  source: ProbeSource;
  nodeIds: string[];
  options: ProbeOptions;
  answer(reply?: ProbeReply): void;
}

/**
 * A training client that records each probe and answers it when told, or by itself after `delay`
 * ms of fake time, with every asked node filled with `value` (its real shape, from the graph).
 */
function fakeClient(store: DocumentStore) {
  let run: { state: RunState; runId: number } = { state: 'idle', runId: 0 };
  const listeners = new Set<() => void>();
  const calls: Call[] = [];
  let out = 0;
  const fake = {
    calls,
    maxInFlight: 0,
    /** ms before a probe answers by itself; undefined: only when answer() is called. */
    delay: undefined as number | undefined,
    value: 1,
    setRun(state: RunState, runId = run.runId) {
      run = { state, runId };
      for (const listener of listeners) listener();
    },
    /** What TrainingClient does while metrics stream in: tells its listeners, state unchanged. */
    tick() {
      for (const listener of listeners) listener();
    },
    reply(nodeIds: string[], source: ProbeSource): ProbeReply {
      const { analysis } = store.getState();
      return {
        ok: true,
        input: source.kind === 'pixels' ? source.bytes : new Uint8Array(784).fill(source.index % 256),
        inputShape: [1, 28, 28],
        activations: nodeIds.map((nodeId) => {
          const shape = [...(analysis.infoOf.get(nodeId)?.outputShape ?? [])];
          return { nodeId, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fake.value) };
        }),
        kernels: [],
        histograms: [],
        testCount: 100,
        ...(source.kind === 'sample' ? { label: 3 } : {}),
      };
    },
    client: {
      getState: () => run,
      subscribe(listener: () => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      probe(source: ProbeSource, nodeIds: string[], options: ProbeOptions = {}) {
        out++;
        fake.maxInFlight = Math.max(fake.maxInFlight, out);
        return new Promise<ProbeReply>((resolve) => {
          let answered = false;
          const answer = (reply?: ProbeReply) => {
            if (answered) return;
            answered = true;
            out--;
            resolve(reply ?? fake.reply(nodeIds, source));
          };
          calls.push({ at: performance.now(), source, nodeIds, options, answer });
          if (fake.delay !== undefined) setTimeout(() => answer(), fake.delay);
        });
      },
    } satisfies ProbeClient,
  };
  return fake;
}

let store: DocumentStore;
let fake: ReturnType<typeof fakeClient>;
let live: LiveActivations;

beforeEach(() => {
  vi.useFakeTimers();
  store = createDocumentStore(lenet());
  fake = fakeClient(store);
  live = new LiveActivations(fake.client, store);
});
afterEach(() => {
  live.dispose();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets answered probes' promise callbacks run (they are microtasks, not timers). */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('before any run', () => {
  it('asks nothing and shows nothing, whatever is picked', async () => {
    live.selectSample(12);
    live.random();
    store.select(['c1']);
    live.setEpoch(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.calls).toHaveLength(0);
    expect(live.getState().nodes.size).toBe(0);
    expect(live.getState().message).toBeUndefined();
  });
});

describe('while a run trains', () => {
  it('refreshes at most once per interval, one probe at a time, with every node in it', async () => {
    fake.delay = 30;
    fake.setRun('running', 1);
    // Metrics stream in every 50 ms for two seconds.
    for (let t = 0; t < 2000; t += 50) {
      fake.tick();
      await vi.advanceTimersByTimeAsync(50);
    }
    const starts = fake.calls.map((c) => c.at);
    expect(starts.length).toBeGreaterThanOrEqual(Math.floor(2000 / REFRESH_INTERVAL_MS) - 1);
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(2000 / REFRESH_INTERVAL_MS) + 1);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(REFRESH_INTERVAL_MS);
    expect(fake.maxInFlight).toBe(1);
    expect(fake.calls[0]?.nodeIds).toEqual(store.getState().document.nodes.map((n) => n.id));
    expect([...live.getState().nodes.keys()]).toEqual(store.getState().document.nodes.map((n) => n.id));
  });

  it('shows a refresh of the run in progress on the page\'s beat, and the answer to a picked image at once', async () => {
    live.dispose();
    const beat = new PaintBeat(1000, () => performance.now());
    live = new LiveActivations(fake.client, store, REFRESH_INTERVAL_MS, beat);
    const heard: number[] = [];
    live.subscribe(() => heard.push(performance.now() % 1000));
    fake.delay = 30;
    fake.setRun('running', 1);
    await vi.advanceTimersByTimeAsync(100);
    heard.length = 0;
    for (let t = 0; t < 3000; t += 50) {
      fake.value = t; // the weights change with every step
      fake.tick();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.every((at) => at === 0)).toBe(true); // each on a beat, none when its probe answered
    heard.length = 0;
    live.selectSample(7);
    await vi.advanceTimersByTimeAsync(35); // the probe answers after 30 ms, far from a beat
    expect(live.getState().input?.bytes[0]).toBe(7);
    expect(heard.some((at) => at !== 0)).toBe(true);
  });

  it('waits for a slow worker: never two probes out at once', async () => {
    fake.delay = 1.4 * REFRESH_INTERVAL_MS;
    fake.setRun('running', 1);
    for (let t = 0; t < 6 * REFRESH_INTERVAL_MS; t += 50) {
      fake.tick();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(fake.maxInFlight).toBe(1);
    // One every 1.4 intervals (the worker's pace, slower than the refresh interval).
    expect(fake.calls.length).toBeGreaterThanOrEqual(4);
    expect(fake.calls.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < fake.calls.length; i++) expect(fake.calls[i]!.at - fake.calls[i - 1]!.at).toBeGreaterThanOrEqual(fake.delay);
  });

  it('keeps refreshing with no news from the client: the answer itself makes the next one due', async () => {
    fake.delay = 10;
    fake.setRun('running', 1);
    await vi.advanceTimersByTimeAsync(4 * REFRESH_INTERVAL_MS);
    expect(fake.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('probes once, at once, when the run ends, and then no more', async () => {
    fake.delay = 10;
    fake.setRun('running', 1);
    await vi.advanceTimersByTimeAsync(100); // the first probe went at 0 and answered at 10
    const before = fake.calls.length;
    fake.setRun('done');
    await settle();
    expect(fake.calls.length).toBe(before + 1);
    expect(fake.calls.at(-1)?.at).toBe(fake.calls.at(-2)!.at + 100); // not held back to the refresh interval
    for (let t = 0; t < 20; t++) {
      fake.tick(); // an evaluation arrives, and so on: nothing to refresh
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(fake.calls.length).toBe(before + 1);
  });

  it('does not refresh the live rate while pinned to an epoch', async () => {
    fake.delay = 10;
    fake.setRun('running', 1);
    await settle();
    live.setEpoch(0); // the probe for the latest weights is still out: this one goes when it answers
    await vi.advanceTimersByTimeAsync(20);
    const pinned = fake.calls.length;
    expect(fake.calls.at(-1)?.options.epoch).toBe(0);
    for (let t = 0; t < 20; t++) {
      fake.tick();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(fake.calls.length).toBe(pinned);
    live.setEpoch(undefined);
    await vi.advanceTimersByTimeAsync(4 * REFRESH_INTERVAL_MS);
    expect(fake.calls.length).toBeGreaterThan(pinned + 2);
    expect(fake.calls.at(-1)?.options.epoch).toBeUndefined();
  });
});

describe('the probe image', () => {
  it('changes every node at once: after the probe in flight, whose stale answer is dropped', async () => {
    fake.setRun('done', 1);
    expect(fake.calls).toHaveLength(1);
    live.selectSample(7);
    await settle();
    expect(fake.calls).toHaveLength(1); // one in flight already
    fake.calls[0]!.answer();
    await settle();
    // The answer was for image 0: dropped; image 7 is asked for at once (no interval to wait).
    expect(live.getState().nodes.size).toBe(0);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]?.source).toEqual({ kind: 'sample', index: 7 });
    expect(fake.calls[1]?.at).toBe(fake.calls[0]?.at);
    fake.calls[1]!.answer();
    await settle();
    const state = live.getState();
    expect(state.nodes.get('c1')?.source).toBe('test image 7');
    expect(state.nodes.get('out')?.source).toBe('test image 7');
    expect(state.label).toBe(3);
    // The input node carries the image as drawn.
    expect(state.nodes.get('in')?.image?.bytes[0]).toBe(7);
    expect(state.nodes.get('c1')?.image).toBeUndefined();
  });

  it('a drawing, a random pick among the test images, and the same index again asks nothing', async () => {
    fake.delay = 5;
    fake.setRun('done', 1);
    await vi.advanceTimersByTimeAsync(10);
    const bytes = new Uint8Array(784).fill(200);
    live.setImage({ kind: 'pixels', bytes });
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.at(-1)?.source).toEqual({ kind: 'pixels', bytes });
    expect(live.getState().nodes.get('c1')?.source).toBe('your drawing');
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    live.random();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.at(-1)?.source).toEqual({ kind: 'sample', index: 99 }); // testCount 100, from the worker
    const asked = fake.calls.length;
    live.selectSample(99);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.length).toBe(asked);
  });
});

describe('what it keeps', () => {
  it('the same object for an output whose values did not change, so its strip does not repaint', async () => {
    fake.delay = 5;
    fake.setRun('done', 1);
    await vi.advanceTimersByTimeAsync(10);
    const first = live.getState();
    store.select(['c1']); // another selected node: a probe for its details, the outputs the same
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]?.options.detailIds).toEqual(['c1']);
    expect(live.getState().nodes).toBe(first.nodes);
    expect(live.getState().details?.nodeId).toBe('c1');
    fake.value = 2;
    store.select(['c2']);
    await vi.advanceTimersByTimeAsync(10);
    expect(live.getState().nodes.get('c1')).not.toBe(first.nodes.get('c1'));
    expect(live.getState().nodes.get('c1')?.data[0]).toBe(2);
  });

  it('nothing after a failed probe, with the reason; nothing from the last run once a new one starts', async () => {
    fake.setRun('done', 1);
    fake.calls[0]!.answer();
    await settle();
    expect(live.getState().nodes.size).toBeGreaterThan(0);
    live.selectSample(3);
    fake.calls[1]!.answer({ ok: false, message: 'train the network first' });
    await settle();
    expect(live.getState().nodes.size).toBe(0);
    expect(live.getState().message).toBe('train the network first');
    live.selectSample(4);
    fake.calls[2]!.answer();
    await settle();
    expect(live.getState().nodes.size).toBeGreaterThan(0);
    fake.setRun('loading', 2);
    expect(live.getState().nodes.size).toBe(0);
    expect(live.getState().message).toBeUndefined();
  });

  it('drops a node deleted from the graph, and those whose shape changed after an edit', async () => {
    fake.delay = 5;
    fake.setRun('done', 1);
    await vi.advanceTimersByTimeAsync(10);
    store.update((doc) => deleteElements(doc, ['r4']));
    expect(live.getState().nodes.has('r4')).toBe(false);
    expect(live.getState().nodes.has('c1')).toBe(true);
  });

  it('shows nothing of the trained network once the graph is another one (relu switched to tanh keeps its shape)', async () => {
    fake.delay = 5;
    fake.setRun('running', 1);
    fake.setRun('done', 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(live.getState().nodes.has('r1')).toBe(true);
    store.update((doc) => ({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'r1' ? { ...n, type: 'tanh' } as typeof n : n)) }));
    live.selectSample(3); // any new probe
    await vi.advanceTimersByTimeAsync(20);
    expect(live.getState().nodes.size).toBe(0);
    expect(live.getState().message).toMatch(/changed since it was trained/);
  });
});

describe('on and off', () => {
  it('is on by default, remembered in localStorage; off, only the selected node is probed, and nothing with none selected', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) });
    live.dispose();
    live = new LiveActivations(fake.client, store);
    expect(live.getState().enabled).toBe(true);
    live.toggle();
    expect(live.getState().enabled).toBe(false);
    expect(saved.get(ENABLED_KEY)).toBe('off');
    live.dispose();
    live = new LiveActivations(fake.client, store);
    expect(live.getState().enabled).toBe(false);

    fake.delay = 5;
    fake.setRun('done', 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls).toHaveLength(0);
    store.select(['c1']);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.map((c) => c.nodeIds)).toEqual([['c1']]);
    live.setEnabled(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]?.nodeIds).toHaveLength(store.getState().document.nodes.length);
    expect(saved.get(ENABLED_KEY)).toBe('on');
  });
});
