/**
 * Lesson 5, pooling and invariance: detector units (a kernel, then ReLU),
 * max-pooled with windows of 1 (none), 2 and 3 at stride 1; the input shifted
 * by 0 to 3 pixels; the fraction of units whose value survives each shift, as
 * a plot and as numbers, and the units whose maximum moved marked on the
 * maps of the chosen pool size and shift.
 */
import { useMemo, useState } from 'react';
import { DIRECTIONS, invariance, pooledPair } from '../../engine/lessons/pooling';
import { UPlotChart, type ChartOptions } from '../training/charts/UPlotChart';
import type { WorkspaceServices } from '../workspace/services';
import { Formula } from './Formula';
import { fitCell, HeatmapGrid } from './HeatmapGrid';
import { KernelSelect, kernelOf } from './KernelSelect';
import { LessonFrame } from './LessonFrame';
import { PicturePicker } from './PicturePicker';
import { PoolingExperiment } from './PoolingExperiment';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

const COLOURS = ['#7a7a7a', '#2f6fde', '#d9480f'];
const MOVED = 'rgba(224, 33, 138, 0.6)';

export function PoolingLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('pooling', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const kernel = useMemo(() => kernelOf(values['kernel']!), [values['kernel']]);
  const direction = DIRECTIONS[(values['direction'] ?? 'right') as keyof typeof DIRECTIONS];
  const maxShift = Math.max(1, Math.min(6, Number(values['shifts']) || 3));
  const rows = useMemo(() => (picture ? invariance(picture, { kernel, direction, maxShift }) : undefined), [picture, kernel, direction, maxShift]);
  const [shown, setShown] = useState({ pool: 2, shift: 1 });
  const pair = useMemo(() => (picture ? pooledPair(picture, { kernel, direction, maxShift }, shown.pool, Math.min(shown.shift, maxShift)) : undefined), [picture, kernel, direction, maxShift, shown]);
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  const cell = pair ? fitCell(Math.max(pair.before.width, pair.before.height), (roomWidth - 60) / 2) : 6;
  const chart = useMemo(() => rows && chartOf(rows), [rows]);
  const chosenRow = rows?.find((r) => r.pool === shown.pool);
  const counted = chosenRow?.counted[shown.shift] ?? 0;
  const kept = Math.round((chosenRow?.unchanged[shown.shift] ?? 0) * counted);
  return (
    <LessonFrame lesson="pooling" testId="lesson-pooling">
      <div ref={room}>
        <div className="lesson__controls">
          <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="pooling-picture" />
          <KernelSelect kernel={kernel} onChange={(text) => change({ kernel: text })} testId="pooling-kernel" />
          <label>
            Shift{' '}
            <select value={values['direction']} data-testid="pooling-direction" onChange={(e) => change({ direction: e.target.value })}>
              {Object.keys(DIRECTIONS).map((d) => <option key={d}>{d}</option>)}
            </select>
          </label>
        </div>
        {problem && <p className="lesson__problem" role="alert">{problem}</p>}
        {rows && chart && pair && (
          <>
            <table className="costs-table" data-testid="pooling-table">
              <thead>
                <tr><th>Unchanged after a shift of</th>{rows[0]!.unchanged.map((_, s) => <th key={s}>{s} px</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.pool}>
                    <th>{row.pool === 1 ? 'detector units (no pooling)' : `max pool ${row.pool}×${row.pool}`}</th>
                    {row.unchanged.map((f, s) => (
                      <td key={s} data-testid={`pooling-cell-${row.pool}-${s}`} className={shown.pool === row.pool && shown.shift === s ? 'pooling__chosen' : ''}>
                        <button type="button" className="pooling__pick" aria-pressed={shown.pool === row.pool && shown.shift === s} onClick={() => setShown({ pool: row.pool, shift: s })} title={`${row.counted[s]} units counted`}>{(100 * f).toFixed(1)}%</button>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <UPlotChart options={chart.options} data={chart.data} label="fraction of units unchanged against the shift, one line per pool size" testId="pooling-chart" />
            <Formula tex={`\\text{unchanged}(${shown.pool}, ${shown.shift}) = \\frac{\\#\\{u : P(T_{${shown.shift}} I)_u = P(I)_u\\}}{\\#\\{u \\text{ counted}\\}} = \\frac{${kept}}{${counted}}`} />
            <p>Click a number to see those maps. Counted: the units that see part of the picture (on black background every unit is 0 and stays 0).</p>
            <div className="lesson__pictures">
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...pair.before }} scale="diverging" cellSize={cell} label="pooled units before the shift" testId="pooling-before" />
                <figcaption>{shown.pool === 1 ? 'detector units' : `max pool ${shown.pool}×${shown.pool}`}, not shifted</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...pair.after }} scale="diverging" cellSize={cell} label="pooled units after the shift" testId="pooling-after" mask={{ cells: pair.changed, colour: MOVED }} />
                <figcaption>shifted {shown.shift} px {values['direction']}; pink: the units whose value changed (the window's largest detector left it, or a larger one came in)</figcaption>
              </figure>
            </div>
          </>
        )}
        <PoolingExperiment />
      </div>
    </LessonFrame>
  );
}

function chartOf(rows: ReturnType<typeof invariance>): { options: ChartOptions; data: [number[], ...number[][]] } {
  const shifts = rows[0]!.unchanged.map((_, s) => s);
  return {
    options: {
      height: 200,
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [{ label: 'shift (pixels)', incrs: [1] }, { label: 'unchanged', values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) }],
      series: [{ label: 'shift' }, ...rows.map((row, i) => ({ label: row.pool === 1 ? 'no pooling' : `pool ${row.pool}`, stroke: COLOURS[i] ?? '#555', width: 2, points: { show: true, size: 7 } }))],
    },
    data: [shifts, ...rows.map((row) => row.unchanged)],
  };
}

