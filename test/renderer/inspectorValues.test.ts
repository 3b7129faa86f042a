/** Between parameter values and the inspector's fields: size pairs, padding modes and the explicit-padding prefill. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph, planWindow, type GraphDocument, type GraphNode } from '../../engine';
import { explicitPadding, ownParams, pairValue, paddingMode, problemAt, toPair, unpinnedProblems, windowParams } from '../../renderer/inspector/values';
import { TEMPLATES } from '../../renderer/templates';

describe('size pairs', () => {
  it('reads one number or [height, width]', () => {
    expect(toPair(5)).toEqual([5, 5]);
    expect(toPair([3, 2])).toEqual([3, 2]);
  });

  it('writes one number back only where the document held one and both sides are equal', () => {
    expect(pairValue(5, 7, 7)).toBe(7);
    expect(pairValue(5, 7, 3)).toEqual([7, 3]);
    expect(pairValue([5, 5], 7, 7)).toEqual([7, 7]);
    expect(pairValue(undefined, 2, 2)).toEqual([2, 2]);
  });
});

describe('padding', () => {
  it('has a mode for every value, valid when left out', () => {
    expect(paddingMode(undefined)).toBe('valid');
    expect(paddingMode('same')).toBe('same');
    expect(paddingMode('full')).toBe('full');
    expect(paddingMode([1, 2, 3, 4])).toBe('explicit');
  });

  it('prefills explicit padding with what `same` pads, from the window plan', () => {
    // 28×28 input, 5×5 kernel, stride 1: 2 on every side.
    expect(explicitPadding('same', [5, 5], planWindow(28, 28, [5, 5], [1, 1], 'same'))).toEqual([2, 2, 2, 2]);
    // Stride 2, kernel 3 on 28: one pixel of padding in all, at the bottom and right.
    expect(explicitPadding('same', [3, 3], planWindow(28, 28, [3, 3], [2, 2], 'same'))).toEqual([0, 1, 0, 1]);
    // An even kernel: the odd pixel after.
    expect(explicitPadding('same', [4, 2], planWindow(10, 10, [4, 2], [1, 1], 'same'))).toEqual([1, 2, 0, 1]);
  });

  it('prefills full from the kernel alone, valid and same without an input with zeros', () => {
    expect(explicitPadding('full', [5, 3])).toEqual([4, 4, 2, 2]);
    expect(explicitPadding('full', [5, 3], planWindow(28, 28, [5, 3], [1, 1], 'full'))).toEqual([4, 4, 2, 2]);
    expect(explicitPadding('valid', [5, 5])).toEqual([0, 0, 0, 0]);
    expect(explicitPadding(undefined, [5, 5])).toEqual([0, 0, 0, 0]);
    expect(explicitPadding('same', [5, 5])).toEqual([0, 0, 0, 0]);
  });

  it('keeps explicit padding as it is', () => {
    expect(explicitPadding([1, 2, 3, 4], [5, 5], planWindow(28, 28, [5, 5], [1, 1], [1, 2, 3, 4]))).toEqual([1, 2, 3, 4]);
  });

  it('uses the analysis of a real graph: small-cnn c1 pads 1 on each side', () => {
    const doc = structuredClone(TEMPLATES.find((t) => t.file === 'small-cnn.json')?.document as GraphDocument);
    const info = analyzeGraph(doc).infoOf.get('c1');
    expect(explicitPadding('same', [3, 3], info?.window)).toEqual([1, 1, 1, 1]);
  });
});

describe('windowParams', () => {
  it('fills in what the engine uses where the document is silent', () => {
    expect(windowParams({ id: 'p', type: 'maxPool2d' })).toEqual({ windowKey: 'poolSize', window: [2, 2], strides: [2, 2], padding: 'valid' });
    expect(windowParams({ id: 'p', type: 'avgPool2d', params: { poolSize: 3 } })).toEqual({ windowKey: 'poolSize', window: [3, 3], strides: [3, 3], padding: 'valid' });
    expect(windowParams({ id: 'c', type: 'conv2d', params: { filters: 1, kernelSize: [5, 3] } })).toEqual({ windowKey: 'kernelSize', window: [5, 3], strides: [1, 1], padding: 'valid' });
    expect(windowParams({ id: 'd', type: 'dense', params: { units: 3 } })).toBeUndefined();
  });

  it('reads own params as an object, also for a node without any', () => {
    expect(ownParams({ id: 'r', type: 'relu' } as GraphNode)).toEqual({});
    expect(ownParams({ id: 'd', type: 'dense', params: { units: 3 } })).toEqual({ units: 3 });
  });
});

it('pins an analysis problem to the parameter it concerns', () => {
  const doc = structuredClone(TEMPLATES.find((t) => t.file === 'lenet-5.json')?.document as GraphDocument);
  const c2 = doc.nodes.find((n) => n.id === 'c2') as GraphNode & { params: { kernelSize: unknown } };
  c2.params.kernelSize = [13, 13];
  const problems = analyzeGraph(doc).problems.filter((p) => p.nodeId === 'c2');
  expect(problemAt(problems, 'kernelSize')).toEqual({ message: 'kernel 13×13 is larger than its 12×12 input', severity: 'error' });
  expect(problemAt(problems, 'filters')).toBeUndefined();
  // Shown at its field, so not again in the list at the end.
  expect(unpinnedProblems(problems, [])).toEqual([]);
});

it('pins a stride warning to the stride, as a warning', () => {
  const doc = structuredClone(TEMPLATES.find((t) => t.file === 'lenet-5.json')?.document as GraphDocument);
  const c1 = doc.nodes.find((n) => n.id === 'c1') as GraphNode & { params: { strides: unknown } };
  c1.params.strides = [3, 3];
  const problems = analyzeGraph(doc).problems.filter((p) => p.nodeId === 'c1');
  const note = problemAt(problems, 'strides');
  expect(note?.severity).toBe('warning');
  // One line per axis.
  expect(note?.message.split('\n')).toEqual([expect.stringContaining('the last 2 rows at the bottom are dropped'), expect.stringContaining('the last 2 columns at the right are dropped')]);
});

it('lists the problems no field shows', () => {
  const problems = [
    { severity: 'error', code: 'unconnected', message: 'not connected', path: ['nodes', 1], nodeId: 'c1' },
    { severity: 'error', code: 'weights-data', message: 'bad data', path: ['weights', 'c1', 'weight', 'data'], nodeId: 'c1' },
  ] as const;
  expect(unpinnedProblems(problems, ['weight']).map((p) => p.code)).toEqual(['unconnected']);
  expect(unpinnedProblems(problems, []).map((p) => p.code)).toEqual(['unconnected', 'weights-data']);
});
