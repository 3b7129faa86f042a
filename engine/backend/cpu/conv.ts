/**
 * Convolution with kernel sets, forward and both gradients, as plain loops.
 * Written for reading: each output is a dot product of a kernel with the
 * input window under it; the input gradient sends each output's gradient back
 * through the same kernel (the transposed convolution, W^T g); the filter
 * gradient collects input × output-gradient over the positions sharing a kernel.
 */
import type { ConvInfo } from '../convInfo';
import type { Values, ValuesConstructor } from './cpuTensor';

/** Index of the first weight of kernel set (oy mod tilesH, ox mod tilesW), output channel oc. */
function kernelOffset(info: ConvInfo, oy: number, ox: number, oc: number): number {
  const set = (oy % info.tilesH) * info.tilesW + (ox % info.tilesW);
  return (set * info.outC + oc) * info.inC * info.kH * info.kW;
}

/**
 * Convolution with one shared kernel set (ordinary conv2d) runs as a matrix
 * product, the way the lecture writes it (the Toeplitz matrix W): unroll
 * every input window into a row of `windows` (im2row), then each output is
 * a dot product of a kernel with a window, both read in order. Eight (then
 * four, two) output channels share each window read. Kernel sets that change with position
 * (tiled, locally connected) use the direct loops further down.
 */
export function isShared(info: ConvInfo): boolean {
  return info.tilesH === 1 && info.tilesW === 1;
}

/** The input windows, one after another: window (n, oy, ox) holds (ic, ky, kx); zero where it covers padding. */
export function im2row(x: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const rows = inC * kH * kW;
  const windows = new make(batch * outH * outW * rows);
  let at = 0;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ic = 0; ic < inC; ic++) {
          const plane = (n * inC + ic) * inH * inW;
          for (let ky = 0; ky < kH; ky++) {
            const iy = oy * strideH - padTop + ky;
            for (let kx = 0; kx < kW; kx++, at++) {
              const ix = ox * strideW - padLeft + kx;
              if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) windows[at] = x[plane + iy * inW + ix] as number;
            }
          }
        }
      }
    }
  }
  return windows;
}

export function conv2dShared(windows: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, outC, outH, outW } = info;
  const rows = info.inC * info.kH * info.kW;
  const positions = outH * outW;
  const y = new make(batch * outC * positions);
  for (let column = 0; column < batch * positions; column++) {
    const window = column * rows;
    const n = Math.floor(column / positions);
    const out = n * outC * positions + (column - n * positions);
    let oc = 0;
    for (; oc + 8 <= outC; oc += 8) {
      const k0 = oc * rows;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let r = 0; r < rows; r++) {
        const v = windows[window + r] as number;
        const k = k0 + r;
        s0 += (w[k] as number) * v;
        s1 += (w[k + rows] as number) * v;
        s2 += (w[k + 2 * rows] as number) * v;
        s3 += (w[k + 3 * rows] as number) * v;
        s4 += (w[k + 4 * rows] as number) * v;
        s5 += (w[k + 5 * rows] as number) * v;
        s6 += (w[k + 6 * rows] as number) * v;
        s7 += (w[k + 7 * rows] as number) * v;
      }
      const o = out + oc * positions;
      y[o] = s0;
      y[o + positions] = s1;
      y[o + 2 * positions] = s2;
      y[o + 3 * positions] = s3;
      y[o + 4 * positions] = s4;
      y[o + 5 * positions] = s5;
      y[o + 6 * positions] = s6;
      y[o + 7 * positions] = s7;
    }
    for (; oc + 4 <= outC; oc += 4) {
      const k0 = oc * rows;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < rows; r++) {
        const v = windows[window + r] as number;
        s0 += (w[k0 + r] as number) * v;
        s1 += (w[k0 + rows + r] as number) * v;
        s2 += (w[k0 + 2 * rows + r] as number) * v;
        s3 += (w[k0 + 3 * rows + r] as number) * v;
      }
      y[out + oc * positions] = s0;
      y[out + (oc + 1) * positions] = s1;
      y[out + (oc + 2) * positions] = s2;
      y[out + (oc + 3) * positions] = s3;
    }
    for (; oc + 2 <= outC; oc += 2) {
      const k0 = oc * rows;
      let s0 = 0, s1 = 0;
      for (let r = 0; r < rows; r++) {
        const v = windows[window + r] as number;
        s0 += (w[k0 + r] as number) * v;
        s1 += (w[k0 + rows + r] as number) * v;
      }
      y[out + oc * positions] = s0;
      y[out + (oc + 1) * positions] = s1;
    }
    for (; oc < outC; oc++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += (w[oc * rows + r] as number) * (windows[window + r] as number);
      y[out + oc * positions] = sum;
    }
  }
  return y;
}

