/**
 * Lesson 3, computational costs: the lecture's table for a conv-like layer on
 * an input size (stored floats; float multiplies or adds) for the
 * convolution, the same linear map as a dense matrix and as a sparse one,
 * with the formulas in the student's numbers, and a measured column: the
 * layer's convolution timed against the dense matrix product on this machine.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { costCaseOf, costTable, measureCosts, type MeasuredCosts } from '../../engine/lessons/costs';
import type { WorkspaceServices } from '../workspace/services';
import { Formula, texNumber } from './Formula';
import { LessonFrame } from './LessonFrame';
import { useLessonValues } from './useLessonValues';

const FIELDS = [
  { name: 'input', label: 'input C×H×W' },
  { name: 'filters', label: 'filters' },
  { name: 'kernel', label: 'kernel' },
  { name: 'strides', label: 'strides' },
] as const;

export function CostsLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('costs', services.ui);
  const [measured, setMeasured] = useState<{ key: string; costs?: MeasuredCosts; running?: boolean }>({ key: '' });
  const result = useMemo(() => {
    try {
      const c = costCaseOf(values);
      return { c, table: costTable(c) };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }, [values]);
  const key = JSON.stringify(values);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const slide = values['preset'] === 'slide';
  // Editing a field leaves the slide's case for the numbers typed.
  const edit = (change_: Record<string, string>) => change({ ...(slide && result.c ? fieldsOf(result.c) : {}), ...change_, preset: 'none' });
  const measure = () => {
    if (!result.c) return;
    setMeasured({ key, running: true });
    // A frame first, so "measuring…" shows before the page is busy for the timing.
    pending.current = setTimeout(() => setMeasured({ key, costs: measureCosts(result.c, () => performance.now()) }), 30);
  };
  const shownMeasure = measured.key === key ? measured : undefined;
  return (
    <LessonFrame lesson="costs" testId="lesson-costs">
      <div className="lesson__controls">
        <button type="button" data-testid="costs-slide" aria-pressed={slide} onClick={() => change({ preset: 'slide' })}>The lecture’s slide</button>
        <label>
          layer{' '}
          <select value={result.c?.layer ?? values['layer']} data-testid="costs-layer" onChange={(e) => edit({ layer: e.target.value })}>
            <option value="conv2d">conv2d (shared kernel)</option>
            <option value="locallyConnected2d">locallyConnected2d (a kernel per position)</option>
          </select>
        </label>
        {FIELDS.map((f) => (
          <label key={f.name}>
            {f.label}{' '}
            <input size={9} value={slide && result.c ? fieldsOf(result.c)[f.name] : values[f.name]} data-testid={`costs-${f.name}`} onChange={(e) => edit({ [f.name]: e.target.value })} />
          </label>
        ))}
        <label>
          padding{' '}
          <select value={result.c?.padding as string ?? values['padding']} data-testid="costs-padding" onChange={(e) => edit({ padding: e.target.value })}>
            {['valid', 'same', 'full'].map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
      </div>
      {result.problem && <p className="lesson__problem" role="alert">{result.problem}</p>}
      {result.table && (
        <>
          <p>
            Input {result.c.inChannels}×{result.c.height}×{result.c.width} = <strong>{result.table.inputs.toLocaleString('en-US')}</strong> numbers (n);
            output {result.table.outputShape.join('×')} = <strong>{result.table.outputs.toLocaleString('en-US')}</strong> numbers (m).
          </p>
          <table className="costs-table" data-testid="costs-table">
            <thead>
              <tr><th /><th>Convolution</th><th>Dense matrix</th><th>Sparse matrix</th></tr>
            </thead>
            <tbody>
              <tr>
                <th>Stored floats</th>
                {(['convolution', 'dense', 'sparse'] as const).map((k) => <td key={k} data-testid={`costs-${k}-stored`}>{result.table.table[k].storedFloats.toLocaleString('en-US')}</td>)}
              </tr>
              <tr>
                <th>Float muls or adds</th>
                {(['convolution', 'dense', 'sparse'] as const).map((k) => <td key={k} data-testid={`costs-${k}-flops`}>{result.table.table[k].flops.toLocaleString('en-US')}</td>)}
              </tr>
              <tr>
                <th>Measured here</th>
                <td data-testid="costs-convolution-ms">{shownMeasure?.costs ? `${shownMeasure.costs.convolutionMs.toFixed(3)} ms` : '–'}</td>
                <td data-testid="costs-dense-ms">
                  {shownMeasure?.costs ? (shownMeasure.costs.denseMs !== undefined ? `${shownMeasure.costs.denseMs.toFixed(3)} ms` : `not run: W needs ${shownMeasure.costs.denseGigabytes.toFixed(1)} GB`) : '–'}
                </td>
                <td>–</td>
              </tr>
            </tbody>
          </table>
          <button type="button" data-testid="costs-measure" disabled={shownMeasure?.running} onClick={measure}>
            {shownMeasure?.running ? 'Measuring…' : 'Measure on this machine'}
          </button>
          <Formulas c={result.c} table={result.table} />
        </>
      )}
    </LessonFrame>
  );
}

function Formulas({ c, table }: { c: NonNullable<ReturnType<typeof costCaseOf>>; table: ReturnType<typeof costTable> }) {
  const k = c.inChannels * c.kernel[0] * c.kernel[1];
  const m = table.outputs;
  const n = table.inputs;
  const t = table.table;
  return (
    <div className="lesson__formulas">
      <p>Convolution, k = {k} weights per output (C·kH·kW):</p>
      <Formula tex={`${c.layer === 'conv2d' ? `\\text{stored} = C \\cdot k_H \\cdot k_W \\cdot \\text{filters} = ${c.inChannels} \\cdot ${c.kernel[0]} \\cdot ${c.kernel[1]} \\cdot ${c.filters} = ${texNumber(t.convolution.storedFloats)}` : `\\text{stored} = m \\cdot k = ${texNumber(m)} \\cdot ${k} = ${texNumber(t.convolution.storedFloats)}`}`} />
      <Formula tex={`m\\,(2k-1) = ${texNumber(m)} \\times (2 \\cdot ${k} - 1) = ${texNumber(t.convolution.flops)}`} />
      <p>Dense matrix W, m × n:</p>
      <Formula testId="costs-formula-dense" tex={`m \\cdot n = ${texNumber(m)} \\times ${texNumber(n)} = ${texNumber(t.dense.storedFloats)}`} />
      <Formula tex={`m\\,(2n-1) = ${texNumber(m)} \\times ${texNumber(2 * n - 1)} = ${texNumber(t.dense.flops)}`} />
      <p>Sparse matrix: only W’s non-zeros (nnz), one per weight a window lays on a real pixel; zero padding adds none:</p>
      <Formula tex={`\\mathrm{nnz} = ${texNumber(t.sparse.storedFloats)},\\qquad 2\\,\\mathrm{nnz} - m = ${texNumber(t.sparse.flops)}`} />
    </div>
  );
}

function fieldsOf(c: NonNullable<ReturnType<typeof costCaseOf>>): Record<string, string> {
  return { layer: c.layer, input: `${c.inChannels}x${c.height}x${c.width}`, filters: String(c.filters), kernel: `${c.kernel[0]}x${c.kernel[1]}`, strides: `${c.strides[0]}x${c.strides[1]}`, padding: String(c.padding) };
}
