/**
 * A small grid of numbers (a kernel, a window of pixels, their products), one
 * cell each, readable from the back of a room; editable cells are number
 * fields that commit on change. Negative values are tinted blue, positive
 * orange, as on the heat maps.
 */
export function NumberGrid({ rows, columns, values, label, digits = 2, onChange, onPoint, highlight, testId }: {
  rows: number;
  columns: number;
  values: readonly number[];
  label: string;
  digits?: number;
  /** Editable: called with the cell's index and its new value. */
  onChange?: (index: number, value: number) => void;
  /** Called with the index of the cell pointed at or focused, undefined when it is left. */
  onPoint?: (index: number | undefined) => void;
  /** Cells drawn as "outside" (zero padding), by index. */
  highlight?: ReadonlySet<number>;
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
                <td key={c} className={`number-grid__cell ${tone} ${highlight?.has(index) ? 'number-grid__cell--outside' : ''}`}
                  onPointerEnter={onPoint && (() => onPoint(index))} onPointerLeave={onPoint && (() => onPoint(undefined))}
                  onFocus={onPoint && (() => onPoint(index))} onBlur={onPoint && (() => onPoint(undefined))}>
                  {onChange ? (
                    <input type="number" step="any" aria-label={`${label}, row ${r + 1}, column ${c + 1}`} value={Number(value.toFixed(4))}
                      onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(index, e.target.valueAsNumber)} />
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

export function formatCell(value: number, digits: number): string {
  const text = value.toFixed(digits).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text.replace('-', '−');
}
