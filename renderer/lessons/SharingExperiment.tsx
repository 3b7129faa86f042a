/** "Train all three" in the sharing lesson: the same network with a convolution, a tiled and a locally-connected first layer, trained alike in workers, side by side. */
import { useMemo } from 'react';
import { SHARING_DATASETS, sharingExperiment, type SharingDataset } from '../../engine/lessons/sharingExperiment';
import { ExperimentPanel } from './ExperimentPanel';

export function SharingExperiment({ dataset, onDataset }: { dataset: SharingDataset; onDataset(dataset: SharingDataset): void }) {
  const experiment = useMemo(() => sharingExperiment(dataset), [dataset]);
  const s = experiment.settings;
  const picker = (
    <label className="lesson__controls">
      train on{' '}
      <select value={dataset} data-testid="sharing-dataset" onChange={(e) => onDataset(e.target.value as SharingDataset)}>
        {SHARING_DATASETS.map((d) => <option key={d} value={d}>{d === 'mnist' ? 'an MNIST subset' : 'shapes'}</option>)}
      </select>
    </label>
  );
  return (
    <ExperimentPanel key={dataset} experiment={experiment} title="Train all three" runLabel="Train all three" testLabel="Test accuracy" testId="sharing-experiment" controls={picker}>
      One network (a 5×5 layer with 8 filters, ReLU, 2×2 max pooling, one dense layer), its first layer in turn a convolution, a tiled convolution with 2×2 kernel sets and a locally-connected layer;
      each trained for {s.epochs} epoch on the first {s.trainLimit?.toLocaleString('en-US')} training images of <code>{s.dataset}</code> with Adam at {s.learningRate}, batches of {s.batchSize},
      then tested on {s.testLimit?.toLocaleString('en-US')} test images.
    </ExperimentPanel>
  );
}
