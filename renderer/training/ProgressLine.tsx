/**
 * One line of progress (epoch, step, loss, running accuracy, samples per
 * second, time left) with its bar: in the Train view, and in the status bar
 * so it stays in sight whichever views are open.
 */
import { useSyncExternalStore } from 'react';
import type { TrainingClient } from './trainingClient';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function ProgressLine({ client, compact = false }: { client: TrainingClient; compact?: boolean }) {
  const p = useSyncExternalStore(client.subscribe, () => client.getState().progress);
  if (!p) return null;
  // The status bar's line is the short one: where the run is, its loss, and how long it has to go.
  const text = compact
    ? `epoch ${p.epoch} · step ${p.step}/${p.totalSteps} · loss ${p.loss.toFixed(3)} · ${Math.round(p.secondsLeft)} s left`
    : `epoch ${p.epoch} · step ${p.step}/${p.totalSteps} · loss ${p.loss.toFixed(3)} · accuracy ${pct(p.accuracy)} · ${Math.round(p.samplesPerSec)} samples/s · ${Math.round(p.secondsLeft)} s left`;
  return (
    <div className={compact ? 'progress-line progress-line--compact' : 'progress-line'}>
      {/* A plain bar, not <progress>: the native widget costs a frame to repaint on a software compositor. */}
      <div className="progress-bar" role="progressbar" aria-label="training progress" aria-valuemin={0} aria-valuemax={p.totalSteps} aria-valuenow={p.step}>
        <div className="progress-bar__done" style={{ transform: `scaleX(${p.totalSteps > 0 ? p.step / p.totalSteps : 0})` }} />
      </div>
      <span className="training__numbers" data-testid={compact ? 'status-progress' : 'train-progress'}>{text}</span>
    </div>
  );
}
