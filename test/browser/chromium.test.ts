/**
 * The parity suite in Chromium: gpujs:webgl2 (SwiftShader here), gpujs:webasm
 * (on one thread, and split over helper threads), wasm and the cpu reference, each
 * against the float64 reference computed in the same page. A backend that
 * falls back to another mode throws in the page and fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseErrors } from '../helpers/parityCases';
import { LOSS_CURVE_TOLERANCE } from '../helpers/parityCases';
import type { DisposedUse } from '../helpers/disposedUses';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { chromiumAvailable, openSuitePage, type ChromiumPage } from '../../bench/chromium';

interface Suite {
  info(): { renderer: string; crossOriginIsolated: boolean };
  startThreads(): Promise<number>;
  parity(name: string): CaseErrors[];
  disposed(name: string): { uses: DisposedUse[]; view: number[] };
  primitives(name: string): { name: string; error: number }[];
  lossCurve(name: string, steps: number): Promise<{ steps: number; worst: number; step: number; backend: string }>;
}
declare const convstudio: Suite;

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the engine in Chromium', () => {
  let chromium: ChromiumPage;
  beforeAll(async () => {
    chromium = await openSuitePage();
    expect(await chromium.page.evaluate(() => convstudio.startThreads()), 'threads kernels run on').toBeGreaterThan(1);
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('runs WebGL2 on SwiftShader in a cross-origin isolated page', async () => {
    const info = await chromium.page.evaluate(() => convstudio.info());
    expect(info.crossOriginIsolated).toBe(true);
    expect(info.renderer).toMatch(/SwiftShader/i);
  });

  describe.each(['gpujs:webgl2', 'gpujs:webasm', 'gpujs:webasm threaded, every kernel split', 'wasm', 'cpu'])('%s', (name) => {
    it('matches the float64 reference on every parity case', async () => {
      const results = await chromium.page.evaluate((n) => convstudio.parity(n), name);
      expect(results.length).toBeGreaterThan(15);
      for (const r of results) {
        expect(r.output, `${r.name}: output of ${r.worstOutput}`).toBeLessThan(1e-4);
        expect(r.gradient, `${r.name}: gradient of ${r.worstGradient}`).toBeLessThan(1e-3);
      }
    }, 300_000);

    // The table compiles a kernel per primitive and shape, over 400 in all. A page holds about 125
    // WebAssembly memories and threaded kernels keep theirs while the helpers live, so the threaded
    // backend runs the table in Node (test/engine/backend/primitives.test.ts) and the network cases here.
    it.skipIf(name.includes('threaded'))('matches the float64 reference on every primitive of the table, each variant by name', async () => {
      const results = await chromium.page.evaluate((n) => convstudio.primitives(n), name);
      expect(results.length).toBeGreaterThan(200);
      const broken = results.filter((r) => !(r.error < 1e-5)).map((r) => `${r.name}: ${r.error}`);
      expect(broken).toEqual([]);
    }, 300_000);

    it('refuses a disposed tensor however it is used, and keeps a reshaped view', async () => {
      const { uses, view } = await chromium.page.evaluate((n) => convstudio.disposed(n), name);
      expect(uses.length).toBe(9);
      for (const { use, message } of uses) expect(message, use).toMatch(/^a disposed tensor \[[\d, ]+\] was used/);
      expect(view).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('follows the reference loss curve for 200 steps', async () => {
      const result = await chromium.page.evaluate((n) => convstudio.lossCurve(n, 200), name);
      expect(result).toMatchObject({ steps: 200, backend: name.split(' ')[0] });
      expect(result.worst, `relative distance at step ${result.step}`).toBeLessThan(LOSS_CURVE_TOLERANCE);
    }, 600_000);
  });
});
