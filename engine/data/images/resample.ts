/**
 * Scaling an RGBA image to the network's input size, as channel planes of
 * bytes (CHW). Each output pixel averages the source area it covers, weighted
 * by overlap, which neither aliases when shrinking nor blurs much when growing.
 * Transparent pixels are laid over black, the background byte of every set.
 */
import type { RgbaImage } from './decodeImage';

export function resampleToPlanes(image: RgbaImage, height: number, width: number, color: boolean, out: Uint8Array, offset: number): void {
  const scaleY = image.height / height;
  const scaleX = image.width / width;
  for (let oy = 0; oy < height; oy++) {
    const y0 = oy * scaleY;
    const y1 = y0 + scaleY;
    for (let ox = 0; ox < width; ox++) {
      const x0 = ox * scaleX;
      const x1 = x0 + scaleX;
      let r = 0, g = 0, b = 0, total = 0;
      for (let sy = Math.floor(y0); sy < Math.min(Math.ceil(y1), image.height); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.min(Math.ceil(x1), image.width); sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const p = (sy * image.width + sx) * 4;
          const alpha = (image.rgba[p + 3] as number) / 255;
          r += w * alpha * (image.rgba[p] as number);
          g += w * alpha * (image.rgba[p + 1] as number);
          b += w * alpha * (image.rgba[p + 2] as number);
          total += w;
        }
      }
      const at = oy * width + ox;
      if (color) {
        out[offset + at] = Math.round(r / total);
        out[offset + height * width + at] = Math.round(g / total);
        out[offset + 2 * height * width + at] = Math.round(b / total);
      } else {
        // ITU-R BT.601 luma
        out[offset + at] = Math.round((0.299 * r + 0.587 * g + 0.114 * b) / total);
      }
    }
  }
}
