/**
 * One training setup: the same document and seed trained through the CLI's
 * path (`convstudio train`) and the app's (the worker's training session,
 * started with the Train panel's default settings) give identical losses and
 * identical trained weights, with the document's augmentation honoured in both.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../engine';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import type { WorkerEvent, WorkerMessage } from '../../../engine/training/protocol';
import { parseWorkerMessage } from '../../../engine/training/protocolSchema';
import { PendingRequests } from '../../../renderer/training/pendingRequests';
import { png } from '../../helpers/imageFiles';
import { resolveRunSettings } from '../../../engine/training/runSettings';
import { TrainingSession } from '../../../engine/training/session';
import { loadBundledDataset } from '../../../cli/datasets';
import { defaultSettings } from '../../../renderer/training/settingsStore';
import { chainDocument } from '../../helpers/graphs';
import { convstudio } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'convstudio-session-'));

function documentWith(training: GraphDocument['training']): GraphDocument {
  const doc = chainDocument([1, 28, 28], [
    { type: 'conv2d', params: { filters: 4, kernelSize: 3 } }, { type: 'relu' }, { type: 'maxPool2d' },
    { type: 'dense', params: { units: 4 } }, { type: 'softmax' },
  ]);
  return { ...doc, ...(training ? { training } : {}) };
}

/** A training session as the worker's, with the CLI's data and the CPU backend, and the events it posts. */
function cpuSession(readPicture?: (handle: unknown) => Uint8Array) {
  const events: WorkerMessage[] = [];
  const session = new TrainingSession({
    post: (event) => events.push(event),
    loadBundled: async (name) => loadBundledDataset(name),
    chooseBackend: () => ({ backend: createCpuBackend(), reason: 'the test' }),
    ...(readPicture ? { readPicture } : {}),
  });
  return { session, events };
}

/** Trains `doc` as the app does: a training session started with the panel's defaults for it, on the CPU backend. */
async function trainInSession(doc: GraphDocument) {
  const { session, events } = cpuSession();
  await session.handle({ type: 'start', document: doc, settings: { ...defaultSettings(doc), backend: 'cpu' } });
  const error = events.find((e) => e.type === 'error');
  if (error) throw new Error(JSON.stringify(error));
  const losses = new Map<number, number>();
  for (const e of events) if (e.type === 'metrics') e.steps.forEach((step, i) => losses.set(step, e.losses[i]!));
  const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
  const epoch = events.find((e) => e.type === 'epoch') as Extract<WorkerEvent, { type: 'epoch' }>;
  return { losses, weights: done.document.weights, trainLoss: epoch.event.trainLoss };
}

function trainInCli(doc: GraphDocument, name: string) {
  const file = join(dir, `${name}.json`);
  const out = join(dir, `${name}-trained.json`);
  writeFileSync(file, JSON.stringify(doc));
  const run = convstudio('train', file, '--backend', 'cpu', '--json', '--out', out);
  expect(run.code, run.stderr).toBe(0);
  const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; step?: number; batchLoss?: number; trainLoss?: number });
  return {
    progress: events.filter((e) => e.event === 'progress').map((e) => [e.step!, e.batchLoss!] as const),
    trainLoss: events.find((e) => e.event === 'epoch')!.trainLoss!,
    weights: (JSON.parse(readFileSync(out, 'utf8')) as GraphDocument).weights,
  };
}

