/**
 * One parity suite for every backend: the same graphs, weights and inputs give
 * the same outputs (relative error < 1e-4) and gradients (< 1e-3) as the CPU
 * reference in float64, and 200 training steps follow the reference's loss
 * curve. New backends join through test/helpers/backends.ts.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { NODE_BACKENDS } from '../../helpers/backends';
import { compareWithReference, curveDistance, LOSS_CURVE_TOLERANCE, lossCurve, PARITY_CASES } from '../../helpers/parityCases';

describe.each(NODE_BACKENDS)('backend $name', ({ create }) => {
  const backend = create();

  it.each(PARITY_CASES)('%s: outputs and gradients match the float64 reference', (name, doc) => {
    const errors = compareWithReference(name, doc, backend, createCpuBackend('float64'));
    expect(errors.output, `output of ${errors.worstOutput}`).toBeLessThan(1e-4);
    expect(errors.gradient, `gradient of ${errors.worstGradient}`).toBeLessThan(1e-3);
  });

  it('200 training steps follow the reference loss curve', async () => {
    const reference = await lossCurve(createCpuBackend('float64'));
    const ours = await lossCurve(backend);
    expect(ours).toHaveLength(200);
    const { worst, step } = curveDistance(ours, reference);
    expect(worst, `relative distance at step ${step}`).toBeLessThan(LOSS_CURVE_TOLERANCE);
  }, 300_000);
});
