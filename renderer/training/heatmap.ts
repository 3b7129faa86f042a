/** Paints a H×W plane of values as a heat map on a canvas, with a colour scale shared by the caller. */
export function paintHeatmap(canvas: HTMLCanvasElement, data: ArrayLike<number>, offset: number, height: number, width: number, low: number, high: number): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  canvas.width = width;
  canvas.height = height;
  const image = g.createImageData(width, height);
  const span = high - low || 1;
  for (let i = 0; i < height * width; i++) {
    const t = Math.min(1, Math.max(0, ((data[offset + i] as number) - low) / span));
    // Dark blue through teal to yellow (perceptually ordered, readable on a projector).
    image.data.set([Math.round(255 * Math.min(1, 2 * t * t)), Math.round(40 + 200 * t), Math.round(120 * (1 - t) + 40), 255], i * 4);
  }
  g.putImageData(image, 0, 0);
}
