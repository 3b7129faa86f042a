/**
 * The GPU.js kernels, one function per primitive. gpu.js transpiles each
 * function's source to WebAssembly, GLSL or JavaScript, so they follow its
 * rules: flat 1-D outputs indexed by `this.thread.x` (NCHW index math done
 * by hand), sizes as `this.constants` (loop bounds must be constants, never
 * arguments, which gpu.js silently caps), no closures, no local arrays, and
 * every read guarded, because WebAssembly does not check bounds.
 *
 * Plain JavaScript on purpose: gpu.js parses these functions' source text,
 * and TypeScript's strict indexing would only add casts it cannot read.
 * scalar.d.ts gives their types.
 */

// ---- convolution with kernel sets ----------------------------------------

export function convForward(x, w) {
  const i = this.thread.x;
  const ox = i % this.constants.outW;
  const oy = Math.floor(i / this.constants.outW) % this.constants.outH;
  const oc = Math.floor(i / (this.constants.outW * this.constants.outH)) % this.constants.outC;
  const n = Math.floor(i / (this.constants.outW * this.constants.outH * this.constants.outC));
  const kernelSet = (oy % this.constants.tilesH) * this.constants.tilesW + (ox % this.constants.tilesW);
  const k0 = (kernelSet * this.constants.outC + oc) * this.constants.inC * this.constants.kH * this.constants.kW;
  let sum = 0;
  for (let ic = 0; ic < this.constants.inC; ic++) {
    for (let ky = 0; ky < this.constants.kH; ky++) {
      const iy = oy * this.constants.strideH - this.constants.padTop + ky;
      if (iy >= 0 && iy < this.constants.inH) {
        for (let kx = 0; kx < this.constants.kW; kx++) {
          const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
          if (ix >= 0 && ix < this.constants.inW) {
            sum += x[((n * this.constants.inC + ic) * this.constants.inH + iy) * this.constants.inW + ix] * w[k0 + (ic * this.constants.kH + ky) * this.constants.kW + kx];
          }
        }
      }
    }
  }
  return sum;
}

/** The transposed convolution: each input pixel gathers the output gradients whose windows covered it. */
export function convBackwardInput(dy, w) {
  const i = this.thread.x;
  const ix = i % this.constants.inW;
  const iy = Math.floor(i / this.constants.inW) % this.constants.inH;
  const ic = Math.floor(i / (this.constants.inW * this.constants.inH)) % this.constants.inC;
  const n = Math.floor(i / (this.constants.inW * this.constants.inH * this.constants.inC));
  let sum = 0;
  for (let oc = 0; oc < this.constants.outC; oc++) {
    for (let ky = 0; ky < this.constants.kH; ky++) {
      const oyScaled = iy + this.constants.padTop - ky;
      const oy = Math.floor(oyScaled / this.constants.strideH);
      if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
        for (let kx = 0; kx < this.constants.kW; kx++) {
          const oxScaled = ix + this.constants.padLeft - kx;
          const ox = Math.floor(oxScaled / this.constants.strideW);
          if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
            const kernelSet = (oy % this.constants.tilesH) * this.constants.tilesW + (ox % this.constants.tilesW);
            sum +=
              dy[((n * this.constants.outC + oc) * this.constants.outH + oy) * this.constants.outW + ox] *
              w[(((kernelSet * this.constants.outC + oc) * this.constants.inC + ic) * this.constants.kH + ky) * this.constants.kW + kx];
          }
        }
      }
    }
  }
  return sum;
}

