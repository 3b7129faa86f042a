/**
 * SGD (optionally with momentum or Nesterov momentum) and Adam, with
 * optional L2 weight decay added to the gradient. Parameters whose node is
 * not trainable (a fixed kernel) are left alone.
 */
import type { Backend, Tensor } from '../backend/backend';
import type { Training } from '../graph/schema';
import type { NetworkParameter } from '../network/network';

export type OptimizerName = 'sgd' | 'momentum' | 'adam';

export interface OptimizerSettings {
  type: 'sgd' | 'adam';
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

export const DEFAULT_LEARNING_RATE = { sgd: 0.01, adam: 0.001 } as const;

/** The choice a document's optimizer is: `sgd` with momentum is `momentum`; none is Adam. */
export function optimizerNameOf(optimizer: Training['optimizer']): OptimizerName {
  if (optimizer?.type === 'sgd') return (optimizer.momentum ?? 0) > 0 ? 'momentum' : 'sgd';
  return 'adam';
}

/** The document's optimizer with defaults filled in; `override` comes from the command line. */
export function resolveOptimizer(optimizer: Training['optimizer'], override: { name?: OptimizerName; learningRate?: number } = {}): OptimizerSettings {
  const name: OptimizerName = override.name ?? optimizerNameOf(optimizer);
  const type = name === 'adam' ? 'adam' : 'sgd';
  const fromDoc = optimizer?.type === type ? optimizer : undefined;
  return {
    type,
    learningRate: override.learningRate ?? fromDoc?.learningRate ?? DEFAULT_LEARNING_RATE[type],
    momentum: name === 'momentum' ? (fromDoc?.type === 'sgd' && fromDoc.momentum ? fromDoc.momentum : 0.9) : 0,
    nesterov: fromDoc?.type === 'sgd' ? (fromDoc.nesterov ?? false) : false,
    beta1: fromDoc?.type === 'adam' ? (fromDoc.beta1 ?? 0.9) : 0.9,
    beta2: fromDoc?.type === 'adam' ? (fromDoc.beta2 ?? 0.999) : 0.999,
    epsilon: fromDoc?.type === 'adam' ? (fromDoc.epsilon ?? 1e-8) : 1e-8,
    weightDecay: fromDoc?.weightDecay ?? 0,
  };
}

export class Optimizer {
  private readonly state: { param: NetworkParameter['param']; slots: Tensor[] }[];
  private steps = 0;

  constructor(
    private readonly backend: Backend,
    parameters: readonly NetworkParameter[],
    readonly settings: OptimizerSettings,
  ) {
    const slotCount = settings.type === 'adam' ? 2 : 1;
    this.state = parameters
      .filter(({ param }) => param.trainable)
      .map(({ param }) => ({ param, slots: Array.from({ length: slotCount }, () => backend.tensor(param.value.shape)) }));
  }

  /** Applies each trainable parameter's current gradient. */
  step(): void {
    this.steps++;
    const s = this.settings;
    for (const { param, slots } of this.state) {
      if (!param.grad) continue;
      const [first, second] = slots as [Tensor, Tensor | undefined];
      if (s.type === 'adam' && second) {
        this.backend.adamUpdate(param.value, param.grad, first, second, { ...s, step: this.steps });
      } else {
        this.backend.sgdUpdate(param.value, param.grad, first, s);
      }
    }
  }

  dispose(): void {
    for (const { slots } of this.state) for (const t of slots) this.backend.dispose(t);
  }
}
