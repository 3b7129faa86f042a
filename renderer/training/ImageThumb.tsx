/** One data-set image (bytes, C×H×W: grey or RGB) drawn at its own resolution; CSS scales it up with crisp pixels. */
import { useEffect, useRef } from 'react';

export function ImageThumb({ bytes, shape, label }: { bytes: Uint8Array; shape: readonly number[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [channels = 1, height = 0, width = 0] = shape.length === 3 ? shape : [1, 0, 0];
  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g || height === 0) return;
    c.width = width;
    c.height = height;
    const image = g.createImageData(width, height);
    const plane = height * width;
    for (let i = 0; i < plane; i++) {
      const r = bytes[i] ?? 0;
      const [gr, b] = channels >= 3 ? [bytes[plane + i] ?? 0, bytes[2 * plane + i] ?? 0] : [r, r];
      image.data.set([r, gr, b, 255], i * 4);
    }
    g.putImageData(image, 0, 0);
  }, [bytes, channels, height, width]);
  return <canvas ref={canvas} className="thumb" role="img" aria-label={label} />;
}
