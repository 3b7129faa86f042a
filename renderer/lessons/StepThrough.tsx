/**
 * Lesson 9's step-through: one training step of a tiny network, one
 * operation at a time (Next / Previous, or the arrow keys), each tensor and
 * gradient as numbers and as a picture, ending with the SGD update. The
 * numbers come from the engine's Network and Optimizer (engine/lessons/stepThrough.ts).
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { STEP_CLASSES, stepThroughOf, type StepTensor } from '../../engine/lessons/stepThrough';
import { Formula } from './Formula';
import { HeatmapGrid } from './HeatmapGrid';
import { NumberGrid } from './NumberGrid';

export function StepThrough({ values, change }: { values: Readonly<Record<string, string>>; change(values: Record<string, string>): void }) {
  const result = useMemo(() => {
    try {
      return { step: stepThroughOf(values) };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }, [values['seed'], values['rate']]);
  const [index, setIndex] = useState(0);
  const steps = result.step?.steps ?? [];
  const at = Math.min(index, Math.max(0, steps.length - 1));
  const part = steps[at];
  const go = (next: number) => setIndex(Math.max(0, Math.min(steps.length - 1, next)));
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key === 'ArrowRight') go(at + 1);
    else if (e.key === 'ArrowLeft') go(at - 1);
    else return;
    e.preventDefault();
  };
  return (
    <section className="step-through" aria-label="One training step, one operation at a time" data-testid="step-through" tabIndex={0} onKeyDown={onKey}>
      <h3 className="step-through__heading">One training step of a tiny network, one operation at a time</h3>
      <p>
        input → 3×3 convolution (2 filters) → ReLU → 2×2 max pooling → dense → softmax, on a batch of two pictures:
        a {STEP_CLASSES[0]} (label 0) and a {STEP_CLASSES[1]} (label 1). Forward, then backward, then the update.
      </p>
      <div className="lesson__controls">
        <label>weights from seed <input type="number" min={0} value={values['seed'] || '1'} data-testid="step-seed" onChange={(e) => Number.isInteger(e.target.valueAsNumber) && change({ seed: String(e.target.valueAsNumber) })} /></label>
        <label>learning rate η <input type="number" min={0.001} step={0.05} value={values['rate'] || '0.1'} data-testid="step-rate" onChange={(e) => e.target.valueAsNumber > 0 && change({ rate: String(e.target.valueAsNumber) })} /></label>
      </div>
      {result.problem && <p className="lesson__problem" role="alert">{result.problem}</p>}
      {part && (
        <>
          <div className="step-through__bar">
            <div className="step-through__nav">
              <button type="button" onClick={() => go(at - 1)} disabled={at === 0} data-testid="step-previous">◀ Previous</button>
              <button type="button" onClick={() => go(at + 1)} disabled={at === steps.length - 1} data-testid="step-next">Next ▶</button>
              <ol className="step-through__strip" aria-label="the operations">
                {steps.map((s, i) => (
                  <li key={i}>
                    <button type="button" className={`step-through__chip step-through__chip--${s.phase}`} aria-current={i === at ? 'step' : undefined} onClick={() => go(i)} title={s.title}>
                      {s.nodeId ?? s.phase}
                    </button>
                  </li>
                ))}
              </ol>
            </div>
            <p className="step-through__where" aria-live="polite" data-testid="step-where">
              Step {at + 1} of {steps.length}, {part.phase}: <strong>{part.title}</strong>
            </p>
          </div>
          <Formula tex={part.tex} testId="step-formula" />
          <div className="step-through__tensors" data-testid="step-tensors">
            {part.tensors.map((t) => <TensorView key={t.label} tensor={t} picture={part.nodeId === 'in' && t.kind === 'value'} />)}
          </div>
        </>
      )}
    </section>
  );
}

/** A tensor as its maps: [N, C, H, W] (or a kernel's [C_out, C_in, k, k]) as one picture and grid per sample and channel, anything else as rows of numbers. */
function TensorView({ tensor, picture }: { tensor: StepTensor; picture: boolean }) {
  const { shape, data, label } = tensor;
  const caption = `${label}: ${shape.join('×')}`;
  if (shape.length === 4) {
    const [outer = 1, channels = 1, height = 1, width = 1] = shape;
    const plane = height * width;
    return (
      <figure className="step-through__tensor" data-testid="step-tensor">
        <figcaption>{caption}</figcaption>
        <div className="step-through__maps">
          {Array.from({ length: outer * channels }, (_, m) => {
            const n = Math.floor(m / channels);
            const c = m % channels;
            const values = data.slice(m * plane, (m + 1) * plane);
            const name = !tensor.perSample ? `filter ${n + 1}` : `sample ${n + 1}${channels > 1 ? `, channel ${c + 1}` : ''}`;
            return (
              <div key={m} className="step-through__map">
                <span>{name}</span>
                <HeatmapGrid grid={{ channels: 1, height, width, data: values }} scale={picture ? 'picture' : 'diverging'} cellSize={Math.max(6, Math.floor(72 / width))} label={`${label}, ${name}`} />
                <NumberGrid rows={height} columns={width} values={values} label={`${label}, ${name}`} digits={2} />
              </div>
            );
          })}
        </div>
      </figure>
    );
  }
  const rows = shape.length === 2 ? (shape[0] ?? 1) : 1;
  const columns = data.length / rows;
  return (
    <figure className="step-through__tensor" data-testid="step-tensor">
      <figcaption>{caption}{shape.length === 2 && tensor.perSample ? ' (one row per sample)' : shape.length === 2 ? ' (one row per unit)' : ''}</figcaption>
      <NumberGrid rows={rows} columns={columns} values={data} label={label} digits={3} />
    </figure>
  );
}