describe('the CLI and the app train a document alike', () => {
  const training: GraphDocument['training'] = { dataset: 'shapes', epochs: 1, batchSize: 64, seed: 5, optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 }, augmentation: { maxShift: 2 } };

  it('resolves the document the same way for both', () => {
    const doc = documentWith(training);
    const run = resolveRunSettings(doc.training);
    expect(run).toMatchObject({ dataset: 'shapes', epochs: 1, batchSize: 64, seed: 5, maxShift: 2, optimizerName: 'momentum', optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 } });
    expect(defaultSettings(doc)).toMatchObject({ dataset: 'shapes', epochs: 1, batchSize: 64, seed: 5, maxShift: 2, optimizer: 'momentum', learningRate: 0.05 });
    // An SGD document's learning rate, a document without an optimizer: the same defaults everywhere.
    expect(resolveRunSettings({ dataset: 'mnist', optimizer: { type: 'sgd', learningRate: 0.2 } }, { optimizer: 'adam' }).optimizer.learningRate).toBe(0.001);
    expect(defaultSettings(documentWith(undefined))).toMatchObject({ dataset: 'mnist', optimizer: 'adam', learningRate: 0.001, epochs: 1, batchSize: 32, seed: 1, maxShift: 0 });
  });

  it('gives identical losses and weights through the CLI and the training session, augmentation included', { timeout: 120_000 }, async () => {
    const doc = documentWith(training);
    const cli = trainInCli(doc, 'augmented');
    const app = await trainInSession(doc);
    expect(cli.progress.length).toBeGreaterThan(0);
    // The session sends its per-step losses as float32 (a transferable Float32Array).
    for (const [step, loss] of cli.progress) expect(app.losses.get(step)).toBe(Math.fround(loss));
    expect(app.losses.size).toBe(Math.ceil(6000 / 64));
    expect(app.trainLoss).toBe(cli.trainLoss);
    expect(app.weights).toEqual(cli.weights);
    // Without the augmentation the session trains to other weights: it did shift the images.
    const plain = await trainInSession(documentWith({ ...training, augmentation: { maxShift: 0 } }));
    expect(plain.weights).not.toEqual(app.weights);
  });
});

describe('the training session checks what it is sent', () => {
  it.each([
    [{ type: 'launch' }, 'type'],
    [{ type: 'start', document: {}, settings: { dataset: 'shapes', epochs: 0, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 1 } }, 'settings.epochs'],
    [{ type: 'probe', requestId: 1, source: { kind: 'pixels', bytes: [1, 2] }, nodeIds: [] }, 'source.bytes'],
    [{ type: 'examples', requestId: -1, actual: 0, predicted: 1, limit: 3 }, 'requestId'],
    ['stop', 'the message'],
  ])('answers %j with an error naming %s', async (message, place) => {
    const { session, events } = cpuSession();
    await session.handle(message);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error' });
    expect((events[0] as { message: string }).message).toMatch(new RegExp(`^the training worker was sent a malformed command: ${place.replace('.', '\\.')}: `));
  });
  it('loads a start’s document itself and names its problem', async () => {
    const { session, events } = cpuSession();
    await session.handle({ type: 'start', document: { format: 'convstudio-graph', version: 1, name: 'x', nodes: [{ id: 'c', type: 'conv3d' }], edges: [] }, settings: defaultSettings(documentWith(undefined)) });
    expect(events.at(-1)).toMatchObject({ type: 'error' });
    expect((events.at(-1) as { message: string }).message).toContain('unknown node type "conv3d"');
  });
});

