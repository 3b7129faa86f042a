import { expect, it } from 'vitest';
import { histogram } from '../../../engine/training/histogram';

it('counts every value once, in equal bins from the smallest to the largest', () => {
  const h = histogram('w', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10], 5);
  expect([h.min, h.max]).toEqual([0, 10]);
  expect(h.counts).toEqual([2, 2, 2, 2, 4]); // bins of width 2; both 10s and the 8, 9 in the last
  expect(histogram('flat', [3, 3, 3], 4).counts).toEqual([3, 0, 0, 0]);
});
