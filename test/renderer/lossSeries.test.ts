/**
 * A run's loss curve stays at most MAX_LOSS_POINTS long however many steps
 * arrive, and each point is the mean loss of the steps it covers (checked
 * against a direct mean over the raw steps).
 */
import { describe, expect, it } from 'vitest';
import { appendLosses, EMPTY_LOSS_SERIES, MAX_LOSS_POINTS, type LossSeries } from '../../renderer/training/lossSeries';

/** Feeds steps 0…count-1 (loss f(step)) in batches of varying size, as the worker sends them. */
function feed(count: number, f: (step: number) => number, maxPoints?: number): LossSeries {
  let series = EMPTY_LOSS_SERIES;
  let step = 0;
  for (let batch = 1; step < count; batch = (batch * 7 + 3) % 61 + 1) {
    const n = Math.min(batch, count - step);
    const steps = Float64Array.from({ length: n }, (_, i) => step + i);
    series = appendLosses(series, steps, Float32Array.from(steps, f), maxPoints);
    step += n;
  }
  return series;
}

describe('loss series', () => {
  it('keeps every step while the run is short', () => {
    const series = feed(1000, (s) => 1 / (s + 1));
    expect(series.stepCount).toBe(1000);
    expect(series.stepsPerPoint).toBe(1);
    expect(series.steps).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(series.losses[10]).toBeCloseTo(1 / 11, 6);
  });

  it('merges neighbouring points once the run outgrows the limit: each point is the mean of the steps it covers', () => {
    const f = (s: number) => Math.sin(s / 50) + 2;
    const count = 100_003;
    const series = feed(count, f);
    expect(series.stepCount).toBe(count);
    expect(series.losses.length).toBeLessThanOrEqual(MAX_LOSS_POINTS);
    expect(series.losses.length).toBeGreaterThan(MAX_LOSS_POINTS / 2);
    expect(series.stepsPerPoint).toBe(32); // 100,003 steps over at most 4,096 points
    // Point i covers steps (previous point's last step, its own last step]; the last is the latest step.
    expect(series.steps.at(-1)).toBe(count - 1);
    let first = 0;
    series.steps.forEach((last, i) => {
      let sum = 0;
      for (let s = first; s <= last; s++) sum += Math.fround(f(s));
      expect(series.losses[i], `point ${i}`).toBeCloseTo(sum / (last - first + 1), 5);
      if (i < series.steps.length - 1) expect(last - first + 1, `point ${i}`).toBe(series.stepsPerPoint);
      first = last + 1;
    });
  });

  it('works for a limit that is odd, and a limit of one point', () => {
    for (const maxPoints of [1, 5, 7]) {
      const series = feed(1234, (s) => s, maxPoints);
      expect(series.losses.length).toBeLessThanOrEqual(maxPoints);
      expect(series.steps.at(-1)).toBe(1233);
      // The mean of 0…1233 weighted by the steps each point covers is the mean of all steps.
      let first = 0;
      let total = 0;
      series.steps.forEach((last, i) => {
        total += series.losses[i]! * (last - first + 1);
        first = last + 1;
      });
      expect(total / 1234).toBeCloseTo(1233 / 2, 6);
    }
  });

  it('leaves the series it was given unchanged', () => {
    const before = feed(MAX_LOSS_POINTS, (s) => s);
    const copy = structuredClone(before);
    appendLosses(before, [MAX_LOSS_POINTS], [1]);
    expect(before).toEqual(copy);
  });
});
