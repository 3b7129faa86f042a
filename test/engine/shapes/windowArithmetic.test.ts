import { describe, expect, it } from 'vitest';
import { explainAxis, planAxis, unreadPixels } from '../../../engine';

// Every expected number below was worked out by hand from the definitions:
// valid floor((n - k) / s) + 1; same ceil(n / s) with total padding
// max((out - 1) * s + k - n, 0), odd pixel after; full pads k - 1 each side.
describe('output size per axis, hand-computed', () => {
  const cases: [n: number, k: number, s: number, mode: 'valid' | 'same' | 'full', out: number, before: number, after: number][] = [
    [28, 5, 1, 'valid', 24, 0, 0],
    [28, 5, 2, 'valid', 12, 0, 0], // 23 / 2 = 11.5 → 11 + 1
    [28, 5, 3, 'valid', 8, 0, 0], // 23 / 3 = 7.67 → 7 + 1
    [28, 5, 1, 'same', 28, 2, 2],
    [28, 5, 2, 'same', 14, 1, 2], // total 13*2 + 5 - 28 = 3
    [28, 5, 3, 'same', 10, 2, 2], // total 9*3 + 5 - 28 = 4
    [28, 5, 1, 'full', 32, 4, 4],
    [28, 5, 2, 'full', 16, 4, 4], // (28 + 3) / 2 = 15.5 → 15 + 1
    [28, 5, 3, 'full', 11, 4, 4], // 31 / 3 = 10.3 → 10 + 1
    [7, 3, 1, 'valid', 5, 0, 0],
    [7, 3, 2, 'valid', 3, 0, 0],
    [7, 3, 3, 'valid', 2, 0, 0],
    [7, 3, 1, 'same', 7, 1, 1],
    [7, 3, 2, 'same', 4, 1, 1], // total 3*2 + 3 - 7 = 2
    [7, 3, 3, 'same', 3, 1, 1], // total 2*3 + 3 - 7 = 2
    [7, 3, 1, 'full', 9, 2, 2],
    [7, 3, 2, 'full', 5, 2, 2],
    [7, 3, 3, 'full', 3, 2, 2], // 8 / 3 = 2.67 → 2 + 1
    [5, 2, 1, 'valid', 4, 0, 0],
    [5, 2, 2, 'valid', 2, 0, 0],
    [5, 2, 3, 'valid', 2, 0, 0],
    [5, 2, 1, 'same', 5, 0, 1], // even kernel: the extra pixel goes after
    [5, 2, 2, 'same', 3, 0, 1],
    [5, 2, 1, 'full', 6, 1, 1],
    [1, 1, 1, 'valid', 1, 0, 0],
    [2, 3, 1, 'valid', 0, 0, 0], // kernel larger than input
    [2, 3, 1, 'same', 2, 1, 1],
  ];
  it.each(cases)('n=%i k=%i s=%i %s → %i (pad %i/%i)', (n, k, s, mode, out, before, after) => {
    expect(planAxis(n, k, s, mode)).toEqual({ inSize: n, kernel: k, stride: s, padBefore: before, padAfter: after, outSize: out });
  });

  it('gives no output for a stride below 1 instead of looping forever (an editor field may pass one)', () => {
    expect(planAxis(28, 5, 0, 'valid').outSize).toBe(0);
    expect(planAxis(28, 5, 0.5, 'same').outSize).toBe(0);
    expect(unreadPixels(planAxis(28, 5, 0, 'valid'))).toEqual({ total: 28, atEnd: 28 });
  });
  it('explicit padding [before, after]', () => {
    expect(planAxis(28, 5, 1, [1, 2])).toMatchObject({ outSize: 27, padBefore: 1, padAfter: 2 });
    expect(planAxis(10, 3, 2, [0, 3])).toMatchObject({ outSize: 6 }); // (13 - 3) / 2 + 1
  });
});

describe('pixels a stride never reads', () => {
  it('counts rows dropped at the end when the stride does not tile', () => {
    expect(unreadPixels(planAxis(28, 5, 2, 'valid'))).toEqual({ total: 1, atEnd: 1 });
    expect(unreadPixels(planAxis(28, 5, 3, 'valid'))).toEqual({ total: 2, atEnd: 2 });
    expect(unreadPixels(planAxis(7, 3, 3, 'valid'))).toEqual({ total: 1, atEnd: 1 });
  });
  it('counts gaps between windows when the stride exceeds the kernel', () => {
    // windows read 0-1 and 3-4 of 5: pixel 2 is skipped
    expect(unreadPixels(planAxis(5, 2, 3, 'valid'))).toEqual({ total: 1, atEnd: 0 });
    // 1×1 windows with stride 3 over 7: read 0, 3, 6
    expect(unreadPixels(planAxis(7, 1, 3, 'valid'))).toEqual({ total: 4, atEnd: 0 });
  });
  it('reads everything when the stride tiles, or only padding is dropped', () => {
    expect(unreadPixels(planAxis(28, 5, 1, 'valid'))).toEqual({ total: 0, atEnd: 0 });
    expect(unreadPixels(planAxis(28, 2, 2, 'valid'))).toEqual({ total: 0, atEnd: 0 });
    expect(unreadPixels(planAxis(28, 5, 2, 'same'))).toEqual({ total: 0, atEnd: 0 });
    // full, stride 2: padded 36, last window ends at 34, only padding is left over
    expect(unreadPixels(planAxis(28, 5, 2, 'full'))).toEqual({ total: 0, atEnd: 0 });
  });
});

it('writes the arithmetic out with the numbers', () => {
  expect(explainAxis(planAxis(28, 5, 1, 'valid'))).toBe('out = floor((28 − 5 + 0) / 1) + 1 = 24');
  expect(explainAxis(planAxis(28, 5, 2, 'same'))).toBe('out = floor((28 − 5 + 3) / 2) + 1 = 14');
  expect(explainAxis(planAxis(3, 5, 1, 'valid'))).toBe('3 + 0 padding < kernel 5: no output');
});
