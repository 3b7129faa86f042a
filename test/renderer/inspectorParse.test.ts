/** The inspector's reading of typed text, and the schema's refusals in a student's words. */
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../engine';
import { formatNumber, parseNumber, parseNumberList, refusal } from '../../renderer/inspector/parse';

const conv: GraphNode = { id: 'c1', type: 'conv2d', params: { filters: 6, kernelSize: [5, 5] } };

describe('parseNumber', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['-0.5', -0.5],
    ['1e-3', 0.001],
    ['.25', 0.25],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'enter a number'],
    ['   ', 'enter a number'],
    ['abc', '"abc" is not a number'],
    ['5, 5', '"5, 5" is not a number'],
    ['Infinity', '"Infinity" is not a number'],
    ['-', '"-" is not a number'],
  ])('refuses %j: %s', (text, message) => {
    expect(parseNumber(text)).toEqual({ ok: false, message });
  });
});

describe('parseNumberList', () => {
  it('reads numbers separated by commas, spaces or ×', () => {
    expect(parseNumberList('1, 28, 28')).toEqual({ ok: true, value: [1, 28, 28] });
    expect(parseNumberList('3 32×32')).toEqual({ ok: true, value: [3, 32, 32] });
    expect(parseNumberList('784')).toEqual({ ok: true, value: [784] });
  });

  it('names the part that is not a number', () => {
    expect(parseNumberList('1, a, 28')).toEqual({ ok: false, message: '"a" is not a number' });
    expect(parseNumberList('')).toEqual({ ok: false, message: 'enter numbers separated by commas' });
  });
});

it('formats float32 noise away', () => {
  expect(formatNumber(Math.fround(0.1))).toBe('0.1');
  expect(formatNumber(-1)).toBe('-1');
  expect(formatNumber(8)).toBe('8');
});

describe('refusal: the schema decides, in words', () => {
  it.each([
    [conv, { filters: 0, kernelSize: [5, 5] }, 'filters', 'filters must be at least 1'],
    [conv, { filters: 1.5, kernelSize: [5, 5] }, 'filters', 'filters must be a whole number'],
    [conv, { filters: 6, kernelSize: [0, 5] }, 'kernel height', 'kernel height must be at least 1'],
    [conv, { filters: 6, kernelSize: [5, 70000] }, 'kernel width', 'kernel width must be at most 65536'],
    [conv, { filters: 6, kernelSize: 0 }, 'kernel height', 'kernel height must be at least 1'],
    [conv, { filters: 6, kernelSize: [5, 5], padding: [0, -1, 0, 0] }, 'padding bottom', 'padding bottom must be at least 0'],
    [{ id: 'd', type: 'dropout', params: { rate: 0.5 } }, { rate: 1 }, 'rate', 'rate must be less than 1'],
    [{ id: 'a', type: 'leakyRelu' }, { alpha: 2 }, 'alpha', 'alpha must be at most 1'],
    [{ id: 'in', type: 'input', params: { shape: [1, 28, 28] } }, { shape: [1, 28] }, 'shape', 'shape is channels, height, width (three numbers) or features (one number)'],
  ] as [GraphNode, Record<string, unknown>, string, string][])('refuses %#: %s', (node, params, label, message) => {
    expect(refusal(node, params, label)).toBe(message);
  });

  it('accepts what the schema accepts', () => {
    expect(refusal(conv, { filters: 1, kernelSize: 3, padding: [1, 1, 0, 0] }, 'filters')).toBeUndefined();
    expect(refusal({ id: 'in', type: 'input', params: { shape: [1, 28, 28] } }, { shape: [784] }, 'shape')).toBeUndefined();
  });
});
