import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaintBeat } from '../../renderer/training/paintBeat';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PaintBeat', () => {
  it('delivers what two callers scheduled at different moments back to back, at the next multiple of the interval', async () => {
    let now = 1234;
    const beat = new PaintBeat(1000, () => now);
    const heard: string[] = [];
    const progress = () => heard.push(`progress@${now}`);
    const strips = () => heard.push(`strips@${now}`);
    beat.schedule(progress);
    now += 300;
    await vi.advanceTimersByTimeAsync(300);
    beat.schedule(strips);
    beat.schedule(progress); // asked again before the beat: still once
    expect(heard).toEqual([]);
    now += 465;
    await vi.advanceTimersByTimeAsync(465); // 1999: one millisecond before the beat
    expect(heard).toEqual([]);
    now += 1;
    await vi.advanceTimersByTimeAsync(1); // 2000
    expect(heard).toEqual(['progress@2000']);
    await vi.runOnlyPendingTimersAsync(); // the second, in a task of its own right after the first
    expect(heard).toEqual(['progress@2000', 'strips@2000']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(heard).toHaveLength(2); // nothing scheduled since: nothing delivered
  });

  it('forgets a cancelled delivery, and delivers at once with an interval of 0', async () => {
    const beat = new PaintBeat(500, () => 0);
    let heard = 0;
    const deliver = () => heard++;
    beat.schedule(deliver);
    beat.cancel(deliver);
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toBe(0);
    new PaintBeat(0).schedule(deliver);
    expect(heard).toBe(1);
  });
});
