/**
 * The Charts view: the loss per step and accuracy per epoch of this run and
 * any earlier ones ticked for comparison, and a table of the last epochs.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { LossChart } from './charts/LossChart';
import { runLabel, type TrainingClient } from './trainingClient';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function ChartsView({ client }: { client: TrainingClient }) {
  const run = useSyncExternalStore(client.subscribe, client.getState);
  // The same object while the run's data is unchanged, so the charts recompute only when points arrive.
  const { runId, settings, loss, epochs } = run;
  const current = useMemo(
    () => ({ id: runId, label: runLabel(runId, settings), learningRate: settings?.learningRate ?? 0, loss, epochs }),
    [runId, settings, loss, epochs],
  );
  return (
    <section className="charts-view" aria-label="Charts">
      {(loss.stepCount > 0 || run.history.length > 0) && <LossChart current={current} history={run.history} />}
      {run.epochs.length > 0 ? (
        <table className="training__epochs" data-testid="train-epoch-table">
          <caption>last epochs</caption>
          <thead><tr><th>epoch</th><th>train</th><th>test</th></tr></thead>
          {/* The last few epochs (the accuracy chart shows them all). */}
          <tbody>{run.epochs.slice(-5).map((e) => <tr key={e.epoch}><td>{e.epoch}</td><td>{pct(e.trainAccuracy)}</td><td>{pct(e.testAccuracy)}</td></tr>)}</tbody>
        </table>
      ) : loss.stepCount === 0 && <p className="inspector__empty">Train the network (the Train view’s button, or Train › Start) to see its loss and accuracy here.</p>}
    </section>
  );
}