/** Each weight sums input × output gradient over the batch and the positions that use its kernel set. */
export function convBackwardFilter(x, dy) {
  const i = this.thread.x;
  const kx = i % this.constants.kW;
  const ky = Math.floor(i / this.constants.kW) % this.constants.kH;
  const ic = Math.floor(i / (this.constants.kW * this.constants.kH)) % this.constants.inC;
  const oc = Math.floor(i / (this.constants.kW * this.constants.kH * this.constants.inC)) % this.constants.outC;
  const kernelSet = Math.floor(i / (this.constants.kW * this.constants.kH * this.constants.inC * this.constants.outC));
  const setY = Math.floor(kernelSet / this.constants.tilesW);
  const setX = kernelSet % this.constants.tilesW;
  let sum = 0;
  for (let n = 0; n < this.constants.batch; n++) {
    for (let r = 0; r < this.constants.rowsPerSet; r++) {
      const oy = setY + r * this.constants.tilesH;
      const iy = oy * this.constants.strideH - this.constants.padTop + ky;
      if (oy < this.constants.outH && iy >= 0 && iy < this.constants.inH) {
        for (let c = 0; c < this.constants.colsPerSet; c++) {
          const ox = setX + c * this.constants.tilesW;
          const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
          if (ox < this.constants.outW && ix >= 0 && ix < this.constants.inW) {
            sum +=
              dy[((n * this.constants.outC + oc) * this.constants.outH + oy) * this.constants.outW + ox] *
              x[((n * this.constants.inC + ic) * this.constants.inH + iy) * this.constants.inW + ix];
          }
        }
      }
    }
  }
  return sum;
}

// ---- bias -----------------------------------------------------------------

export function addBias(y, b) {
  const i = this.thread.x;
  return y[i] + b[Math.floor((i % this.constants.perSample) / this.constants.positions)];
}

export function biasGradient(dy) {
  const j = this.thread.x;
  let sum = 0;
  for (let n = 0; n < this.constants.batch; n++) {
    for (let p = 0; p < this.constants.positions; p++) sum += dy[n * this.constants.perSample + j * this.constants.positions + p];
  }
  return sum;
}

// ---- pooling (padding is never a candidate) --------------------------------

/** Flat input index of each window's maximum, −1 for a window over padding only; the first maximum wins ties. */
export function maxPoolArgmax(x) {
  const i = this.thread.x;
  const ox = i % this.constants.outW;
  const oy = Math.floor(i / this.constants.outW) % this.constants.outH;
  const plane = Math.floor(i / (this.constants.outW * this.constants.outH));
  let best = 0;
  let bestIndex = -1;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const iy = oy * this.constants.strideH - this.constants.padTop + ky;
    if (iy >= 0 && iy < this.constants.inH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
        if (ix >= 0 && ix < this.constants.inW) {
          const index = (plane * this.constants.inH + iy) * this.constants.inW + ix;
          const v = x[index];
          if (bestIndex < 0 || v > best) {
            best = v;
            bestIndex = index;
          }
        }
      }
    }
  }
  return bestIndex;
}

export function gatherByIndex(x, index) {
  const k = index[this.thread.x];
  return k < 0 ? 0 : x[k];
}

export function maxPoolBackward(dy, argmax) {
  const i = this.thread.x;
  const ix = i % this.constants.inW;
  const iy = Math.floor(i / this.constants.inW) % this.constants.inH;
  const plane = Math.floor(i / (this.constants.inW * this.constants.inH));
  let sum = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const oyScaled = iy + this.constants.padTop - ky;
    const oy = Math.floor(oyScaled / this.constants.strideH);
    if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const oxScaled = ix + this.constants.padLeft - kx;
        const ox = Math.floor(oxScaled / this.constants.strideW);
        if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
          const o = (plane * this.constants.outH + oy) * this.constants.outW + ox;
          if (argmax[o] === i) sum += dy[o];
        }
      }
    }
  }
  return sum;
}

export function avgPoolForward(x) {
  const i = this.thread.x;
  const ox = i % this.constants.outW;
  const oy = Math.floor(i / this.constants.outW) % this.constants.outH;
  const plane = Math.floor(i / (this.constants.outW * this.constants.outH));
  let sum = 0;
  let count = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const iy = oy * this.constants.strideH - this.constants.padTop + ky;
    if (iy >= 0 && iy < this.constants.inH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
        if (ix >= 0 && ix < this.constants.inW) {
          sum += x[(plane * this.constants.inH + iy) * this.constants.inW + ix];
          count += 1;
        }
      }
    }
  }
  return count > 0 ? sum / count : 0;
}

