/**
 * Measures how smooth the page is: frames drawn (requestAnimationFrame) and
 * main-thread tasks over 50 ms (the long-task observer), from start to stop.
 */
import type { Page } from 'playwright-core';

export interface Smoothness {
  seconds: number;
  framesPerSecond: number;
  /** Durations of main-thread tasks over 50 ms, in ms. */
  longTasks: number[];
}

type Meter = { frames: number; longTasks: number[]; running: boolean; observer: PerformanceObserver };

export async function startSmoothnessMeter(page: Page): Promise<() => Promise<Smoothness>> {
  await page.evaluate(() => {
    const meter: Meter = { frames: 0, longTasks: [], running: true, observer: new PerformanceObserver((list) => list.getEntries().forEach((e) => meter.longTasks.push(e.duration))) };
    (window as unknown as { smoothnessMeter: Meter }).smoothnessMeter = meter;
    const count = () => {
      if (!meter.running) return;
      meter.frames++;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    meter.observer.observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  return async () => {
    const seconds = (Date.now() - started) / 1000;
    const { frames, longTasks } = await page.evaluate(() => {
      const meter = (window as unknown as { smoothnessMeter: Meter }).smoothnessMeter;
      meter.running = false;
      meter.observer.disconnect();
      return { frames: meter.frames, longTasks: meter.longTasks };
    });
    return { seconds, framesPerSecond: frames / seconds, longTasks };
  };
}

export function describeSmoothness(s: Smoothness): string {
  return `${s.framesPerSecond.toFixed(1)} frames per second over ${s.seconds.toFixed(1)} s; main-thread tasks over 50 ms: ${s.longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`;
}
