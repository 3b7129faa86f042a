/** "Run the experiment" in the pooling lesson: the network with and without pooling trained in workers, their accuracies on shifted test digits side by side. */
import { useMemo } from 'react';
import { SHIFTS } from '../../engine/data/synthetic/shiftedDigits';
import { poolingExperiment } from '../../engine/lessons/poolingExperiment';
import { ExperimentPanel } from './ExperimentPanel';

export function PoolingExperiment() {
  const experiment = useMemo(poolingExperiment, []);
  const s = experiment.settings;
  return (
    <ExperimentPanel experiment={experiment} title="Run the experiment" runLabel="Run the experiment" testLabel="Test accuracy (shifted)" testId="experiment">
      The same small network (two 3×3 convolutions with ReLU, one dense layer) with and without two 2×2 max poolings, each trained for {s.epochs} epoch on the first {s.trainLimit?.toLocaleString('en-US')} images of <code>{s.dataset}</code>
      {' '}(training digits move at most {SHIFTS.train.max} pixel from the centre, test digits {SHIFTS.test.min} to {SHIFTS.test.max} pixels on each axis), Adam at {s.learningRate}, then tested on {s.testLimit?.toLocaleString('en-US')} test digits.
    </ExperimentPanel>
  );
}
