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
 * Convolution forward. With one shared kernel set (ordinary conv2d) it runs
 * as a matrix product, the way the lecture writes it: unroll every input
 * window into a column (im2col), then W · columns; the long, in-order inner
 * loop is several times faster than one dot product per output. Kernel sets
 * that change with position (tiled, locally connected) take the direct loops.
 */
export function conv2d(x: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  return info.tilesH === 1 && info.tilesW === 1 ? conv2dAsMatmul(x, w, info, make) : conv2dDirect(x, w, info, make);
}

/** The input windows as columns: row (ic, ky, kx), column (n, oy, ox); zero where a window covers padding. */
export function im2col(x: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, inC, inH, inW, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const columns = batch * outH * outW;
  const patches = new make(inC * kH * kW * columns);
  for (let ic = 0; ic < inC; ic++) {
    for (let ky = 0; ky < kH; ky++) {
      for (let kx = 0; kx < kW; kx++) {
        const rowStart = ((ic * kH + ky) * kW + kx) * columns;
        for (let n = 0; n < batch; n++) {
          const plane = (n * inC + ic) * inH * inW;
          for (let oy = 0; oy < outH; oy++) {
            const iy = oy * strideH - padTop + ky;
            if (iy < 0 || iy >= inH) continue;
            const column = rowStart + (n * outH + oy) * outW;
            for (let ox = 0; ox < outW; ox++) {
              const ix = ox * strideW - padLeft + kx;
              if (ix >= 0 && ix < inW) patches[column + ox] = x[plane + iy * inW + ix] as number;
            }
          }
        }
      }
    }
  }
  return patches;
}

function conv2dAsMatmul(x: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, outC, outH, outW } = info;
  const rows = info.inC * info.kH * info.kW;
  const positions = outH * outW;
  const columns = batch * positions;
  const patches = im2col(x, info, make);
  // product[oc][column] = Σ_r w[oc][r] · patches[r][column]. Four output channels
  // and two patch rows at a time: each product value is read and written once
  // per two multiply-adds, each patch value loaded once per four.
  const product = new make(outC * columns);
  let oc = 0;
  for (; oc + 4 <= outC; oc += 4) {
    const [o0, o1, o2, o3] = [oc * columns, (oc + 1) * columns, (oc + 2) * columns, (oc + 3) * columns];
    const weight = (channel: number, r: number) => (r < rows ? (w[(oc + channel) * rows + r] as number) : 0);
    for (let r = 0; r < rows; r += 2) {
      const [a0, a1, a2, a3] = [weight(0, r), weight(1, r), weight(2, r), weight(3, r)];
      const [b0, b1, b2, b3] = [weight(0, r + 1), weight(1, r + 1), weight(2, r + 1), weight(3, r + 1)];
      const rowA = r * columns;
      const rowB = r + 1 < rows ? rowA + columns : rowA; // an odd last row pairs with itself at weight 0
      for (let c = 0; c < columns; c++) {
        const u = patches[rowA + c] as number;
        const v = patches[rowB + c] as number;
        product[o0 + c] = (product[o0 + c] as number) + a0 * u + b0 * v;
        product[o1 + c] = (product[o1 + c] as number) + a1 * u + b1 * v;
        product[o2 + c] = (product[o2 + c] as number) + a2 * u + b2 * v;
        product[o3 + c] = (product[o3 + c] as number) + a3 * u + b3 * v;
      }
    }
  }
  for (; oc < outC; oc++) {
    for (let r = 0; r < rows; r++) {
      const weight = w[oc * rows + r] as number;
      const patchRow = r * columns;
      for (let c = 0; c < columns; c++) product[oc * columns + c] = (product[oc * columns + c] as number) + weight * (patches[patchRow + c] as number);
    }
  }
  // Columns run (n, oy, ox); the output is NCHW.
  const y = new make(batch * outC * positions);
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) y.set(product.subarray(oc * columns + n * positions, oc * columns + (n + 1) * positions), (n * outC + oc) * positions);
  }
  return y;
}

/** One dot product per output, the kernel set chosen by the output's position. */
function conv2dDirect(x: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
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

/**
 * dL/dw. With one shared kernel set it is again a matrix product, with the
 * same unrolled windows as the forward pass: dw[oc][r] = Σ_columns dy[oc][column] · patches[r][column],
 * taken column by column so the many zero gradients cost nothing.
 */
export function conv2dBackwardFilter(x: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
  return info.tilesH === 1 && info.tilesW === 1 ? conv2dBackwardFilterAsMatmul(x, dy, info, make) : conv2dBackwardFilterDirect(x, dy, info, make);
}

function conv2dBackwardFilterAsMatmul(x: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
  const { batch, outC, outH, outW } = info;
  const rows = info.inC * info.kH * info.kW;
  const positions = outH * outW;
  const columns = batch * positions;
  const patches = im2col(x, info, make);
  // Windows one after another ([column][r]), so each nonzero gradient adds one contiguous window.
  const windows = new make(columns * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) windows[c * rows + r] = patches[r * columns + c] as number;
  const dw = new Float64Array(outC * rows);
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outC; oc++) {
      const dyPlane = (n * outC + oc) * positions;
      const out = oc * rows;
      for (let p = 0; p < positions; p++) {
        const g = dy[dyPlane + p] as number;
        if (g === 0) continue; // after ReLU and max pooling most gradients are zero
        const window = (n * positions + p) * rows;
        for (let r = 0; r < rows; r++) dw[out + r] = (dw[out + r] as number) + g * (windows[window + r] as number);
      }
    }
  }
  return make.from(dw);
}

function conv2dBackwardFilterDirect(x: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
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
