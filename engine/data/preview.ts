/**
 * A labelled grid of samples, one row per class, as an RGB image: what
 * `convstudio datasets preview` writes and the app's data-set picker shows.
 */
import type { Dataset, DataSplit } from './dataset';
import { GLYPH_HEIGHT, GLYPH_WIDTH, drawText } from './pixelFont';

export interface RgbImage {
  width: number;
  height: number;
  /** width × height × 3 bytes. */
  rgb: Uint8Array;
}

export function previewGrid(dataset: Dataset, split: DataSplit, perClass = 8, scale = 2): RgbImage {
  const [channels, h, w] = dataset.inputShape;
  const textScale = 2;
  const gap = 4;
  const labelWidth = Math.max(...dataset.classNames.map((name) => name.length)) * (GLYPH_WIDTH + 1) * textScale + 2 * gap;
  const cell = Math.max(h * scale, GLYPH_HEIGHT * textScale) + gap;
  const width = labelWidth + perClass * (w * scale + gap) + gap;
  const height = dataset.classNames.length * cell + gap;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const put = (x: number, y: number, r: number, g: number, b: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    rgb.set([r, g, b], (y * width + x) * 3);
  };

  const size = channels * h * w;
  dataset.classNames.forEach((name, label) => {
    const top = gap + label * cell;
    drawText(name, (x, y) => {
      for (let dy = 0; dy < textScale; dy++) for (let dx = 0; dx < textScale; dx++) put(gap + x * textScale + dx, top + (h * scale - GLYPH_HEIGHT * textScale) / 2 + y * textScale + dy, 20, 20, 20);
    });
    let shown = 0;
    for (let i = 0; i < split.count && shown < perClass; i++) {
      if (split.labels[i] !== label) continue;
      const left = labelWidth + shown * (w * scale + gap);
      for (let y = 0; y < h * scale; y++) {
        for (let x = 0; x < w * scale; x++) {
          const p = Math.floor(y / scale) * w + Math.floor(x / scale);
          const value = (c: number) => split.images[i * size + c * h * w + p] as number;
          if (channels === 3) put(left + x, top + y, value(0), value(1), value(2));
          else put(left + x, top + y, value(0), value(0), value(0));
        }
      }
      shown++;
    }
  });
  return { width, height, rgb };
}
