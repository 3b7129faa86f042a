/**
 * The Toeplitz lesson's W against PyTorch's autograd Jacobian (float64) of
 * the same convolution, on random sizes, strides and every padding mode.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toeplitz, type ToeplitzCase } from '../../../engine/lessons/toeplitz';
import { createRandom } from '../../../engine/network/random';
import { randomToeplitzCase } from '../../helpers/toeplitzCases';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../../helpers/oracles';

describe.skipIf(!torchAvailable && !ORACLES_REQUIRED)('Toeplitz W against PyTorch', () => {
  it('equals torch.autograd.functional.jacobian of conv2d on 30 random cases', () => {
    const random = createRandom(23);
    const cases: ToeplitzCase[] = [];
    while (cases.length < 30) {
      const c = randomToeplitzCase(random);
      if (toeplitz(c).rows > 0) cases.push(c);
    }
    const run = spawnSync(PYTHON, ['test/oracle/torch_jacobian.py'], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const jacobians = JSON.parse(run.stdout) as number[][];
    cases.forEach((c, i) => {
      const w = toeplitz(c).matrix;
      expect(jacobians[i]).toHaveLength(w.length);
      jacobians[i]!.forEach((v, j) => expect(Math.abs(v - w[j]!), JSON.stringify(c)).toBeLessThan(1e-12));
    });
  }, 60_000);
});
