/**
 * The live activations store, bound to React: a context that provides it to
 * the canvas (the node cards do not take it as a prop through React Flow),
 * and a hook that gives one node its latest output. Each node subscribes on
 * its own, so a refresh re-renders the strips whose data changed and nothing
 * else: not the canvas, not the node cards.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveActivations, NodeActivation } from './liveActivations';

export const LiveActivationsContext = createContext<LiveActivations | undefined>(undefined);

const never = () => () => {};

/**
 * This node's latest output (the input node's with the probe image itself), or undefined: no store
 * provided, the strips turned off, or nothing computed yet (before any run).
 */
export function useNodeActivation(nodeId: string): NodeActivation | undefined {
  const live = useContext(LiveActivationsContext);
  return useSyncExternalStore(live?.subscribe ?? never, () => {
    const state = live?.getState();
    return state?.enabled ? state.nodes.get(nodeId) : undefined;
  });
}
