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

export function conv2d(x: Values, w: Values, info: ConvInfo, make: ValuesConstructor): Values {
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

export function conv2dBackwardFilter(x: Values, dy: Values, info: ConvInfo, make: ValuesConstructor): Values {
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
