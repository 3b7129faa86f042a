/** One terminal line of training progress: bar, loss, accuracy, speed and time left. */
import type { TrainEvent } from '../engine/training/trainer';

export function formatProgress(e: Extract<TrainEvent, { event: 'progress' }>, epochs: number, width = 24): string {
  const fraction = e.totalSteps === 0 ? 1 : e.step / e.totalSteps;
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `epoch ${e.epoch}/${epochs} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  step ${e.step}/${e.totalSteps}  loss ${e.loss.toFixed(4)}  acc ${(e.accuracy * 100).toFixed(1)}%  ${Math.round(e.samplesPerSec)} samples/s  ${formatDuration(e.secondsLeft)} left`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
