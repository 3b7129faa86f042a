import { describe, expect, it } from 'vitest';
import { threadPlan } from '../../renderer/worker/threadPlan';

describe('how many threads wasm trains on in the app', () => {
  it('uses every core by default, and says why it is one thread on one core', () => {
    expect(threadPlan(undefined, 1, true)).toEqual({ threads: 1, why: 'one core here' });
    expect(threadPlan(undefined, 2, true)).toEqual({ threads: 2 });
    expect(threadPlan(undefined, 8, true)).toEqual({ threads: 8 });
  });
  it('takes what is asked for, up to the cores there are', () => {
    expect(threadPlan(2, 2, true)).toEqual({ threads: 2 });
    expect(threadPlan(1, 8, true)).toEqual({ threads: 1 });
    expect(threadPlan(6, 4, true)).toEqual({ threads: 4, why: '6 asked for, 4 cores here' });
  });
  it('runs on one thread without shared memory, whatever is asked', () => {
    expect(threadPlan(4, 8, false)).toEqual({ threads: 1, why: 'no shared memory here' });
    expect(threadPlan(undefined, 8, false)).toEqual({ threads: 1, why: 'no shared memory here' });
  });
});
