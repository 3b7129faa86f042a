/**
 * Every backend the parity suite runs against in Node. A backend that is
 * listed here must come up as itself: creating it asserts the mode it
 * actually runs in, so a silent fallback fails the suite instead of testing
 * the wrong thing.
 */
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { Backend } from '../../engine/backend/backend';

export interface BackendUnderTest {
  name: string;
  create(): Backend;
}

export const NODE_BACKENDS: BackendUnderTest[] = [{ name: 'cpu', create: () => createCpuBackend('float32') }];