/** dw[oc][r] = Σ over windows of dy · window[r], skipping the many zero gradients (after ReLU and max pooling). */
export function conv2dBackwardFilterShared(windows: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, outC, outH, outW } = info;
  const rows = info.inC * info.kH * info.kW;
  const positions = outH * outW;
  const dw = new Float64Array(outC * rows);
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) {
      const dyPlane = (n * outC + oc) * positions;
      const out = oc * rows;
      for (let p = 0; p < positions; p++) {
        const g = dy[dyPlane + p] as number;
        if (g === 0) continue;
        const window = (n * positions + p) * rows;
        for (let r = 0; r < rows; r++) dw[out + r] = (dw[out + r] as number) + g * (windows[window + r] as number);
      }
    }
  }
  return make.from(dw);
}

/**
 * The input gradient for one shared kernel set: for each output position, the
 * gradient of its window (Σ over output channels of dy · kernel, a row of
 * Wᵀg), then added back onto the input pixels the window covered (the
 * reverse of im2row). Same products as the direct loop, with the bounds
 * checks done once per window instead of once per output channel.
 */
export function conv2dBackwardInputShared(dy: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const rows = inC * kH * kW;
  const positions = outH * outW;
  const dx = new make(batch * inC * inH * inW);
  const windowGrad = new Float64Array(rows);
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const position = oy * outW + ox;
        windowGrad.fill(0);
        let any = false;
        for (let oc = 0; oc < outC; oc++) {
          const g = dy[(n * outC + oc) * positions + position] as number;
          if (g === 0) continue;
          any = true;
          const k0 = oc * rows;
          for (let r = 0; r < rows; r++) windowGrad[r] = (windowGrad[r] as number) + g * (w[k0 + r] as number);
        }
        if (!any) continue;
        let r = 0;
        for (let ic = 0; ic < inC; ic++) {
          const plane = (n * inC + ic) * inH * inW;
          for (let ky = 0; ky < kH; ky++) {
            const iy = oy * strideH - padTop + ky;
            for (let kx = 0; kx < kW; kx++, r++) {
              const ix = ox * strideW - padLeft + kx;
              if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                const i = plane + iy * inW + ix;
                dx[i] = (dx[i] as number) + (windowGrad[r] as number);
              }
            }
          }
        }
      }
    }
  }
  return dx;
}

/** One dot product per output, the kernel set chosen by the output's position. */
export function conv2dDirect(x: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const y = new make(batch * outC * outH * outW);
  let out = 0;
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const k0 = kernelOffset(info, oy, ox, oc);
          let acc = 0;
          for (let ic = 0; ic < inC; ic++) {
            const xPlane = (n * inC + ic) * inH * inW;
            const kPlane = k0 + ic * kH * kW;
            for (let ky = 0; ky < kH; ky++) {
              const iy = oy * strideH - padTop + ky;
              if (iy < 0 || iy >= inH) continue; // zero padding
              for (let kx = 0; kx < kW; kx++) {
                const ix = ox * strideW - padLeft + kx;
                if (ix < 0 || ix >= inW) continue;
                acc += (x[xPlane + iy * inW + ix] as number) * (w[kPlane + ky * kW + kx] as number);
              }
            }
          }
          y[out++] = acc;
        }
      }
    }
  }
  return y;
}

export function conv2dBackwardInput(dy: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const dx = new make(batch * inC * inH * inW);
  let out = 0;
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const g = dy[out++] as number;
          if (g === 0) continue;
          const k0 = kernelOffset(info, oy, ox, oc);
          for (let ic = 0; ic < inC; ic++) {
            const xPlane = (n * inC + ic) * inH * inW;
            const kPlane = k0 + ic * kH * kW;
            for (let ky = 0; ky < kH; ky++) {
              const iy = oy * strideH - padTop + ky;
              if (iy < 0 || iy >= inH) continue;
              for (let kx = 0; kx < kW; kx++) {
                const ix = ox * strideW - padLeft + kx;
                if (ix < 0 || ix >= inW) continue;
                const i = xPlane + iy * inW + ix;
                dx[i] = (dx[i] as number) + g * (w[kPlane + ky * kW + kx] as number);
              }
            }
          }
        }
      }
    }
  }
  return dx;
}

/** dL/dw for kernel sets that change with position: summed over the batch and the positions sharing each set. */
export function conv2dBackwardFilterDirect(x: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padTop, padLeft, tilesH, tilesW } = info;
  const dw = new make(tilesH * tilesW * outC * inC * kH * kW);
  let out = 0;
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const g = dy[out++] as number;
          if (g === 0) continue;
          const k0 = kernelOffset(info, oy, ox, oc);
          for (let ic = 0; ic < inC; ic++) {
            const xPlane = (n * inC + ic) * inH * inW;
            const kPlane = k0 + ic * kH * kW;
            for (let ky = 0; ky < kH; ky++) {
              const iy = oy * strideH - padTop + ky;
              if (iy < 0 || iy >= inH) continue;
              for (let kx = 0; kx < kW; kx++) {
                const ix = ox * strideW - padLeft + kx;
                if (ix < 0 || ix >= inW) continue;
                const k = kPlane + ky * kW + kx;
                dw[k] = (dw[k] as number) + g * (x[xPlane + iy * inW + ix] as number);
              }
            }
          }
        }
      }
    }
  }
  return dw;
}
