/**
 * A labelled text field for one value: what is typed is parsed on every
 * keystroke and applied only when it is valid; otherwise the reason shows
 * under the field (role="alert", aria-invalid) and the document is left
 * alone. A text input rather than type="number", so "abc" or "-" stays
 * visible with its reason instead of being swallowed by the browser; the
 * arrow keys step numbers as a number input would.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { FieldNote, noteOf } from './FieldNote';
import { formatNumber, parseNumber, parseNumberList, type Parsed } from './parse';
import type { FieldProblem } from './values';

interface ValueFieldProps<T> {
  /** Element id and data-testid. */
  testId: string;
  /** Visible label; omitted for compact fields (a weight cell) that have only `ariaLabel`. */
  label?: string;
  /** The accessible name, naming the node and the field: "c1 kernel height". */
  ariaLabel: string;
  value: T;
  /** A problem the analysis found with this field's value (shown under it; the value is applied). */
  problem?: FieldProblem | undefined;
  /** Mark the input invalid without a message of its own (a shared message is shown nearby). */
  flagged?: boolean;
  /** Applies a parsed value, or returns why the node cannot take it. */
  onValue(value: T): string | undefined;
  className?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  /** Arrow-key step; none: the arrows only move the caret. */
  step?: number;
  disabled?: boolean;
}

interface Codec<T> {
  parse(text: string): Parsed<T>;
  format(value: T): string;
}

function ValueField<T>({ codec, ...props }: ValueFieldProps<T> & { codec: Codec<T> }) {
  const { testId, label, ariaLabel, value, problem, flagged, onValue, className, inputMode, step, disabled } = props;
  const [text, setText] = useState(() => codec.format(value));
  const [error, setError] = useState<string>();
  const messageId = useId();
  const shown = codec.format(value);
  // Follow outside changes (undo, the other half of a locked pair), but not the echo of
  // what is being typed: "1e1" applied as 10 must not turn into "10" under the cursor.
  useEffect(() => {
    setText((typed) => {
      const parsed = codec.parse(typed);
      return parsed.ok && codec.format(parsed.value) === shown ? typed : shown;
    });
    setError(undefined);
  }, [codec, testId, shown]);

  const enter = (typed: string) => {
    setText(typed);
    const parsed = codec.parse(typed);
    setError(parsed.ok ? onValue(parsed.value) : parsed.message);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (step === undefined || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const current = parseNumber(text);
    if (!current.ok) return;
    event.preventDefault();
    enter(formatNumber(current.value + (event.key === 'ArrowUp' ? step : -step)));
  };
  const note = noteOf(error, problem);
  return (
    <div className={`inspect__field ${className ?? ''}`}>
      {label !== undefined && <label htmlFor={testId}>{label}</label>}
      <input
        id={testId}
        data-testid={testId}
        type="text"
        inputMode={inputMode ?? 'decimal'}
        autoComplete="off"
        spellCheck={false}
        aria-label={ariaLabel}
        aria-invalid={note?.severity === 'error' || flagged ? true : undefined}
        aria-describedby={note ? messageId : undefined}
        value={text}
        disabled={disabled}
        onChange={(e) => enter(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <FieldNote id={messageId} note={note} />
    </div>
  );
}

const numberCodec: Codec<number> = { parse: parseNumber, format: formatNumber };
const listCodec: Codec<number[]> = { parse: parseNumberList, format: (values) => values.map(formatNumber).join(', ') };

export type NumberFieldProps = ValueFieldProps<number>;

export function NumberField(props: NumberFieldProps) {
  return <ValueField codec={numberCodec} {...props} />;
}

/** Several numbers in one field, "1, 28, 28" (an input's shape, whose length is its meaning). */
export function ListField(props: ValueFieldProps<number[]>) {
  return <ValueField codec={listCodec} inputMode="text" {...props} />;
}
