/**
 * Moves the input by (dy, dx) pixels: arrow buttons, the arrow keys while the
 * control has the focus, and the two numbers; within ±max each way.
 */
import type { KeyboardEvent } from 'react';

const ARROWS = [
  { key: 'ArrowUp', label: '↑', name: 'up', dy: -1, dx: 0 },
  { key: 'ArrowLeft', label: '←', name: 'left', dy: 0, dx: -1 },
  { key: 'ArrowRight', label: '→', name: 'right', dy: 0, dx: 1 },
  { key: 'ArrowDown', label: '↓', name: 'down', dy: 1, dx: 0 },
] as const;

export function ShiftControl({ dy, dx, max, onChange, testId }: { dy: number; dx: number; max: number; onChange(dy: number, dx: number): void; testId: string }) {
  const clamp = (v: number) => Math.max(-max, Math.min(max, v));
  const move = (ddy: number, ddx: number) => onChange(clamp(dy + ddy), clamp(dx + ddx));
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const arrow = ARROWS.find((a) => a.key === e.key);
    if (!arrow || (e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    move(arrow.dy, arrow.dx);
  };
  return (
    <div className="shift-control" role="group" aria-label="Shift the input (arrow keys)" data-testid={testId} onKeyDown={onKey}>
      <span>Shift</span>
      {ARROWS.map((a) => (
        <button key={a.key} type="button" aria-label={`shift ${a.name}`} data-testid={`${testId}-${a.name}`} onClick={() => move(a.dy, a.dx)}>{a.label}</button>
      ))}
      <label>
        down{' '}
        <input type="number" min={-max} max={max} value={dy} data-testid={`${testId}-dy`} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && onChange(clamp(e.target.valueAsNumber), dx)} />
      </label>
      <label>
        right{' '}
        <input type="number" min={-max} max={max} value={dx} data-testid={`${testId}-dx`} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && onChange(dy, clamp(e.target.valueAsNumber))} />
      </label>
      <button type="button" onClick={() => onChange(0, 0)}>Reset</button>
    </div>
  );
}
