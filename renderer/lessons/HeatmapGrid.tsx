/**
 * A picture or a feature map drawn cell by cell, large enough to point at:
 * a picture in gray or in colour (values 0 to 1), a map on a diverging scale
 * (blue below zero, white at zero, orange above, symmetric so zero is always
 * white). Pointing at a cell, or moving a cursor with the arrow keys once the
 * grid has the focus, reports it; an outline marks a window (it may reach
 * outside the grid, over zero padding).
 */
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';

export interface Grid {
  channels: number;
  height: number;
  width: number;
  data: ArrayLike<number>;
}

export interface Cell {
  y: number;
  x: number;
}

export interface Outline {
  top: number;
  left: number;
  height: number;
  width: number;
}

const NEGATIVE = [47, 111, 214];
const ZERO = [246, 246, 246];
const POSITIVE = [232, 131, 58];

/** The largest magnitude in a map, for its symmetric colour scale. */
export function magnitudeOf(data: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < data.length; i++) largest = Math.max(largest, Math.abs(data[i] as number));
  return largest;
}

function paint(canvas: HTMLCanvasElement, grid: Grid, scale: 'picture' | 'diverging', magnitude: number) {
  const { height, width, channels, data } = grid;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return;
  const image = g.createImageData(width, height);
  const plane = height * width;
  for (let i = 0; i < plane; i++) {
    const p = i * 4;
    if (scale === 'picture') {
      for (let c = 0; c < 3; c++) image.data[p + c] = Math.round(255 * Math.min(1, Math.max(0, data[(channels === 3 ? c * plane : 0) + i] as number)));
    } else {
      const t = magnitude > 0 ? Math.max(-1, Math.min(1, (data[i] as number) / magnitude)) : 0;
      const end = t < 0 ? NEGATIVE : POSITIVE;
      for (let c = 0; c < 3; c++) image.data[p + c] = Math.round(ZERO[c]! + (end[c]! - ZERO[c]!) * Math.abs(t));
    }
    image.data[p + 3] = 255;
  }
  g.putImageData(image, 0, 0);
}

/** Cells to mark over the grid (1: marked), in one colour, such as a border band or the pixels a weight meets. */
export interface Mask {
  cells: Uint8Array;
  colour: string;
}

function paintMask(canvas: HTMLCanvasElement, grid: Grid, mask: Mask | undefined) {
  if (canvas.width !== grid.width) canvas.width = grid.width;
  if (canvas.height !== grid.height) canvas.height = grid.height;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return;
  g.clearRect(0, 0, grid.width, grid.height);
  if (!mask) return;
  g.fillStyle = mask.colour;
  for (let i = 0; i < mask.cells.length; i++) if (mask.cells[i]) g.fillRect(i % grid.width, Math.floor(i / grid.width), 1, 1);
}

export function HeatmapGrid({ grid, scale, cellSize, label, outline, cursor: controlled, onCursor, onPick, testId, magnitude, mask }: {
  grid: Grid;
  scale: 'picture' | 'diverging';
  /** CSS pixels per cell. */
  cellSize: number;
  label: string;
  outline?: Outline | undefined;
  /** The cell pointed at, drawn with a ring. */
  cursor?: Cell | undefined;
  onCursor?: (cell: Cell | undefined) => void;
  /** A cell clicked, or chosen with Enter after moving there with the arrow keys. */
  onPick?: (cell: Cell) => void;
  testId?: string;
  /** The diverging scale's ±end; by default the map's own largest magnitude. */
  magnitude?: number;
  mask?: Mask | undefined;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (overlay.current) paintMask(overlay.current, grid, mask);
  }, [grid, mask]);
  const [focused, setFocused] = useState(false);
  // Without a cursor from the parent, the arrow keys move one of the grid's own (for picking with Enter).
  const [own, setOwn] = useState<Cell | undefined>();
  const cursor = controlled ?? (onPick ? own : undefined);
  const moveCursor = onCursor ?? (onPick ? setOwn : undefined);
  useEffect(() => {
    if (canvas.current) paint(canvas.current, grid, scale, magnitude ?? magnitudeOf(grid.data));
  }, [grid, scale, magnitude]);

  const cellAt = (e: PointerEvent<HTMLDivElement> | MouseEvent<HTMLDivElement>): Cell | undefined => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.floor((e.clientX - box.left) / cellSize);
    const y = Math.floor((e.clientY - box.top) / cellSize);
    return y >= 0 && y < grid.height && x >= 0 && x < grid.width ? { y, x } : undefined;
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if ((e.key === 'Enter' || e.key === ' ') && onPick && cursor) {
      e.preventDefault();
      return onPick(cursor);
    }
    const move = moves[e.key];
    if (!move || !moveCursor) return undefined;
    e.preventDefault();
    const from = cursor && cursor.y < grid.height && cursor.x < grid.width ? cursor : centre;
    return moveCursor({ y: Math.min(grid.height - 1, Math.max(0, from.y + move[0])), x: Math.min(grid.width - 1, Math.max(0, from.x + move[1])) });
  };
  const box = (o: Outline) => ({ top: o.top * cellSize, left: o.left * cellSize, height: o.height * cellSize, width: o.width * cellSize });
  const centre = { y: Math.floor(grid.height / 2), x: Math.floor(grid.width / 2) };
  const interactive = moveCursor !== undefined;
  // What a screen reader hears as the cursor moves: where it is and the value there.
  const spoken = focused && cursor && cursor.y < grid.height && cursor.x < grid.width
    ? `row ${cursor.y}, column ${cursor.x}, value ${Number((grid.data[cursor.y * grid.width + cursor.x] as number).toFixed(3))}`
    : '';
  return (
    <div className={`heatmap ${focused ? 'heatmap--focused' : ''}`} style={{ width: grid.width * cellSize, height: grid.height * cellSize }}
      role={interactive ? 'application' : 'img'} aria-label={`${label}, ${grid.height}×${grid.width}${interactive ? `; arrow keys move the pointer${onPick ? ', Enter chooses' : ''}` : ''}`} data-testid={testId}
      tabIndex={interactive ? 0 : undefined} onKeyDown={onKey}
      onFocus={() => {
        setFocused(true);
        if (onPick && !controlled && !own) setOwn(centre);
      }}
      onBlur={() => setFocused(false)}
      onPointerMove={onCursor ? (e) => onCursor(cellAt(e)) : undefined}
      onClick={onPick ? (e) => {
        const picked = cellAt(e);
        if (picked) onPick(picked);
      } : undefined}>
      <canvas ref={canvas} className="heatmap__canvas" />
      <canvas ref={overlay} className="heatmap__canvas heatmap__mask" aria-hidden="true" />
      {outline && <div className="heatmap__outline" style={box(outline)} />}
      {cursor && <div className="heatmap__cursor" style={box({ top: cursor.y, left: cursor.x, height: 1, width: 1 })} />}
      {interactive && <span className="visually-hidden" aria-live="polite">{spoken}</span>}
    </div>
  );
}

/** The cell size that fits a grid of `cells` across `room` CSS pixels, between 1 and 16. */
export function fitCell(cells: number, room: number): number {
  return Math.max(1, Math.min(16, Math.floor(room / Math.max(1, cells))));
}
