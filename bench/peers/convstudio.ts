/** ConvStudio itself on one backend, as a benchmark peer. */
import type { Backend } from '../../engine/backend/backend';
import { lenetStep } from './lenetStep';
import { timeSteps, type Peer } from './peer';

export { lenetStep } from './lenetStep';

export function convstudioPeer(name: string, makeBackend: () => Backend, steps = 20): Peer {
  return { name: `ConvStudio ${name}`, measure: () => timeSteps(lenetStep(makeBackend()), 3, steps) };
}
