/**
 * Lesson 10's sharing levels against loops written here: each output uses
 * the kernel set (oy mod t, ox mod t), its value is that set's window sum,
 * and the parameter count is sets · k·k + biases, as shape inference says.
 */
import { describe, expect, it } from 'vitest';
import { sharingLayer, sharingLevels } from '../../../engine/lessons/sharing';
import type { Picture } from '../../../engine/lessons/picture';
import { createRandom } from '../../../engine/network/random';

describe('sharing levels', () => {
  it('go from one kernel set to one per position, each output computed with its own set', () => {
    const random = createRandom(5);
    const picture: Picture = { name: 'r', channels: 1, height: 9, width: 8, data: Float64Array.from({ length: 72 }, () => random.next()) };
    const levels = sharingLevels(7, 6);
    expect(levels.map((l) => (l.kind === 'tiled' ? `tiled ${l.tiles}` : l.kind))).toEqual(['conv', 'tiled 2', 'tiled 3', 'tiled 4', 'local']);
    const counts: number[] = [];
    for (const level of levels) {
      const r = sharingLayer(picture, level, 3, 2);
      expect(r.parameters).toBe(r.sets * 9 + r.biases);
      counts.push(r.parameters);
      const weights = sharingLayer(picture, level, 3, 2); // the same seed: the same sets
      expect(weights.kernels).toEqual(r.kernels);
      const t = level.kind === 'conv' ? [1, 1] : level.kind === 'tiled' ? [level.tiles, level.tiles] : [7, 6];
      for (let oy = 0; oy < 7; oy++) {
        for (let ox = 0; ox < 6; ox++) {
          const set = (oy % t[0]!) * t[1]! + (ox % t[1]!);
          expect(r.setMap[oy * 6 + ox]).toBe(set);
          if (set < r.kernels.length) {
            let sum = 0;
            for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += picture.data[(oy + i) * 8 + ox + j]! * r.kernels[set]![i * 3 + j]!;
            expect(r.output.data[oy * 6 + ox]).toBeCloseTo(sum, 10);
          }
        }
      }
    }
    expect(counts).toEqual([10, 37, 82, 145, 42 * 9 + 42]);
  });
});
