/**
 * A small grid of numbers (a kernel, a window of pixels, their products), one
 * cell each, readable from the back of a room; editable cells are number
 * fields that commit on change. Negative values are tinted blue, positive
 * orange, as on the heat maps.
 */
import { useState } from 'react';

export function NumberGrid({ rows, columns, values, label, digits = 2, onChange, onPoint, highlight, marked, testId }: {
  rows: number;
  columns: number;
  values: ArrayLike<number>;
  label: string;
  digits?: number;
  /** Editable: called with the cell's index and its new value. */
  onChange?: (index: number, value: number) => void;
  /** Called with the index of the cell pointed at or focused, undefined when it is left. */
  onPoint?: (index: number | undefined) => void;
  /** Cells drawn as "outside" (zero padding), by index. */
  highlight?: ReadonlySet<number> | undefined;
  /** Cells outlined (what a pointed cell elsewhere refers to), by index. */
  marked?: ReadonlySet<number> | undefined;
  testId?: string;
}) {
  return (
    <table className="number-grid" aria-label={label} data-testid={testId}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: columns }, (_, c) => {
              const index = r * columns + c;
              const value = values[index] ?? 0;
              const tone = value < 0 ? 'number-grid__cell--negative' : value > 0 ? 'number-grid__cell--positive' : '';
              return (
                <td key={c} className={`number-grid__cell ${tone} ${highlight?.has(index) ? 'number-grid__cell--outside' : ''} ${marked?.has(index) ? 'number-grid__cell--marked' : ''}`}
                  tabIndex={onPoint && !onChange ? 0 : undefined} aria-label={onPoint ? `${label}, row ${r + 1}, column ${c + 1}: ${formatCell(value, digits)}` : undefined}
                  onPointerEnter={onPoint && (() => onPoint(index))} onPointerLeave={onPoint && (() => onPoint(undefined))}
                  onFocus={onPoint && (() => onPoint(index))} onBlur={onPoint && (() => onPoint(undefined))}>
                  {onChange ? (
                    <NumberCell value={value} label={`${label}, row ${r + 1}, column ${c + 1}`} onChange={(v) => onChange(index, v)} />
                  ) : (
                    formatCell(value, digits)
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One editable number. What is typed stays as typed (a lone "-" or "0." on the way to a number) and
 * reaches the lesson each time it reads as a number; leaving the field shows the value again.
 */
function NumberCell({ value, label, onChange }: { value: number; label: string; onChange(value: number): void }) {
  const [draft, setDraft] = useState<string | undefined>();
  return (
    <input type="text" inputMode="decimal" aria-label={label} value={draft ?? String(Number(value.toFixed(4)))}
      onChange={(e) => {
        setDraft(e.target.value);
        const parsed = Number(e.target.value.replace('−', '-'));
        if (e.target.value.trim() !== '' && Number.isFinite(parsed)) onChange(parsed);
      }}
      onBlur={() => setDraft(undefined)} />
  );
}

export function formatCell(value: number, digits: number): string {
  // Trailing zeros of the decimals go (0.50 → 0.5, 2.00 → 2), never those of a whole number (30 stays 30).
  const fixed = value.toFixed(digits);
  const text = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return text === '-0' ? '0' : text.replace('-', '−');
}