export function avgPoolBackward(dy) {
  const i = this.thread.x;
  const ix = i % this.constants.inW;
  const iy = Math.floor(i / this.constants.inW) % this.constants.inH;
  const plane = Math.floor(i / (this.constants.inW * this.constants.inH));
  let sum = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const oyScaled = iy + this.constants.padTop - ky;
    const oy = Math.floor(oyScaled / this.constants.strideH);
    if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const oxScaled = ix + this.constants.padLeft - kx;
        const ox = Math.floor(oxScaled / this.constants.strideW);
        if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
          // The number of real pixels in window (oy, ox), which its average divided by.
          const y0 = oy * this.constants.strideH - this.constants.padTop;
          const x0 = ox * this.constants.strideW - this.constants.padLeft;
          const rows = Math.min(y0 + this.constants.kH, this.constants.inH) - Math.max(y0, 0);
          const cols = Math.min(x0 + this.constants.kW, this.constants.inW) - Math.max(x0, 0);
          sum += dy[(plane * this.constants.outH + oy) * this.constants.outW + ox] / (rows * cols);
        }
      }
    }
  }
  return sum;
}

// ---- dense ----------------------------------------------------------------

/** (m × k)·(k × n), either side optionally transposed as stored (flags are constants 0 / 1). */
export function matmul(a, b) {
  const row = Math.floor(this.thread.x / this.constants.n);
  const col = this.thread.x % this.constants.n;
  let sum = 0;
  for (let p = 0; p < this.constants.k; p++) {
    const av = this.constants.transposeA > 0 ? a[p * this.constants.aCols + row] : a[row * this.constants.aCols + p];
    const bv = this.constants.transposeB > 0 ? b[col * this.constants.bCols + p] : b[p * this.constants.bCols + col];
    sum += av * bv;
  }
  return sum;
}

// ---- element-wise ---------------------------------------------------------

export function relu(x) {
  return Math.max(x[this.thread.x], 0);
}
export function leakyRelu(x, alpha) {
  const v = x[this.thread.x];
  return v > 0 ? v : alpha * v;
}
export function sigmoid(x) {
  return 1 / (1 + Math.exp(-x[this.thread.x]));
}
export function tanh(x) {
  return Math.tanh(x[this.thread.x]);
}
export function reluBackward(x, dy) {
  return x[this.thread.x] > 0 ? dy[this.thread.x] : 0;
}
export function leakyReluBackward(x, dy, alpha) {
  return x[this.thread.x] > 0 ? dy[this.thread.x] : alpha * dy[this.thread.x];
}
export function sigmoidBackward(y, dy) {
  const v = y[this.thread.x];
  return dy[this.thread.x] * v * (1 - v);
}
export function tanhBackward(y, dy) {
  const v = y[this.thread.x];
  return dy[this.thread.x] * (1 - v * v);
}
export function add(a, b) {
  return a[this.thread.x] + b[this.thread.x];
}
export function multiply(a, b) {
  return a[this.thread.x] * b[this.thread.x];
}

// ---- channels -------------------------------------------------------------

/** [N, Ca, …] and [N, Cb, …] joined along channels; `inner` is the size of one channel. */
export function concatPair(a, b) {
  const perSample = (this.constants.channelsA + this.constants.channelsB) * this.constants.inner;
  const n = Math.floor(this.thread.x / perSample);
  const r = this.thread.x % perSample;
  const split = this.constants.channelsA * this.constants.inner;
  return r < split ? a[n * split + r] : b[n * this.constants.channelsB * this.constants.inner + r - split];
}

export function sliceChannels(x) {
  const perSample = this.constants.count * this.constants.inner;
  const n = Math.floor(this.thread.x / perSample);
  const r = this.thread.x % perSample;
  return x[n * this.constants.total * this.constants.inner + this.constants.start * this.constants.inner + r];
}

// ---- softmax and loss ------------------------------------------------------

export function softmax(logits) {
  const row = Math.floor(this.thread.x / this.constants.cols);
  let max = logits[row * this.constants.cols];
  for (let c = 1; c < this.constants.cols; c++) max = Math.max(max, logits[row * this.constants.cols + c]);
  let sum = 0;
  for (let c = 0; c < this.constants.cols; c++) sum += Math.exp(logits[row * this.constants.cols + c] - max);
  return Math.exp(logits[this.thread.x] - max) / sum;
}

