/**
 * "Learn this kernel", in the kernels lesson: pick a hidden kernel whose
 * output on the picture is the target, start, and watch Adam fit a kernel of
 * the same size from zeros, live: the step, the loss, the learned numbers and
 * how far they are from the hidden ones (shown when asked). Runs on the main
 * thread, as many steps per frame as fit in 8 ms.
 */
import { useEffect, useRef, useState } from 'react';
import { KERNEL_PRESET_NAMES, KERNEL_PRESETS, type KernelPreset } from '../../engine/lessons/kernels';
import { CLOSE_ENOUGH, fitKernel, LEARNING_RATE, type FitState, type KernelFit } from '../../engine/lessons/learnKernel';
import type { Picture } from '../../engine/lessons/picture';
import { NumberGrid } from './NumberGrid';

/** Steps are taken in groups of this many until a frame's budget is spent (a 28×28 picture takes hundreds of steps a frame, the 200×133 photograph a few). */
const STEPS_PER_GROUP = 5;
const FRAME_BUDGET_MS = 8;
const MAX_STEPS = 5000;

export function KernelLearner({ picture }: { picture: Picture }) {
  const [hidden, setHidden] = useState<KernelPreset>('edge-detect');
  const [state, setState] = useState<FitState | undefined>();
  const [running, setRunning] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [within, setWithin] = useState<number | undefined>();
  const fit = useRef<KernelFit | undefined>(undefined);

  // A new picture or target starts over.
  useEffect(() => {
    fit.current?.dispose();
    fit.current = undefined;
    setState(undefined);
    setRunning(false);
    setWithin(undefined);
  }, [picture, hidden]);

  useEffect(() => {
    if (!running) return undefined;
    let frame = 0;
    const tick = () => {
      fit.current ??= fitKernel(picture, KERNEL_PRESETS[hidden]);
      const started = performance.now();
      let next = fit.current.run(STEPS_PER_GROUP);
      while (performance.now() - started < FRAME_BUDGET_MS && next.step < MAX_STEPS) next = fit.current.run(STEPS_PER_GROUP);
      setState(next);
      if (next.largestError < CLOSE_ENOUGH) setWithin((w) => w ?? next.step);
      if (next.step >= MAX_STEPS || next.loss < 1e-20) setRunning(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [running, picture, hidden]);
  useEffect(() => () => fit.current?.dispose(), []);

  const size = KERNEL_PRESETS[hidden].size;
  return (
    <section className="learner" aria-label="Learn this kernel" data-testid="learner">
      <h3>Learn this kernel</h3>
      <p>The target is the output of a hidden kernel on this picture. Gradient descent (Adam, learning rate {LEARNING_RATE}) starts from zeros and fits a kernel to it, step by step.</p>
      <div className="lesson__controls">
        <label>
          Hidden kernel{' '}
          <select value={hidden} data-testid="learner-target" onChange={(e) => setHidden(e.target.value as KernelPreset)}>
            {KERNEL_PRESET_NAMES.map((name) => <option key={name} value={name}>{KERNEL_PRESETS[name].label}</option>)}
          </select>
        </label>
        <button type="button" data-testid="learner-run" onClick={() => setRunning(!running)}>{running ? 'Pause' : state ? 'Go on' : 'Start'}</button>
        <label><input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> show the hidden kernel</label>
      </div>
      <div className="lesson__explain">
        <div>
          <h4>Learned</h4>
          <NumberGrid rows={size} columns={size} values={state?.kernel ?? Array<number>(size * size).fill(0)} label="learned kernel" digits={3} testId="learner-kernel" />
        </div>
        {reveal && (
          <div>
            <h4>Hidden</h4>
            <NumberGrid rows={size} columns={size} values={KERNEL_PRESETS[hidden].values} label="hidden kernel" digits={3} />
          </div>
        )}
      </div>
      <p className="lesson__numbers" data-testid="learner-status">
        step <strong data-testid="learner-step">{state?.step ?? 0}</strong> · loss <strong>{(state?.loss ?? 0).toExponential(2)}</strong> · largest error <strong data-testid="learner-error">{(state?.largestError ?? 0).toFixed(3)}</strong>
        {within !== undefined && <> · every weight first within {CLOSE_ENOUGH} of the hidden kernel at step <strong data-testid="learner-within">{within}</strong></>}
      </p>
    </section>
  );
}
