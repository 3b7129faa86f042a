/** Dilation on conv2d: the output sizes, costs, warnings and written-out arithmetic of a kernel whose taps are spread apart. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph, explainAxis, planAxis } from '../../../engine';
import { fieldStats } from '../../../engine/lessons/receptiveField';
import { chainDocument, lastShape } from '../../helpers/graphs';

const conv = (params: Record<string, unknown>) => ({ type: 'conv2d' as const, params: { filters: 4, kernelSize: 3, ...params } });
const infoOf = (doc: ReturnType<typeof chainDocument>) => [...analyzeGraph(doc).infoOf.values()].at(-1)!;

describe('a dilated conv2d', () => {
  // A 3-tap kernel dilated by 2 spans 2·(3 − 1) + 1 = 5 pixels (hand-computed sizes).
  it.each([
    [{ dilation: 2 }, [4, 24, 24]], // valid: 28 − 5 + 1
    [{ dilation: 2, padding: 'same' }, [4, 28, 28]],
    [{ dilation: 2, padding: 'full' }, [4, 32, 32]], // 28 + 5 − 1
    [{ dilation: 2, strides: 2 }, [4, 12, 12]], // floor((28 − 5) / 2) + 1
    [{ dilation: [3, 1] }, [4, 22, 26]], // spans 7 × 3
    [{ dilation: 1 }, [4, 26, 26]],
  ])('%j on 28×28 gives %j', (params, shape) => {
    expect(lastShape([1, 28, 28], [conv(params)])).toEqual(shape);
  });

  it('keeps its parameters and its multiplies per output: the taps are the same, only spread', () => {
    const plain = infoOf(chainDocument([2, 28, 28], [conv({})]));
    const dilated = infoOf(chainDocument([2, 28, 28], [conv({ dilation: 2 })]));
    expect(dilated.params).toBe(plain.params);
    expect(dilated.params).toBe(4 * 2 * 9 + 4);
    expect(dilated.flops).toBe(4 * 24 * 24 * (2 * 2 * 9));
    expect(dilated.notes).toContain('dilation 2×2: each 3×3 kernel spans 5×5 pixels, reading every 2×2-th');
    // The sparse matrix holds only the taps that land on real pixels: 9 per output of each channel here (no padding).
    expect(dilated.matrixEquivalent?.sparse.storedFloats).toBe(4 * 2 * 24 * 24 * 9);
  });

  it('writes the span into the inspector’s arithmetic', () => {
    expect(explainAxis(planAxis(28, 3, 2, 'valid', 2))).toBe('span = 2·(3 − 1) + 1 = 5; out = floor((28 − 5 + 0) / 2) + 1 = 12');
    expect(explainAxis(planAxis(28, 3, 1, 'valid'))).toBe('out = floor((28 − 3 + 0) / 1) + 1 = 26');
  });

  it('says when the span does not fit, and which pixels the taps skip', () => {
    expect(lastShape([1, 4, 4], [conv({ dilation: 2 })])).toBe('kernel 3×3 dilated by 2×2: its span 5×5 is larger than its 4×4 input');
    const doc = chainDocument([1, 9, 9], [conv({ kernelSize: 2, dilation: 2, strides: 2 })]);
    const warning = analyzeGraph(doc).problems.find((p) => p.code === 'stride-drops-pixels');
    expect(warning?.message).toMatch(/^with taps 2 apart and stride 2, 4 rows between taps are never read/);
  });

  it('widens the receptive field to the span', () => {
    const doc = chainDocument([1, 28, 28], [conv({ dilation: 2 }), conv({ dilation: 3 })]);
    const stats = [...fieldStats(doc, analyzeGraph(doc)).values()];
    // 5, then 5 + (3·2 + 1 − 1) = 11.
    expect(stats.map((s) => s.rows.size)).toEqual([1, 5, 11]);
  });
});
