/**
 * A yes/no parameter (useBias, trainable) as a labelled checkbox; one click
 * is one undo step.
 */
export function CheckField({ testId, label, ariaLabel, checked, hint, onChange }: {
  testId: string;
  label: string;
  ariaLabel: string;
  checked: boolean;
  /** A short explanation after the label. */
  hint?: string;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="inspect__check">
      <input type="checkbox" id={testId} data-testid={testId} aria-label={ariaLabel} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
      {hint && <span className="inspect__hint">{hint}</span>}
    </label>
  );
}
