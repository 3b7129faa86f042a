/** The training loss per step, raw and smoothed, drawn on a canvas as it streams in. */
import { useEffect, useRef } from 'react';

export function LossChart({ steps, losses }: { steps: number[]; losses: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const { width, height } = c;
    g.clearRect(0, 0, width, height);
    if (losses.length < 2) return;
    const maxStep = steps[steps.length - 1] ?? 1;
    const maxLoss = Math.max(...losses.slice(0, 20), ...losses) || 1;
    const x = (s: number) => (s / maxStep) * (width - 10) + 5;
    const y = (l: number) => height - 5 - (l / maxLoss) * (height - 10);
    const line = (values: number[], color: string) => {
      g.strokeStyle = color;
      g.beginPath();
      values.forEach((v, i) => (i === 0 ? g.moveTo(x(steps[i] ?? 0), y(v)) : g.lineTo(x(steps[i] ?? 0), y(v))));
      g.stroke();
    };
    line(losses, 'rgba(120, 140, 170, 0.5)');
    // Exponential moving average, as TensorBoard smooths.
    let average = losses[0] ?? 0;
    line(losses.map((l) => (average = 0.9 * average + 0.1 * l)), '#2f6fde');
  }, [steps, losses]);
  return <canvas ref={canvas} width={260} height={120} className="loss-chart" role="img" aria-label={`training loss over ${losses.length} steps`} data-testid="loss-chart" />;
}