describe('requests and replies, keyed by id apart from the event stream', () => {
  const folder = {
    name: 'two colours',
    classNames: ['red', 'blue'],
    files: Array.from({ length: 12 }, (_, i) => ({ className: i % 2 ? 'blue' : 'red', name: `p${i}.png`, bytes: png(8, 8, i % 2 ? [0, 0, 255] : [255, 0, 0]) })),
    height: 8,
    width: 8,
    color: true,
  };
  it('answers a request with its own id: a probe before training fails, an import reports progress then its result', async () => {
    const { session, events } = cpuSession();
    await session.handle({ type: 'probe', requestId: 41, source: { kind: 'sample', index: 0 }, nodeIds: [] });
    expect(events).toEqual([{ type: 'reply', requestId: 41, ok: false, message: 'train the network first' }]);
    await session.handle({ type: 'import', requestId: 42, folder });
    const progress = events.filter((e) => e.type === 'reply-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.type === 'reply-progress' && e.requestId === 42)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'reply', requestId: 42, ok: true, result: { name: 'two colours', classNames: ['blue', 'red'] } });
  });
  it('reads pictures handed over as handles one at a time, as each is decoded, and skips one it cannot read with the reason', async () => {
    const reads: string[] = [];
    const { session, events } = cpuSession((handle) => {
      const { name, bytes } = handle as { name: string; bytes?: Uint8Array };
      reads.push(name);
      if (!bytes) throw new Error('cannot read it (NotReadableError)');
      return bytes;
    });
    const handles = { ...folder, files: [...folder.files.map(({ className, name, bytes }) => ({ className, name, handle: { name, bytes } })), { className: 'red', name: 'gone.png', handle: { name: 'gone.png' } }] };
    await session.handle({ type: 'import', requestId: 7, folder: handles });
    expect(reads).toEqual([...folder.files.map((f) => f.name), 'gone.png']);
    expect(events.at(-1)).toMatchObject({ type: 'reply', requestId: 7, ok: true, result: { trainCount: 10, testCount: 2, skipped: [{ name: 'gone.png', reason: 'cannot read it (NotReadableError)' }] } });
    // Bytes or a handle, not both (nor neither).
    await session.handle({ type: 'import', requestId: 8, folder: { ...folder, files: [{ className: 'red', name: 'both.png', bytes: new Uint8Array(1), handle: {} }] } });
    expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringContaining('a picture has its bytes or a handle') });
  });
  it('posts only messages the page accepts: every event and reply of a whole run and its probe', async () => {
    const { session, events } = cpuSession();
    const doc = documentWith({ dataset: 'shapes', epochs: 1, batchSize: 32, optimizer: { type: 'adam', learningRate: 0.001 }, seed: 1 });
    await session.handle({ type: 'start', document: doc, settings: { ...defaultSettings(doc), backend: 'cpu', trainLimit: 64, testLimit: 32 } });
    await session.handle({ type: 'probe', requestId: 1, source: { kind: 'sample', index: 3 }, nodeIds: doc.nodes.map((n) => n.id) });
    await session.handle({ type: 'examples', requestId: 2, actual: 0, predicted: 1, limit: 4 });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['status', 'started', 'metrics', 'progress', 'epoch', 'evaluation', 'done', 'reply']));
    for (const event of events) expect(parseWorkerMessage(event), event.type).toMatchObject({ ok: true });
  });
  it('the page refuses a malformed message from the worker, naming the place', () => {
    expect(parseWorkerMessage({ type: 'metrics', steps: [1, 2], losses: new Float32Array(2) })).toEqual({ ok: false, message: expect.stringMatching(/^the training worker sent a malformed message: steps: /) });
    expect(parseWorkerMessage({ type: 'reply', ok: true, result: {} })).toMatchObject({ ok: false });
    expect(parseWorkerMessage({ type: 'probe-failed', requestId: 1, message: 'x' })).toMatchObject({ ok: false });
  });
  it('the page matches replies to requests by id, in any order, and answers every waiting one when the worker goes', async () => {
    const requests = new PendingRequests();
    const sent: number[] = [];
    const first = requests.ask('examples', (id) => sent.push(id));
    const progress: number[] = [];
    const second = requests.ask('import', (id) => sent.push(id), (done) => progress.push(done));
    const third = requests.ask('probe', (id) => sent.push(id));
    const fourth = requests.ask('probe', (id) => sent.push(id));
    expect(new Set(sent).size).toBe(4);
    const [a = 0, b = 0, , d = 0] = sent;
    // An import's result under a probe's id is refused, not handed over as a probe.
    requests.receive({ type: 'reply', requestId: d, ok: true, result: { name: 'n', classNames: [], trainCount: 1, testCount: 1, skipped: [] } });
    requests.receive({ type: 'reply-progress', requestId: b, done: 5, total: 9 });
    requests.receive({ type: 'reply', requestId: b, ok: true, result: { name: 'n', classNames: [], trainCount: 1, testCount: 1, skipped: [] } });
    requests.receive({ type: 'reply', requestId: a, ok: false, message: 'no' });
    requests.receive({ type: 'reply', requestId: 999, ok: false, message: 'for nobody' });
    requests.failAll('the worker crashed');
    expect(progress).toEqual([5]);
    expect(await second).toMatchObject({ ok: true, name: 'n' });
    expect(await first).toEqual({ ok: false, message: 'no' });
    expect(await third).toEqual({ ok: false, message: 'the worker crashed' });
    expect(await fourth).toEqual({ ok: false, message: 'the training worker answered a probe request with something else' });
  });
});