export function softmaxCrossEntropyBackward(probs, labels) {
  const row = Math.floor(this.thread.x / this.constants.cols);
  const col = this.thread.x % this.constants.cols;
  const target = labels[row] === col ? 1 : 0;
  return (probs[this.thread.x] - target) / this.constants.rows;
}

// ---- convolution with one shared kernel set, as products with unrolled windows ----
// The input windows are unrolled once (im2row): window (n, oy, ox) holds (ic, ky, kx).
// Each output is then a dot product read in order, and the input gradient is
// the windows' gradient folded back onto the image (col2im).

export function im2row(x) {
  const column = Math.floor(this.thread.x / this.constants.rows);
  const r = this.thread.x % this.constants.rows;
  const ox = column % this.constants.outW;
  const oy = Math.floor(column / this.constants.outW) % this.constants.outH;
  const n = Math.floor(column / (this.constants.outW * this.constants.outH));
  const kx = r % this.constants.kW;
  const ky = Math.floor(r / this.constants.kW) % this.constants.kH;
  const ic = Math.floor(r / (this.constants.kW * this.constants.kH));
  const iy = oy * this.constants.strideH - this.constants.padTop + ky;
  const ix = ox * this.constants.strideW - this.constants.padLeft + kx;
  if (iy < 0 || iy >= this.constants.inH || ix < 0 || ix >= this.constants.inW) return 0;
  return x[((n * this.constants.inC + ic) * this.constants.inH + iy) * this.constants.inW + ix];
}

export function convFromWindows(windows, w) {
  const positions = this.constants.outH * this.constants.outW;
  const p = this.thread.x % positions;
  const oc = Math.floor(this.thread.x / positions) % this.constants.outC;
  const n = Math.floor(this.thread.x / (positions * this.constants.outC));
  const window = (n * positions + p) * this.constants.rows;
  const kernel = oc * this.constants.rows;
  let sum = 0;
  for (let r = 0; r < this.constants.rows; r++) sum += windows[window + r] * w[kernel + r];
  return sum;
}

/** The gradient of each unrolled window value: Σ over output channels of dy · weight. */
export function windowsGradient(dy, w) {
  const positions = this.constants.outH * this.constants.outW;
  const column = Math.floor(this.thread.x / this.constants.rows);
  const r = this.thread.x % this.constants.rows;
  const n = Math.floor(column / positions);
  const p = column % positions;
  let sum = 0;
  for (let oc = 0; oc < this.constants.outC; oc++) sum += dy[(n * this.constants.outC + oc) * positions + p] * w[oc * this.constants.rows + r];
  return sum;
}

/** Each input pixel sums the gradients of the window entries that copied it. */
export function col2im(dWindows) {
  const i = this.thread.x;
  const ix = i % this.constants.inW;
  const iy = Math.floor(i / this.constants.inW) % this.constants.inH;
  const ic = Math.floor(i / (this.constants.inW * this.constants.inH)) % this.constants.inC;
  const n = Math.floor(i / (this.constants.inW * this.constants.inH * this.constants.inC));
  let sum = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const oyScaled = iy + this.constants.padTop - ky;
    const oy = Math.floor(oyScaled / this.constants.strideH);
    if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const oxScaled = ix + this.constants.padLeft - kx;
        const ox = Math.floor(oxScaled / this.constants.strideW);
        if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
          const column = (n * this.constants.outH + oy) * this.constants.outW + ox;
          sum += dWindows[column * this.constants.rows + (ic * this.constants.kH + ky) * this.constants.kW + kx];
        }
      }
    }
  }
  return sum;
}

/** dw[oc][r] = Σ over the batch and positions of dy · window[r]. */
export function filterFromWindows(windows, dy) {
  const oc = Math.floor(this.thread.x / this.constants.rows);
  const r = this.thread.x % this.constants.rows;
  const positions = this.constants.outH * this.constants.outW;
  let sum = 0;
  for (let n = 0; n < this.constants.batch; n++) {
    for (let p = 0; p < positions; p++) {
      sum += dy[(n * this.constants.outC + oc) * positions + p] * windows[(n * positions + p) * this.constants.rows + r];
    }
  }
  return sum;
}
