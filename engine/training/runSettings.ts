/**
 * A run's settings, resolved once for every place that starts one: the
 * document's `training` section, then what the user chose (command-line flags,
 * the Train panel), then the defaults. The CLI, the training worker and the
 * panel's starting values all call this, so a document trains alike in each
 * (before, the app ignored `augmentation.maxShift` and trained an SGD document
 * without a learning rate at 0.001 where the CLI used 0.01).
 */
import type { Training } from '../graph/schema';
import { optimizerNameOf, resolveOptimizer, type OptimizerName, type OptimizerSettings } from './optimizer';

export const RUN_DEFAULTS = { epochs: 1, batchSize: 32, seed: 1, maxShift: 0 } as const;

/** What the user chose over the document; anything left out comes from the document, then the defaults. */
export interface RunOverrides {
  dataset?: string | undefined;
  epochs?: number | undefined;
  batchSize?: number | undefined;
  seed?: number | undefined;
  optimizer?: OptimizerName | undefined;
  learningRate?: number | undefined;
  maxShift?: number | undefined;
}

export interface RunSettings {
  /** Undefined when neither the document nor the user names one. */
  dataset: string | undefined;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Random translation of training images, in pixels per axis. */
  maxShift: number;
  optimizerName: OptimizerName;
  optimizer: OptimizerSettings;
}

export function resolveRunSettings(training: Training | undefined, overrides: RunOverrides = {}): RunSettings {
  const optimizerName = overrides.optimizer ?? optimizerNameOf(training?.optimizer);
  return {
    dataset: overrides.dataset ?? training?.dataset,
    epochs: overrides.epochs ?? training?.epochs ?? RUN_DEFAULTS.epochs,
    batchSize: overrides.batchSize ?? training?.batchSize ?? RUN_DEFAULTS.batchSize,
    seed: overrides.seed ?? training?.seed ?? RUN_DEFAULTS.seed,
    maxShift: overrides.maxShift ?? training?.augmentation?.maxShift ?? RUN_DEFAULTS.maxShift,
    optimizerName,
    optimizer: resolveOptimizer(training?.optimizer, { name: optimizerName, ...(overrides.learningRate === undefined ? {} : { learningRate: overrides.learningRate }) }),
  };
}
