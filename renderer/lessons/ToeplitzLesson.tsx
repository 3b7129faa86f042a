/**
 * Lesson 9, back-propagation as a transposed convolution: a small
 * convolution written as its matrix W (each row an offset copy of the
 * kernel), the forward pass W·x beside the engine's convolution, the input
 * gradient Wᵀ·g beside the engine's transposed convolution, and the kernel's
 * gradient as the sum over its copies beside the engine's. Pointing at a
 * cell of W shows its output pixel (the row) and its input pixel (the column).
 * Below, one training step of a tiny network taken apart (./StepThrough.tsx).
 */
import { useMemo, useState } from 'react';
import { toeplitzCaseOf, toeplitzNumbers } from '../../engine/lessons/toeplitz';
import type { WorkspaceServices } from '../workspace/services';
import { Formula, texNumber } from './Formula';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { StepThrough } from './StepThrough';
import { useLessonValues } from './useLessonValues';

export function ToeplitzLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('toeplitz', services.ui);
  const result = useMemo(() => {
    try {
      return { c: toeplitzCaseOf(values), ...toeplitzNumbers(toeplitzCaseOf(values)) };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }, [values]);
  const [cell, setCell] = useState<number | undefined>();
  if (!('c' in result) || !result.c) return <LessonFrame lesson="toeplitz" testId="lesson-toeplitz"><p className="lesson__problem" role="alert">{result.problem}</p></LessonFrame>;
  const { c, t, x, g, forward, backward, kernelGradient } = result;
  const row = cell === undefined ? undefined : Math.floor(cell / t.cols);
  const column = cell === undefined ? undefined : cell % t.cols;
  const wMarked = new Set<number>();
  if (row !== undefined && column !== undefined) for (let k = 0; k < t.cols; k++) wMarked.add(row * t.cols + k);
  return (
    <LessonFrame lesson="toeplitz" testId="lesson-toeplitz">
      <div className="lesson__controls">
        {(['input', 'kernel'] as const).map((name) => (
          <label key={name}>{name} <input size={5} value={values[name]} data-testid={`toeplitz-${name}`} onChange={(e) => change({ [name]: e.target.value, ...(name === 'kernel' ? { weights: '' } : {}) })} /></label>
        ))}
        <label>stride <input type="number" min={1} max={3} value={c.stride} data-testid="toeplitz-stride" onChange={(e) => Number.isInteger(e.target.valueAsNumber) && change({ stride: String(e.target.valueAsNumber) })} /></label>
        <label>
          padding{' '}
          <select value={String(c.padding)} data-testid="toeplitz-padding" onChange={(e) => change({ padding: e.target.value })}>
            {['valid', 'same', 'full'].map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
      </div>
      <div className="lesson__explain">
        <div>
          <h3>Kernel K (type to change it)</h3>
          <NumberGrid rows={c.kernel.rows} columns={c.kernel.cols} values={c.kernel.values} label="kernel" testId="toeplitz-kernel-grid"
            onChange={(i, v) => change({ weights: c.kernel.values.map((old, j) => (j === i ? v : old)).join(' ') })} />
        </div>
        <div>
          <h3>Input x ({c.height}×{c.width}){column !== undefined ? `: column ${column} reads pixel ${column}` : ''}</h3>
          <NumberGrid rows={c.height} columns={c.width} values={x} label="input" digits={0} marked={column === undefined ? undefined : new Set([column])} testId="toeplitz-x" />
        </div>
      </div>
      <h3>W: {t.rows} outputs × {t.cols} inputs, each row an offset copy of K{row !== undefined ? ` (row ${row} makes output pixel ${row})` : ''}</h3>
      <div className="toeplitz__matrix" tabIndex={0} role="group" aria-label="the matrix W (scrolls)">
        <NumberGrid rows={t.rows} columns={t.cols} values={t.matrix} label="W" digits={2} onPoint={setCell} marked={wMarked} testId="toeplitz-w" />
      </div>
      <Formula tex={`x^{L} = W\\,x^{L-1},\\qquad g^{L-1} = W^{\\top} g^{L}`} />
      <div className="lesson__explain">
        <div>
          <h3>Forward: W·x</h3>
          <NumberGrid rows={t.outH} columns={t.outW} values={forward.matrix} label="W times x" digits={2} marked={row === undefined ? undefined : new Set([row])} testId="toeplitz-forward-matrix" />
        </div>
        <div>
          <h3>the engine's convolution</h3>
          <NumberGrid rows={t.outH} columns={t.outW} values={forward.engine} label="engine convolution" digits={2} testId="toeplitz-forward-engine" />
        </div>
        <div>
          <h3>Backward: Wᵀ·g, g = {g.map((v) => texNumber(v, 1)).slice(0, 4).join(', ')}{g.length > 4 ? ', …' : ''}</h3>
          <NumberGrid rows={c.height} columns={c.width} values={backward.matrix} label="W transposed times g" digits={2} testId="toeplitz-backward-matrix" />
        </div>
        <div>
          <h3>the engine's input gradient (transposed convolution)</h3>
          <NumberGrid rows={c.height} columns={c.width} values={backward.engine} label="engine input gradient" digits={2} testId="toeplitz-backward-engine" />
        </div>
      </div>
      <p className="lesson__numbers">
        Largest difference, forward: <strong data-testid="toeplitz-forward-difference">{forward.largestDifference.toExponential(1)}</strong>;
        {' '}backward: <strong data-testid="toeplitz-backward-difference">{backward.largestDifference.toExponential(1)}</strong>;
        {' '}kernel gradient (the sum over K's copies against the engine's): <strong data-testid="toeplitz-kernel-difference">{kernelGradient.largestDifference.toExponential(1)}</strong>
      </p>
      <div className="lesson__explain">
        <div>
          <h3>dL/dK: Σ over K's copies of g·x</h3>
          <NumberGrid rows={c.kernel.rows} columns={c.kernel.cols} values={kernelGradient.copies} label="kernel gradient from the copies" digits={2} testId="toeplitz-kernel-copies" />
        </div>
        <div>
          <h3>the engine's kernel gradient</h3>
          <NumberGrid rows={c.kernel.rows} columns={c.kernel.cols} values={kernelGradient.engine} label="engine kernel gradient" digits={2} testId="toeplitz-kernel-engine" />
        </div>
      </div>
      <StepThrough values={values} change={change} />
    </LessonFrame>
  );
}
