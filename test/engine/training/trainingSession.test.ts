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
import type { GraphDocument } from '../../engine';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { WorkerEvent } from '../../engine/training/protocol';
import { resolveRunSettings } from '../../engine/training/runSettings';
import { TrainingSession } from '../../engine/training/session';
import { loadBundledDataset } from '../../cli/datasets';
import { defaultSettings } from '../../renderer/training/settingsStore';
import { chainDocument } from '../helpers/graphs';
import { convstudio } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'convstudio-session-'));

function documentWith(training: GraphDocument['training']): GraphDocument {
  const doc = chainDocument([1, 28, 28], [
    { type: 'conv2d', params: { filters: 4, kernelSize: 3 } }, { type: 'relu' }, { type: 'maxPool2d' },
    { type: 'dense', params: { units: 4 } }, { type: 'softmax' },
  ]);
  return { ...doc, ...(training ? { training } : {}) };
}

/** A training session as the worker's, with the CLI's data and the CPU backend, and the events it posts. */
function cpuSession() {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession({
    post: (event) => events.push(event),
    loadBundled: async (name) => loadBundledDataset(name),
    chooseBackend: () => ({ backend: createCpuBackend(), reason: 'the test' }),
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
