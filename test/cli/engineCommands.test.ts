/** forward, gradients, train and eval through the real CLI, good input and bad. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocumentText } from '../../engine';
import { convstudio } from '../helpers/cli';
import { randomValues } from '../helpers/network';

const dir = mkdtempSync(join(tmpdir(), 'convstudio-cli-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const SHAPES = 'resources/examples/shapes-cnn.json';
const image = (n: number) => ({ shape: [n, 1, 28, 28], data: Array.from(randomValues(n * 784, 3)) });
const X = write('x.json', image(2));
const Y = write('y.json', { labels: [0, 3] });

describe('convstudio forward', () => {
  it('prints every node\'s output with the batch axis', () => {
    const run = convstudio('forward', SHAPES, '--input', X, '--json');
    expect(run.code).toBe(0);
    const { nodes } = JSON.parse(run.stdout);
    expect(Object.keys(nodes)).toEqual(['in', 'c1', 'r1', 'p1', 'c2', 'r2', 'p2', 'd1', 'out']);
    expect(nodes.c1.shape).toEqual([2, 8, 24, 24]);
    expect(nodes.c1.data).toHaveLength(2 * 8 * 24 * 24);
    const probs = nodes.out.data as number[];
    expect(probs.slice(0, 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
  it('the same seed gives the same initial weights, another seed others', () => {
    const out = (seed: string) => JSON.parse(convstudio('forward', SHAPES, '--input', X, '--json', '--seed', seed).stdout).nodes.out.data;
    expect(out('4')).toEqual(out('4'));
    expect(out('4')).not.toEqual(out('5'));
  });
});

describe('convstudio gradients', () => {
  it('prints the loss and the gradient for every weight and the input', () => {
    const run = convstudio('gradients', SHAPES, '--input', X, '--labels', Y, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.loss).toBeGreaterThan(0);
    expect(Object.keys(result.params)).toEqual(['c1', 'c2', 'd1']);
    expect(result.params.c2.weight.shape).toEqual([16, 8, 5, 5]);
    expect(result.params.d1.bias.shape).toEqual([4]);
    expect(result.input.shape).toEqual([2, 1, 28, 28]);
    // The bias gradient of the output layer is the mean of (p - onehot): it sums to zero.
    expect(result.params.d1.bias.data.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(0, 6);
  });
});

describe('bad input to forward and gradients: a clear message and exit code, no stack trace', () => {
  const cases: [string, string[], number, string][] = [
    ['input shape not matching the input node', ['forward', SHAPES, '--input', write('x1.json', { shape: [2, 1, 28, 27], data: new Array(2 * 28 * 27).fill(0) })], 1, 'does not fit the input node "in", which takes [N, 1, 28, 28]'],
    ['data of the wrong length', ['forward', SHAPES, '--input', write('x2.json', { shape: [2, 1, 28, 28], data: [1, 2, 3] })], 1, 'needs 1568 numbers but data holds 3'],
    ['non-numeric data', ['forward', SHAPES, '--input', write('x3.json', { shape: [1, 1, 28, 28], data: new Array(784).fill('x') })], 1, 'at data: expected an array of numbers'],
    ['shape not a list', ['forward', SHAPES, '--input', write('x4.json', { shape: 'big', data: [] })], 1, 'at shape: expected [N, 1, 28, 28]'],
    ['input not JSON', ['forward', SHAPES, '--input', write('x5.json', '{"shape": [1,')], 2, 'x5.json:1:'],
    ['missing input file', ['forward', SHAPES, '--input', join(dir, 'nope.json')], 2, 'no such file'],
    ['no --input', ['forward', SHAPES], 2, '--input X.json is required'],
    ['labels out of range', ['gradients', SHAPES, '--input', X, '--labels', write('y1.json', { labels: [0, 4] })], 1, 'at labels[1]: 4 is not a class index from 0 to 3'],
    ['negative and fractional labels', ['gradients', SHAPES, '--input', X, '--labels', write('y2.json', { labels: [-1, 0.5] })], 1, 'at labels[0]: -1 is not a class index'],
    ['too few labels', ['gradients', SHAPES, '--input', X, '--labels', write('y3.json', { labels: [1] })], 1, 'holds 1 labels but the input has 2 samples'],
    ['labels not a list', ['gradients', SHAPES, '--input', X, '--labels', write('y4.json', { label: [1, 2] })], 1, 'expected { "labels": [int, ...] }'],
    ['gradients of a network without softmax', ['gradients', 'resources/examples/edge-detection.json', '--input', X, '--labels', Y], 1, 'need the network to end in a softmax node'],
  ];
  it.each(cases)('%s', (_name, args, code, message) => {
    const run = convstudio(...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at |internal error/m);
    expect(run.stdout).toBe('');
  });
});

describe('convstudio train and eval', () => {
  it('trains from the document\'s settings with --json events, writes the trained document, and eval reads it back', () => {
    const out = join(dir, 'trained.json');
    const run = convstudio('train', SHAPES, '--steps', '40', '--json', '--out', out);
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ event: 'progress', epoch: 1 });
    expect(events.at(-2)).toMatchObject({ event: 'epoch', epoch: 1, step: 40 });
    const done = events.at(-1);
    expect(done).toMatchObject({ event: 'done', steps: 40, backend: 'cpu', stopped: false });
    expect(Object.keys(done).sort()).toEqual(expect.arrayContaining(['trainAccuracy', 'testAccuracy', 'samplesPerSec', 'backend']));

    const trained = loadDocumentText(readFileSync(out, 'utf8'));
    expect(trained.ok).toBe(true);
    expect(Object.keys(trained.document?.weights ?? {})).toEqual(['c1', 'c2', 'd1']);

    const evaluation = JSON.parse(convstudio('eval', out, '--json').stdout);
    expect(evaluation.accuracy).toBeCloseTo(done.testAccuracy, 10);
    expect(evaluation.confusion).toHaveLength(4);
    expect(evaluation.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(1000);
  }, 120_000);

  it('runs on gpujs:webasm when asked, and --backend auto says what it chose and why', () => {
    const done = (args: string[]) => JSON.parse(convstudio('train', SHAPES, '--steps', '3', '--json', ...args).stdout.trim().split('\n').at(-1) ?? '{}');
    const threads = availableParallelism() > 1 ? `${availableParallelism()} threads` : '1 thread';
    expect(done(['--backend', 'gpujs:webasm'])).toMatchObject({ event: 'done', backend: 'gpujs:webasm', backendReason: `asked for; gpujs:webasm kernels on ${threads}` });
    const auto = done(['--backend', 'auto']);
    expect(auto.backendReason).toMatch(/^auto: fastest on this network: [\d.]+ ms per step \(.+\); wasm and gpujs:webasm kernels on \d+ threads?$/);
    expect(['cpu', 'wasm', 'gpujs:webasm', 'gpujs:cpu']).toContain(auto.backend);
    // The others were timed too, and each is named with its time.
    for (const other of ['cpu', 'wasm', 'gpujs:webasm', 'gpujs:cpu'].filter((name) => name !== auto.backend)) expect(auto.backendReason).toMatch(new RegExp(`(\\(|, )${other} [\\d.]+ ms`));
  }, 120_000);

  it.each([
    [['train', 'resources/examples/lenet-5.json', '--dataset', 'shapes'], 1, "the network's output has 10 classes but the shapes data set has 4"],
    [['train', SHAPES, '--dataset', 'imagenet'], 1, 'unknown data set "imagenet"; available: mnist, fashion-mnist, shapes, colored-shapes, shifted-digits'],
    [['train', SHAPES, '--optimizer', 'rmsprop'], 2, '--optimizer must be sgd, momentum or adam'],
    [['train', SHAPES, '--lr=-1'], 2, '--lr must be a positive number'],
    [['train', SHAPES, '--epochs', '1.5'], 2, '--epochs must be a whole number'],
    [['train', SHAPES, '--backend', 'gpujs:metal'], 2, 'unknown backend "gpujs:metal"; available: auto, cpu, wasm, gpujs:cpu, gpujs:webasm'],
    [['train', SHAPES, '--backend', 'gpujs:webgl2'], 1, 'gpujs:webgl2 is not available here'],
    [['train', 'resources/examples/edge-detection.json', '--dataset', 'shapes'], 1, 'training needs the network to end in a softmax node'],
  ])('refuses %j', (args, code, message) => {
    const run = convstudio(...(args as string[]));
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at |internal error/m);
  });
});
