/**
 * Lesson 7, zero padding: a small grid of numbers under valid, same or full
 * padding, with the padded zeros drawn, the output (each window's sum), the
 * output size formula with the numbers, how many outputs read each input
 * pixel, and five such layers in a row.
 */
import { useMemo } from 'react';
import { parsePair } from '../../engine/lessons/options';
import { padded, PADDING_MODES, stackSizes, type PaddingMode } from '../../engine/lessons/padding';
import type { WorkspaceServices } from '../workspace/services';
import { Formula } from './Formula';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { useLessonValues } from './useLessonValues';

function pairOr(text: string, min: number, max: number, fallback: [number, number]): [number, number] {
  try {
    return parsePair('size', text, min, max);
  } catch {
    return fallback;
  }
}

export function PaddingLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('padding', services.ui);
  const [height, width] = pairOr(values['size']!, 2, 16, [6, 6]);
  const kernel = pairOr(values['kernel']!, 1, 7, [3, 3]).map((k, i) => Math.min(k, i === 0 ? height : width)) as [number, number];
  const mode = (PADDING_MODES as readonly string[]).includes(values['mode'] ?? '') ? (values['mode'] as PaddingMode) : 'valid';
  const [kh, kw] = kernel;
  const all = useMemo(() => PADDING_MODES.map((m) => padded({ height, width, kernel: [kh, kw] }, m)), [height, width, kh, kw]);
  const shown = all[PADDING_MODES.indexOf(mode)]!;
  const { rows, cols } = shown.plan;
  const outside = new Set<number>();
  for (let y = 0; y < shown.padded.height; y++) {
    for (let x = 0; x < shown.padded.width; x++) {
      if (y < rows.padBefore || y >= rows.padBefore + height || x < cols.padBefore || x >= cols.padBefore + width) outside.add(y * shown.padded.width + x);
    }
  }
  const centre = shown.visits[Math.floor(height / 2) * width + Math.floor(width / 2)] ?? 0;
  return (
    <LessonFrame lesson="padding" testId="lesson-padding">
      <div className="lesson__controls">
        <label>input <input size={5} value={values['size']} data-testid="padding-size" onChange={(e) => change({ size: e.target.value })} /></label>
        <label>kernel <input size={5} value={values['kernel']} data-testid="padding-kernel" onChange={(e) => change({ kernel: e.target.value })} /></label>
        <div role="radiogroup" aria-label="padding" className="lesson__modes">
          {PADDING_MODES.map((m) => (
            <label key={m}><input type="radio" name="padding-mode" value={m} checked={m === mode} data-testid={`padding-mode-${m}`} onChange={() => change({ mode: m })} /> {m}</label>
          ))}
        </div>
      </div>
      <Formula tex={`\\text{out} = \\text{in} + p_{\\text{before}} + p_{\\text{after}} - k + 1`} />
      <Formula testId="padding-formula" tex={`\\text{rows: } ${height} + ${rows.padBefore} + ${rows.padAfter} - ${kernel[0]} + 1 = ${rows.outSize},\\qquad \\text{columns: } ${width} + ${cols.padBefore} + ${cols.padAfter} - ${kernel[1]} + 1 = ${cols.outSize}`} />
      <div className="lesson__explain">
        <div>
          <h3>Input, {mode} padding (hatched: zeros)</h3>
          <NumberGrid rows={shown.padded.height} columns={shown.padded.width} values={shown.padded.data} highlight={outside} label={`input with ${mode} padding`} digits={0} testId="padding-padded" />
        </div>
        <div>
          <h3>Output, {shown.output.height}×{shown.output.width} (each window's sum)</h3>
          <NumberGrid rows={shown.output.height} columns={shown.output.width} values={shown.output.data} label="output" digits={0} testId="padding-output" />
        </div>
        <div>
          <h3>How many outputs read each pixel</h3>
          <NumberGrid rows={height} columns={width} values={shown.visits} label="visit counts" digits={0} testId="padding-visits" />
        </div>
      </div>
      <p className="lesson__numbers" data-testid="padding-visit-summary">
        With {mode} padding the corner pixel is read by <strong data-testid="padding-corner">{shown.visits[0]}</strong> output{shown.visits[0] === 1 ? '' : 's'}, the middle one by <strong>{centre}</strong>
        {mode === 'full' ? `: full padding reads every pixel the same number of times, k_h·k_w = ${kernel[0] * kernel[1]}.` : mode === 'valid' ? ': valid padding under-visits the border.' : '.'}
      </p>
      <table className="costs-table" data-testid="padding-table">
        <thead><tr><th>padding</th><th>output</th><th>corner read by</th><th>middle read by</th><th>five layers in a row (rows)</th></tr></thead>
        <tbody>
          {all.map((r) => (
            <tr key={r.mode}>
              <th>{r.mode}</th>
              <td>{r.output.height}×{r.output.width}</td>
              <td>{r.visits[0]}</td>
              <td>{r.visits[Math.floor(height / 2) * width + Math.floor(width / 2)]}</td>
              <td data-testid={`padding-stack-${r.mode}`}>{stackSizes(height, kernel[0], r.mode).map((s) => Math.max(0, s)).join(' → ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Valid shrinks the representation by k − 1 = {kernel[0] - 1} rows a layer, same keeps its size, full grows it by k − 1.</p>
    </LessonFrame>
  );
}
