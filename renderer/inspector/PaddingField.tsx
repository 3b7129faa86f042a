/**
 * Padding as a choice of valid, same, full or explicit. Choosing explicit
 * shows the four sides in the document's order [top, bottom, left, right],
 * prefilled with what the engine pads now, so switching to explicit changes
 * nothing until a side is edited. Each choice is one undo step.
 */
import type { Padding, WindowPlan } from '../../engine';
import { NumberField } from './NumberField';
import { FieldNote } from './FieldNote';
import { explicitPadding, PADDING_MODES, paddingMode, SIDE_NAMES, type FieldProblem, type Pair, type PaddingMode, type Sides } from './values';

const HINTS: Record<PaddingMode, string> = {
  valid: 'no padding: the window stays inside the input',
  same: 'pads so the output is ceil(input / stride); the odd pixel goes to the bottom and right',
  full: 'kernel − 1 on every side: every overlap of window and input',
  explicit: 'your own numbers of zero rows and columns on each side',
};

export function PaddingField({ nodeId, padding, kernel, plan, problem, disabled, apply }: {
  nodeId: string;
  /** What the document holds (undefined: valid). */
  padding: Padding | undefined;
  /** The kernel or pool window, for `full` when the input is unknown. */
  kernel: Pair;
  /** The node's window plan from the analysis, where its input is known. */
  plan: WindowPlan | undefined;
  problem?: FieldProblem | undefined;
  disabled?: boolean;
  /** Writes the padding, or returns why not; `label` names the edited part; `group` merges typing into one side. */
  apply(padding: Padding, label: string, group?: string): string | undefined;
}) {
  const mode = paddingMode(padding);
  const sides: Sides = explicitPadding(padding, kernel, plan);
  const selectId = `padding-${nodeId}`;
  return (
    <fieldset className="inspect__padding">
      <legend>padding</legend>
      <select
        id={selectId}
        data-testid={selectId}
        aria-label={`${nodeId} padding`}
        value={mode}
        disabled={disabled}
        aria-invalid={problem?.severity === 'error' ? true : undefined}
        onChange={(e) => {
          const chosen = e.target.value as PaddingMode;
          apply(chosen === 'explicit' ? explicitPadding(padding, kernel, plan) : chosen, 'padding');
        }}
      >
        {PADDING_MODES.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <p className="inspect__hint">{HINTS[mode]}</p>
      {mode === 'explicit' && (
        <div className="inspect__sides">
          {SIDE_NAMES.map((side, i) => (
            <NumberField
              key={side}
              testId={`padding-${nodeId}-${side}`}
              label={side}
              ariaLabel={`${nodeId} padding ${side}`}
              value={sides[i] ?? 0}
              inputMode="numeric"
              step={1}
              disabled={disabled}
              onValue={(n) => {
                const next = [...sides] as Sides;
                next[i] = n;
                return apply(next, `padding ${side}`, `padding:${nodeId}:${side}`);
              }}
            />
          ))}
        </div>
      )}
      <FieldNote note={problem} />
    </fieldset>
  );
}
