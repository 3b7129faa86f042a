import { describe, expect, it } from 'vitest';
import { formatCell } from '../../renderer/lessons/NumberGrid';

describe('formatCell', () => {
  it('drops the decimals’ trailing zeros, never a whole number’s, and writes a true minus', () => {
    expect(formatCell(30, 0)).toBe('30');
    expect(formatCell(100, 2)).toBe('100');
    expect(formatCell(0.5, 2)).toBe('0.5');
    expect(formatCell(-1.25, 2)).toBe('−1.25');
    expect(formatCell(-0.0001, 2)).toBe('0');
  });
});
