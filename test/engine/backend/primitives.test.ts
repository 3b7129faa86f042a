/**
 * The primitive table on every Node backend against the float64 reference:
 * each primitive in each variant a test of its own, so a broken kernel is
 * named (test/helpers/primitiveCases.ts). Float32 against float64: a relative
 * error (largest difference over largest value) under 1e-5 for every output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { NODE_BACKENDS } from '../../helpers/backends';
import { relativeError } from '../../helpers/parityCases';
import { PRIMITIVE_CASES } from '../../helpers/primitiveCases';

const reference = createCpuBackend('float64');
const expected = new Map(PRIMITIVE_CASES.map((c) => [c.name, c.run(reference)]));

describe.each(NODE_BACKENDS)('backend $name', ({ create }) => {
  const backend = create();
  afterAll(() => backend.destroy?.());
  it.each(PRIMITIVE_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const ours = c.run(backend);
    const want = expected.get(c.name)!;
    expect(ours.length).toBe(want.length);
    ours.forEach((values, i) => expect(relativeError(values, want[i]!), `output ${i}`).toBeLessThan(1e-5));
  });
});
