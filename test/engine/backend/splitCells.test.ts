/** How a threaded webasm kernel's cells are shared out: whole SIMD quads, never a quad across a row. */
import { describe, expect, it } from 'vitest';
import { splitCells } from '../../../engine/backend/gpujs/kernelThreads';

describe('splitCells', () => {
  it.each([
    [8192, 64, 2],
    [960, 120, 2],
    [27648, 12, 3],
    [150 * 4, 150, 2],
    [25 * 2, 25, 2],
    [6, 6, 2],
    [4, 4, 8],
  ])('%i cells in rows of %i over %i threads', (cells, sizeX, parts) => {
    const ranges = splitCells(cells, sizeX, parts);
    expect(ranges.length).toBeGreaterThanOrEqual(1);
    expect(ranges.length).toBeLessThanOrEqual(parts);
    // Contiguous and covering [0, cells), each range non-empty.
    expect(ranges[0]?.[0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(cells);
    for (const [i, [start, end]] of ranges.entries()) {
      expect(end).toBeGreaterThan(start);
      if (i > 0) expect(start).toBe(ranges[i - 1]?.[1]);
      // Rows a multiple of 4 wide split on quads; other rows split only between rows.
      expect(start % (sizeX % 4 === 0 ? 4 : sizeX)).toBe(0);
    }
  });

  it('uses every thread when there is enough work, evenly to within one quad', () => {
    const ranges = splitCells(8192, 64, 2);
    expect(ranges).toEqual([[0, 4096], [4096, 8192]]);
  });
});
