/** One data-set image (bytes, C×H×W: grey or RGB) drawn at its own resolution; CSS scales it up with crisp pixels. */
import { useEffect, useRef } from 'react';
import { smallCanvasContext } from './heatmap';

/** `className`: another size than the panel's thumbnail (the canvas strips draw it smaller). */
export function ImageThumb({ bytes, shape, label, className = 'thumb' }: { bytes: Uint8Array; shape: readonly number[]; label: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [channels = 1, height = 0, width = 0] = shape.length === 3 ? shape : [1, 0, 0];
  useEffect(() => {
    const c = canvas.current;
    const g = c ? smallCanvasContext(c) : null;
    if (!c || !g || height === 0) return;
    if (c.width !== width) c.width = width;
    if (c.height !== height) c.height = height;
    const image = g.createImageData(width, height);
    const plane = height * width;
    for (let i = 0; i < plane; i++) {
      const r = bytes[i] ?? 0;
      const p = i * 4;
      image.data[p] = r;
      image.data[p + 1] = channels >= 3 ? (bytes[plane + i] ?? 0) : r;
      image.data[p + 2] = channels >= 3 ? (bytes[2 * plane + i] ?? 0) : r;
      image.data[p + 3] = 255;
    }
    g.putImageData(image, 0, 0);
  }, [bytes, channels, height, width]);
  return <canvas ref={canvas} className={className} role="img" aria-label={label} />;
}
