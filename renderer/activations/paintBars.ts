/**
 * Paints a vector (a dense or softmax node's output) as a small bar chart on
 * one canvas: positive values rise from the zero line in blue, negative ones
 * hang below it in orange, all on one scale (the largest magnitude of the
 * whole vector, so the bars shown compare with those left out).
 */
import { smallCanvasContext } from '../training/heatmap';

export const BAR_WIDTH = 3;
export const BAR_GAP = 1;
export const BARS_HEIGHT = 28;

const POSITIVE = '#3b7ddd';
const NEGATIVE = '#e8833a';
const ZERO_LINE = 'rgba(128, 128, 128, 0.6)';

export function paintBars(canvas: HTMLCanvasElement, data: ArrayLike<number>, count: number): void {
  const g = smallCanvasContext(canvas);
  if (!g) return;
  const width = count * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== BARS_HEIGHT) canvas.height = BARS_HEIGHT;
  let largest = 1e-9;
  let anyNegative = false;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (Math.abs(v) > largest) largest = Math.abs(v);
    if (i < count && v < 0) anyNegative = true;
  }
  // All positive (softmax, ReLU): the zero line at the bottom, so bars use the full height.
  const zero = anyNegative ? BARS_HEIGHT / 2 : BARS_HEIGHT - 1;
  const room = anyNegative ? BARS_HEIGHT / 2 - 1 : BARS_HEIGHT - 1;
  g.clearRect(0, 0, width, BARS_HEIGHT);
  g.fillStyle = ZERO_LINE;
  g.fillRect(0, zero, width, 1);
  for (let i = 0; i < count; i++) {
    const v = data[i] as number;
    const length = Number.isFinite(v) ? Math.max(v === 0 ? 0 : 1, Math.round((Math.abs(v) / largest) * room)) : 0;
    g.fillStyle = v < 0 ? NEGATIVE : POSITIVE;
    const x = i * (BAR_WIDTH + BAR_GAP);
    if (v < 0) g.fillRect(x, zero + 1, BAR_WIDTH, length);
    else g.fillRect(x, zero - length, BAR_WIDTH, length);
  }
}
