/** "Run the experiment" in the pooling lesson: both arms trained in workers, with progress, and their accuracies side by side. */
import { useEffect, useRef, useState } from 'react';
import { SHIFTS } from '../../engine/data/synthetic/shiftedDigits';
import { EXPERIMENT_SETTINGS, type ArmResult } from '../../engine/lessons/poolingExperiment';
import { runPoolingExperiment } from './experiment';

type State = { kind: 'idle' } | { kind: 'running'; text: string; fraction: number } | { kind: 'done'; arms: ArmResult[] } | { kind: 'failed'; message: string };

const percent = (f: number) => `${(100 * f).toFixed(1)}%`;

export function PoolingExperiment() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const start = () => {
    abort.current = new AbortController();
    setState({ kind: 'running', text: 'starting…', fraction: 0 });
    runPoolingExperiment((arm, step, total) => setState({ kind: 'running', text: `${arm}: step ${step} of ${total}`, fraction: (arm === 'with pooling' ? 0 : 0.5) + (total ? step / total / 2 : 0) }), abort.current.signal).then(
      (arms) => setState({ kind: 'done', arms }),
      (error: Error) => setState(error.message === 'stopped' ? { kind: 'idle' } : { kind: 'failed', message: error.message }),
    );
  };
  const s = EXPERIMENT_SETTINGS;
  return (
    <section className="learner" aria-label="Run the experiment" data-testid="experiment">
      <h3>Run the experiment</h3>
      <p>
        The same small network (two 3×3 convolutions with ReLU, one dense layer) with and without two 2×2 max poolings, each trained for {s.epochs} epoch on the first {s.trainLimit?.toLocaleString('en-US')} images of <code>{s.dataset}</code>
        {' '}(training digits move at most {SHIFTS.train.max} pixel from the centre, test digits {SHIFTS.test.min} to {SHIFTS.test.max} pixels on each axis), Adam at {s.learningRate}, then tested on {s.testLimit?.toLocaleString('en-US')} test digits.
      </p>
      {state.kind === 'running' ? (
        <>
          <button type="button" onClick={() => abort.current?.abort()}>Stop</button>
          <div className="experiment__progress" role="progressbar" aria-valuenow={Math.round(state.fraction * 100)} aria-valuemin={0} aria-valuemax={100} data-testid="experiment-progress">
            <div style={{ width: `${state.fraction * 100}%` }} />
          </div>
          <p>{state.text}</p>
        </>
      ) : (
        <button type="button" data-testid="experiment-run" onClick={start}>{state.kind === 'done' ? 'Run it again' : 'Run the experiment'}</button>
      )}
      {state.kind === 'failed' && <p className="lesson__problem" role="alert">{state.message}</p>}
      {state.kind === 'done' && (
        <table className="costs-table" data-testid="experiment-table">
          <thead><tr><th /><th>Parameters</th><th>Train accuracy</th><th>Test accuracy (shifted)</th><th>Seconds</th></tr></thead>
          <tbody>
            {state.arms.map((a) => (
              <tr key={a.arm}>
                <th>{a.arm}</th>
                <td>{a.parameters.toLocaleString('en-US')}</td>
                <td>{percent(a.trainAccuracy)}</td>
                <td data-testid={`experiment-test-${a.arm.startsWith('with ') ? 'pooled' : 'unpooled'}`}>{percent(a.testAccuracy)}</td>
                <td>{a.seconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
