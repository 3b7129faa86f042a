/**
 * The training loss per step, raw and smoothed, for this run and any earlier
 * runs chosen for comparison (each run's learning rate is in its legend and
 * marked where it starts), and accuracy per epoch, train and test.
 */
import { useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { RunRecord } from '../trainingClient';
import { UPlotChart, type ChartOptions } from './UPlotChart';

const COLORS = ['#2f6fde', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285'];

/** Exponential moving average, as TensorBoard smooths. */
export function smooth(values: readonly number[], weight = 0.9): number[] {
  let average = values[0] ?? 0;
  return values.map((v) => (average = weight * average + (1 - weight) * v));
}

/** Writes each run's learning rate at its first step, so a comparison shows what differed. */
function learningRateMarks(currentRuns: () => readonly RunRecord[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [(u) => {
        const { ctx } = u;
        const runs = currentRuns();
        ctx.save();
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        runs.forEach((run, i) => {
          const first = run.loss.steps[0];
          if (first === undefined) return;
          const x = u.valToPos(first, 'x', true);
          const y = u.bbox.top + (12 + 14 * i) * devicePixelRatio;
          ctx.fillStyle = COLORS[run.id % COLORS.length] ?? '#555';
          ctx.fillRect(x, u.bbox.top, 2 * devicePixelRatio, u.bbox.height);
          ctx.fillText(`lr ${run.learningRate}`, x + 5 * devicePixelRatio, y);
        });
        ctx.restore();
      }],
    },
  };
}

export function LossChart({ current, history }: { current: RunRecord; history: readonly RunRecord[] }) {
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const overlaid = useMemo(() => history.filter((run) => shown.has(run.id)), [history, shown]);
  const runs = useMemo(() => [...overlaid, current], [overlaid, current]);
  // The chart outlives a render (it is rebuilt only when its series change); its marks read the latest runs.
  const latestRuns = useRef(runs);
  latestRuns.current = runs;

  const { options, data } = useMemo(() => {
    // uPlot's tables are typed mutable; it only reads them.
    const tables: uPlot.AlignedData[] = runs.map((run) => {
      const steps = run.loss.steps as number[];
      const losses = run.loss.losses as number[];
      return run === current ? [steps, losses, smooth(losses)] : [steps, smooth(losses)];
    });
    const series: uPlot.Series[] = [{ label: 'step' }];
    for (const run of runs) {
      const color = COLORS[run.id % COLORS.length] ?? '#555';
      const perPoint = run.loss.stepsPerPoint;
      if (run === current) series.push({ label: `${run.label} (${perPoint > 1 ? `mean of ${perPoint} steps` : 'raw'})`, stroke: `${color}55`, width: 1, spanGaps: true, points: { show: false } });
      series.push({ label: run.label, stroke: color, width: 2, spanGaps: true, points: { show: false } });
    }
    const chartOptions: ChartOptions = {
      height: 170,
      series,
      scales: { x: { time: false } },
      axes: [{ label: 'step', stroke: 'currentColor', grid: { stroke: '#8884' } }, { label: 'loss', stroke: 'currentColor', grid: { stroke: '#8884' }, size: 46 }],
      legend: { show: true, live: false },
      plugins: [learningRateMarks(() => latestRuns.current)],
    };
    return { options: chartOptions, data: uPlot.join(tables) };
  }, [runs, current]);

  const epochs = useMemo(() => {
    const series: uPlot.Series[] = [{ label: 'epoch' }];
    const tables: uPlot.AlignedData[] = [];
    for (const run of runs) {
      const color = COLORS[run.id % COLORS.length] ?? '#555';
      series.push({ label: `train ${run.id}`, stroke: color, dash: [4, 4], points: { show: true, size: 6 } }, { label: `test ${run.id}`, stroke: color, points: { show: true, size: 6 } });
      tables.push([run.epochs.map((e) => e.epoch), run.epochs.map((e) => e.trainAccuracy * 100), run.epochs.map((e) => e.testAccuracy * 100)]);
    }
    const chartOptions: ChartOptions = {
      height: 120,
      series,
      scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.max(0, Math.floor(min - 2)), Math.min(100, Math.ceil(max + 2))] } },
      axes: [{ label: 'epoch', stroke: 'currentColor', grid: { stroke: '#8884' }, incrs: [1, 2, 5, 10] }, { label: 'accuracy %', stroke: 'currentColor', grid: { stroke: '#8884' }, size: 46 }],
      legend: { show: true, live: false },
    };
    return { options: chartOptions, data: uPlot.join(tables) };
  }, [runs]);

  return (
    <div className="charts">
      <UPlotChart options={options} data={data} label={`training loss over ${current.loss.stepCount} steps${current.loss.stepsPerPoint > 1 ? `, each point the mean of ${current.loss.stepsPerPoint}` : ''}`} testId="loss-chart" />
      {runs.some((run) => run.epochs.length > 0) && <UPlotChart options={epochs.options} data={epochs.data} label="accuracy per epoch" testId="accuracy-chart" />}
      {history.length > 0 && (
        <fieldset className="charts__runs" data-testid="run-overlays">
          <legend>compare with</legend>
          {history.map((run) => (
            <label key={run.id}>
              <input
                type="checkbox"
                checked={shown.has(run.id)}
                onChange={(e) => setShown((before) => {
                  const next = new Set(before);
                  if (e.target.checked) next.add(run.id);
                  else next.delete(run.id);
                  return next;
                })}
              />
              {run.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
