/**
 * Timers the engine needs and every runtime it targets (Node, Workers,
 * browsers) has, typed here because engine/ compiles without DOM or Node types.
 */
interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  performance: { now(): number };
}

const timers = globalThis as unknown as Timers;

/** Milliseconds from an arbitrary origin, for measuring durations. */
export function now(): number {
  return timers.performance.now();
}

/** Lets the runtime handle other work (a Worker's messages, a CLI's signals) before going on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, 0));
}
