/**
 * The 2D context of a small canvas that is repainted often (heat maps, bars, thumbnails). Kept in
 * CPU memory (`willReadFrequently`): with dozens of them on the canvas, GPU-backed contexts made
 * Chromium wait on the GPU for up to 200 ms in one task (SwiftShader, measured with the live strips),
 * and a few hundred pixels are quicker to draw without a GPU anyway. The first getContext call fixes
 * the options, so every painter of these canvases goes through here.
 */
export function smallCanvasContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return canvas.getContext('2d', { willReadFrequently: true });
}

/** Paints a H×W plane of values as a heat map on a canvas, with a colour scale shared by the caller. */
export function paintHeatmap(canvas: HTMLCanvasElement, data: ArrayLike<number>, offset: number, height: number, width: number, low: number, high: number): void {
  const g = smallCanvasContext(canvas);
  if (!g) return;
  // Resizing a canvas reallocates and clears it: only when the size changes (the live strips repaint
  // the same canvases a few times a second, and putImageData below covers every pixel anyway).
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const image = g.createImageData(width, height);
  const span = high - low || 1;
  for (let i = 0; i < height * width; i++) {
    const t = Math.min(1, Math.max(0, ((data[offset + i] as number) - low) / span));
    // Dark blue through teal to yellow (perceptually ordered, readable on a projector).
    const p = i * 4;
    image.data[p] = Math.round(255 * Math.min(1, 2 * t * t));
    image.data[p + 1] = Math.round(40 + 200 * t);
    image.data[p + 2] = Math.round(120 * (1 - t) + 40);
    image.data[p + 3] = 255;
  }
  g.putImageData(image, 0, 0);
}

/** The lowest and highest value, for one colour scale over all of a node's maps (without spreading a large array). */
export function valueRange(data: ArrayLike<number>): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return low <= high ? { low, high } : { low: 0, high: 0 };
}

/** The largest magnitude in `data` (at least `floor`), in a loop: spreading a big tensor into Math.max overflows the stack. */
export function maxMagnitude(data: ArrayLike<number>, floor = 1e-9): number {
  const { low, high } = valueRange(data);
  return Math.max(floor, Math.abs(low), Math.abs(high));
}
