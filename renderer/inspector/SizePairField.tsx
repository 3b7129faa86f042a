/**
 * A size per spatial axis (kernel, stride, pool window, tiles) as height and
 * width fields with a "square" lock: while it is pressed, editing either
 * field sets both. The lock starts pressed when the two sizes are equal.
 */
import { useEffect, useId, useState } from 'react';
import type { SizePair } from '../../engine';
import { NumberField } from './NumberField';
import { FieldNote } from './FieldNote';
import { pairValue, type FieldProblem, type Pair } from './values';

export function SizePairField({ nodeId, name, label, value, original, problem, disabled, apply }: {
  nodeId: string;
  /** The document's key: kernelSize, strides, poolSize, tiles. */
  name: string;
  /** In words: "kernel", "stride". */
  label: string;
  /** What the engine uses (defaults filled in). */
  value: Pair;
  /** What the document holds (one number, a pair, or nothing). */
  original: SizePair | undefined;
  /** A problem the analysis pins to this parameter, e.g. a kernel larger than its input. */
  problem?: FieldProblem | undefined;
  disabled?: boolean;
  /** Writes the new size, or returns why not; `part` names the edited field in the reason. */
  apply(size: SizePair, part: 'height' | 'width'): string | undefined;
}) {
  const [locked, setLocked] = useState(value[0] === value[1]);
  const problemId = useId();
  const [height, width] = value;
  // Sizes set apart from outside (undo, a file) release the lock: it never shows pressed over unequal sizes.
  useEffect(() => {
    if (height !== width) setLocked(false);
  }, [height, width]);
  const field = (part: 'height' | 'width') => (
    <NumberField
      testId={`field-${nodeId}-${name}-${part}`}
      label={part}
      ariaLabel={`${nodeId} ${label} ${part}`}
      value={part === 'height' ? height : width}
      className={`inspect__pair-${part}`}
      flagged={problem?.severity === 'error'}
      inputMode="numeric"
      step={1}
      disabled={disabled}
      onValue={(n) => {
        const next: Pair = locked ? [n, n] : part === 'height' ? [n, width] : [height, n];
        return apply(pairValue(original, ...next), part);
      }}
    />
  );
  return (
    <fieldset className="inspect__pair" aria-describedby={problem ? problemId : undefined}>
      <legend>{label}</legend>
      <div className="inspect__pair-row">
        {field('height')}
        <span className="inspect__times" aria-hidden="true">×</span>
        {field('width')}
        <button
          type="button"
          className="inspect__lock"
          data-testid={`lock-${nodeId}-${name}`}
          aria-pressed={locked}
          aria-label={`${nodeId} ${label} square`}
          title={locked ? 'Height and width stay equal; press to set them apart' : 'Press to keep height and width equal'}
          disabled={disabled}
          onClick={() => setLocked((on) => !on)}
        >
          square
        </button>
      </div>
      <FieldNote id={problemId} note={problem} />
    </fieldset>
  );
}
