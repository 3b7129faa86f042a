/**
 * Wraps a backend to measure where training time goes: wall time and call
 * count per primitive. For backends that queue work (GPU), a primitive's time
 * shows up where the queue is drained (usually `read`), so the breakdown is
 * only exact for synchronous backends such as the CPU reference.
 */
import type { Backend } from './backend';
import { now } from '../platform/clock';

export interface PrimitiveTime {
  name: string;
  calls: number;
  ms: number;
}

export function profileBackend(backend: Backend): { backend: Backend; times(): PrimitiveTime[]; reset(): void } {
  const stats = new Map<string, { calls: number; ms: number }>();
  const wrapped = Object.create(backend) as Record<string, unknown>;
  for (const key of Object.keys(backend) as (keyof Backend)[]) {
    const value = backend[key];
    if (typeof value !== 'function') continue;
    wrapped[key] = (...args: unknown[]) => {
      const start = now();
      const result = (value as (...a: unknown[]) => unknown).apply(backend, args);
      const entry = stats.get(key) ?? { calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += now() - start;
      stats.set(key, entry);
      return result;
    };
  }
  return {
    backend: wrapped as unknown as Backend,
    times: () => [...stats].map(([name, s]) => ({ name, ...s })).sort((a, b) => b.ms - a.ms),
    reset: () => stats.clear(),
  };
}
