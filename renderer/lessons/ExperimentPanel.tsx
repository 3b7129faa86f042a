/**
 * A lesson's experiment in its view: what it trains (the description), a
 * Run button, progress while every arm trains in its worker (with Stop), and
 * the arms side by side: parameters, train and test accuracy, seconds.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ArmResult, Experiment } from '../../engine/lessons/experiment';
import { runExperiment } from './experiment';

type State = { kind: 'idle' } | { kind: 'running'; text: string; fraction: number } | { kind: 'done'; arms: ArmResult[] } | { kind: 'failed'; message: string };

const percent = (f: number) => `${(100 * f).toFixed(1)}%`;

export function ExperimentPanel({ experiment, title, runLabel, testLabel, testId, controls, children }: {
  experiment: Experiment;
  title: string;
  runLabel: string;
  /** The test accuracy column's heading (what the test set is). */
  testLabel: string;
  testId: string;
  /** Choices before the Run button (what to train on). */
  controls?: ReactNode;
  /** What the experiment trains, in words. */
  children: ReactNode;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const arms = experiment.arms.length;
  const start = () => {
    abort.current = new AbortController();
    setState({ kind: 'running', text: 'starting…', fraction: 0 });
    runExperiment(experiment, (i, step, total) => setState({ kind: 'running', text: `${experiment.arms[i]!.name} (${i + 1} of ${arms}): step ${step} of ${total}`, fraction: (i + (total ? step / total : 0)) / arms }), abort.current.signal).then(
      (results) => setState({ kind: 'done', arms: results }),
      (error: Error) => setState(error.message === 'stopped' ? { kind: 'idle' } : { kind: 'failed', message: error.message }),
    );
  };
  return (
    <section className="learner" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <p>{children}</p>
      {controls}
      {state.kind === 'running' ? (
        <>
          <button type="button" onClick={() => abort.current?.abort()}>Stop</button>
          <div className="experiment__progress" role="progressbar" aria-valuenow={Math.round(state.fraction * 100)} aria-valuemin={0} aria-valuemax={100} data-testid={`${testId}-progress`}>
            <div style={{ width: `${state.fraction * 100}%` }} />
          </div>
          <p>{state.text}</p>
        </>
      ) : (
        <button type="button" data-testid={`${testId}-run`} onClick={start}>{state.kind === 'done' ? 'Run it again' : runLabel}</button>
      )}
      {state.kind === 'failed' && <p className="lesson__problem" role="alert">{state.message}</p>}
      {state.kind === 'done' && (
        <table className="costs-table" data-testid={`${testId}-table`}>
          <thead><tr><th /><th>Parameters</th><th>Train accuracy</th><th>{testLabel}</th><th>Seconds</th></tr></thead>
          <tbody>
            {state.arms.map((a, i) => (
              <tr key={a.arm}>
                <th>{a.arm}</th>
                <td>{a.parameters.toLocaleString('en-US')}</td>
                <td>{percent(a.trainAccuracy)}</td>
                <td data-testid={`${testId}-test-${i}`}>{percent(a.testAccuracy)}</td>
                <td>{a.seconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
