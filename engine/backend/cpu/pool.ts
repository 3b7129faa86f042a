/**
 * Max and average pooling. Padding is never a candidate: max pooling ignores
 * padded positions, and average pooling divides by the real inputs in the
 * window (PyTorch's count_include_pad=False, TensorFlow's "same" behaviour).
 */
import type { PoolInfo } from '../convInfo';
import type { Values, ValuesConstructor } from './cpuTensor';

/** The real input range of window (oy, ox), clipped to the image. */
function windowBounds(info: PoolInfo, oy: number, ox: number) {
  const y0 = oy * info.strideH - info.padTop;
  const x0 = ox * info.strideW - info.padLeft;
  return {
    yStart: Math.max(y0, 0),
    yEnd: Math.min(y0 + info.kH, info.inH),
    xStart: Math.max(x0, 0),
    xEnd: Math.min(x0 + info.kW, info.inW),
  };
}

/** Argmax indices are float64: exact far beyond any tensor size, and a tensor the backend can hold as it is. */
export function maxPool(x: Values, info: PoolInfo, make: ValuesConstructor): { y: Values; argmax: Float64Array } {
  const { batch, inC, inH, inW, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const y = new make(batch * inC * outH * outW);
  const argmax = new Float64Array(y.length);
  let out = 0;
  for (let plane = 0; plane < batch * inC; plane++) {
    const base = plane * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      const yStart = Math.max(y0, 0);
      const yEnd = Math.min(y0 + kH, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - padLeft;
        const xStart = Math.max(x0, 0);
        const xEnd = Math.min(x0 + kW, inW);
        let best = -Infinity;
        let bestIndex = -1;
        for (let iy = yStart; iy < yEnd; iy++) {
          for (let ix = xStart; ix < xEnd; ix++) {
            const i = base + iy * inW + ix;
            const v = x[i] as number;
            // The first maximum wins ties, as in PyTorch; a NaN wins and stays (v !== v is NaN).
            if (v > best || bestIndex < 0 || (v !== v && best === best)) {
              best = v;
              bestIndex = i;
            }
          }
        }
        y[out] = bestIndex < 0 ? 0 : best;
        argmax[out++] = bestIndex;
      }
    }
  }
  return { y, argmax };
}

export function maxPoolBackward(dy: Values, argmax: ArrayLike<number>, inputSize: number, make: ValuesConstructor): Values {
  const dx = new make(inputSize);
  for (let o = 0; o < dy.length; o++) {
    const i = argmax[o] as number;
    if (i >= 0) dx[i] = (dx[i] as number) + (dy[o] as number);
  }
  return dx;
}

export function avgPool(x: Values, info: PoolInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outH, outW } = info;
  const y = new make(batch * inC * outH * outW);
  let out = 0;
  for (let plane = 0; plane < batch * inC; plane++) {
    const base = plane * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const b = windowBounds(info, oy, ox);
        let acc = 0;
        for (let iy = b.yStart; iy < b.yEnd; iy++) {
          for (let ix = b.xStart; ix < b.xEnd; ix++) acc += x[base + iy * inW + ix] as number;
        }
        const count = (b.yEnd - b.yStart) * (b.xEnd - b.xStart);
        y[out++] = count > 0 ? acc / count : 0;
      }
    }
  }
  return y;
}

export function avgPoolBackward(dy: Values, info: PoolInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outH, outW } = info;
  const dx = new make(batch * inC * inH * inW);
  let out = 0;
  for (let plane = 0; plane < batch * inC; plane++) {
    const base = plane * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const b = windowBounds(info, oy, ox);
        const count = (b.yEnd - b.yStart) * (b.xEnd - b.xStart);
        const g = count > 0 ? (dy[out] as number) / count : 0;
        out++;
        for (let iy = b.yStart; iy < b.yEnd; iy++) {
          for (let ix = b.xStart; ix < b.xEnd; ix++) {
            const i = base + iy * inW + ix;
            dx[i] = (dx[i] as number) + g;
          }
        }
      }
    }
  }
  return dx;
}
