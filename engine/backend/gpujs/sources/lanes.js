/**
 * Kernels shaped for gpu.js's WebAssembly backend, which runs four
 * neighbouring `thread.x` cells at once in SIMD lanes. Within a quad,
 * `thread.y` and `thread.z` are the same for every lane, so a read whose
 * index depends only on them (and on loop counters) is one scalar load,
 * while a read that depends on `thread.x` is four (a gather). These kernels
 * therefore use 3-D outputs whose x axis is the innermost axis of the
 * result, and the products compute four outputs per cell (an Array(4)
 * return): each gathered value then feeds four multiply-adds instead of one.
 *
 * The four outputs land side by side ("packed": block-major, 4 values per
 * cell); `unpackBlocks` turns them into the plain layout. Blocks past the
 * last real channel repeat its index so every read stays in bounds, and
 * their values are never unpacked.
 *
 * Same rules as scalar.js: sizes as constants, no closures, plain JavaScript.
 * The transposed-window walk is written out in each kernel that gathers
 * onto an input, here and in scalar.js, rather than called as a helper: gpu.js
 * runs a helper call in its SIMD code outside the vector path, and on WebGL2
 * the call cost about 15% of a LeNet-5 step (measured; see the benchmark).
 */

// ---- convolution as products with unrolled windows (im2col) ----------------

/**
 * The windows of x as columns, [batch, rows, positions] with rows = (ic, ky, kx)
 * and zeros over padding. Output [outW, outH, batch·rows]: lanes run along a
 * row of outputs, so everything but the input column is shared by the quad.
 */
export function im2colLanes(x) {
  const r = this.thread.z % this.constants.rows;
  const n = Math.floor(this.thread.z / this.constants.rows);
  const kx = r % this.constants.kW;
  const ky = Math.floor(r / this.constants.kW) % this.constants.kH;
  const ic = Math.floor(r / (this.constants.kW * this.constants.kH));
  const iy = this.thread.y * this.constants.strideH - this.constants.padTop + ky;
  const ix = this.thread.x * this.constants.strideW - this.constants.padLeft + kx;
  if (iy < 0 || iy >= this.constants.inH || ix < 0 || ix >= this.constants.inW) return 0;
  return x[((n * this.constants.inC + ic) * this.constants.inH + iy) * this.constants.inW + ix];
}

/** y, packed by blocks of 4 output channels: output [positions, ceil(outC / 4), batch]. */
export function convPacked(columns, w) {
  const oc = this.thread.y * 4;
  const last = this.constants.outC - 1;
  const w0 = oc * this.constants.rows;
  const w1 = (oc + 1 <= last ? oc + 1 : last) * this.constants.rows;
  const w2 = (oc + 2 <= last ? oc + 2 : last) * this.constants.rows;
  const w3 = (oc + 3 <= last ? oc + 3 : last) * this.constants.rows;
  const positions = this.constants.outH * this.constants.outW;
  const base = this.thread.z * this.constants.rows * positions + this.thread.x;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let r = 0; r < this.constants.rows; r++) {
    const v = columns[base + r * positions];
    s0 += v * w[w0 + r];
    s1 += v * w[w1 + r];
    s2 += v * w[w2 + r];
    s3 += v * w[w3 + r];
  }
  return [s0, s1, s2, s3];
}

/** dw[oc][r] = Σ over the batch and positions of dy · column value, packed: output [rows, ceil(outC / 4)]. */
export function filterPacked(columns, dy) {
  const r = this.thread.x;
  const oc = this.thread.y * 4;
  const last = this.constants.outC - 1;
  const positions = this.constants.outH * this.constants.outW;
  const c1 = oc + 1 <= last ? oc + 1 : last;
  const c2 = oc + 2 <= last ? oc + 2 : last;
  const c3 = oc + 3 <= last ? oc + 3 : last;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let n = 0; n < this.constants.batch; n++) {
    const sample = n * this.constants.outC;
    const column = (n * this.constants.rows + r) * positions;
    for (let p = 0; p < positions; p++) {
      const v = columns[column + p];
      s0 += v * dy[(sample + oc) * positions + p];
      s1 += v * dy[(sample + c1) * positions + p];
      s2 += v * dy[(sample + c2) * positions + p];
      s3 += v * dy[(sample + c3) * positions + p];
    }
  }
  return [s0, s1, s2, s3];
}

/**
 * The gradient of each unrolled window value, Σ over output channels of
 * dy · weight, packed by blocks of 4 rows: output [positions, ceil(rows / 4), batch].
 */
export function windowsGradientPacked(dy, w) {
  const r = this.thread.y * 4;
  const last = this.constants.rows - 1;
  const r1 = r + 1 <= last ? r + 1 : last;
  const r2 = r + 2 <= last ? r + 2 : last;
  const r3 = r + 3 <= last ? r + 3 : last;
  const positions = this.constants.outH * this.constants.outW;
  const sample = this.thread.z * this.constants.outC;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let oc = 0; oc < this.constants.outC; oc++) {
    const v = dy[(sample + oc) * positions + this.thread.x];
    const k = oc * this.constants.rows;
    s0 += v * w[k + r];
    s1 += v * w[k + r1];
    s2 += v * w[k + r2];
    s3 += v * w[k + r3];
  }
  return [s0, s1, s2, s3];
}

/** Each input pixel sums the gradients of the window entries that copied it (packed by windowsGradientPacked in `blocks` blocks of rows). Output [inW, inH, batch·inC]. */
export function col2imPacked(packed) {
  const ix = this.thread.x;
  const iy = this.thread.y;
  const ic = this.thread.z % this.constants.inC;
  const n = Math.floor(this.thread.z / this.constants.inC);
  const positions = this.constants.outH * this.constants.outW;
  let sum = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const oyScaled = iy + this.constants.padTop - ky;
    const oy = Math.floor(oyScaled / this.constants.strideH);
    if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const oxScaled = ix + this.constants.padLeft - kx;
        // Stride 1 (the usual case) needs no division, which SIMD lanes would do one by one.
        const ox = this.constants.strideW === 1 ? oxScaled : Math.floor(oxScaled / this.constants.strideW);
        if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
          const r = (ic * this.constants.kH + ky) * this.constants.kW + kx;
          const block = Math.floor(r / 4);
          sum += packed[((n * this.constants.blocks + block) * positions + oy * this.constants.outW + ox) * 4 + r - block * 4];
        }
      }
    }
  }
  return sum;
}

// ---- dense ------------------------------------------------------------------

/** (m × k)·(k × n), either side optionally transposed as stored, packed by blocks of 4 rows: output [n, ceil(m / 4)]. */
export function matmulPacked(a, b) {
  const col = this.thread.x;
  const row = this.thread.y * 4;
  const last = this.constants.m - 1;
  const r1 = row + 1 <= last ? row + 1 : last;
  const r2 = row + 2 <= last ? row + 2 : last;
  const r3 = row + 3 <= last ? row + 3 : last;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let p = 0; p < this.constants.k; p++) {
    const v = this.constants.transposeB > 0 ? b[col * this.constants.bCols + p] : b[p * this.constants.bCols + col];
    if (this.constants.transposeA > 0) {
      s0 += v * a[p * this.constants.aCols + row];
      s1 += v * a[p * this.constants.aCols + r1];
      s2 += v * a[p * this.constants.aCols + r2];
      s3 += v * a[p * this.constants.aCols + r3];
    } else {
      s0 += v * a[row * this.constants.aCols + p];
      s1 += v * a[r1 * this.constants.aCols + p];
      s2 += v * a[r2 * this.constants.aCols + p];
      s3 += v * a[r3 * this.constants.aCols + p];
    }
  }
  return [s0, s1, s2, s3];
}

// ---- layout ----------------------------------------------------------------

/** A packed result in plain layout: output [cells, channels, outer], value (x, c, z) = packed[((z·blocks + ⌊c/4⌋)·cells + x)·4 + c mod 4], blocks = ⌈channels / 4⌉. */
export function unpackBlocks(packed) {
  const c = this.thread.y;
  const block = Math.floor(c / 4);
  return packed[((this.thread.z * this.constants.blocks + block) * this.constants.cells + this.thread.x) * 4 + c - block * 4];
}

// ---- pooling and bias, with lanes along a row -------------------------------

/** As scalar.js's maxPoolArgmax, over output [outW, outH, batch·channels]. */
export function maxPoolArgmaxLanes(x) {
  const plane = this.thread.z;
  let best = 0;
  let bestIndex = -1;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const iy = this.thread.y * this.constants.strideH - this.constants.padTop + ky;
    if (iy >= 0 && iy < this.constants.inH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const ix = this.thread.x * this.constants.strideW - this.constants.padLeft + kx;
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

/** As kernels.maxPoolBackward, over output [inW, inH, batch·channels]. */
export function maxPoolBackwardLanes(dy, argmax) {
  const ix = this.thread.x;
  const iy = this.thread.y;
  const plane = this.thread.z;
  const i = (plane * this.constants.inH + iy) * this.constants.inW + ix;
  let sum = 0;
  for (let ky = 0; ky < this.constants.kH; ky++) {
    const oyScaled = iy + this.constants.padTop - ky;
    const oy = Math.floor(oyScaled / this.constants.strideH);
    if (oyScaled >= 0 && oy * this.constants.strideH === oyScaled && oy < this.constants.outH) {
      for (let kx = 0; kx < this.constants.kW; kx++) {
        const oxScaled = ix + this.constants.padLeft - kx;
        const ox = this.constants.strideW === 1 ? oxScaled : Math.floor(oxScaled / this.constants.strideW);
        if (oxScaled >= 0 && ox * this.constants.strideW === oxScaled && ox < this.constants.outW) {
          const o = (plane * this.constants.outH + oy) * this.constants.outW + ox;
          if (argmax[o] === i) sum += dy[o];
        }
      }
    }
  }
  return sum;
}

/**
 * maxPoolBackward for windows that do not overlap (stride ≥ size, the usual
 * pooling): each input lies in at most one window, found at once instead of
 * by a walk over every window position that could cover it.
 * Output [inW, inH, batch·channels].
 */
export function maxPoolBackwardDisjoint(dy, argmax) {
  const ix = this.thread.x;
  const iy = this.thread.y;
  const i = (this.thread.z * this.constants.inH + iy) * this.constants.inW + ix;
  const oy = Math.floor((iy + this.constants.padTop) / this.constants.strideH);
  const ox = Math.floor((ix + this.constants.padLeft) / this.constants.strideW);
  const inside = oy < this.constants.outH && iy + this.constants.padTop - oy * this.constants.strideH < this.constants.kH;
  if (inside && ox < this.constants.outW && ix + this.constants.padLeft - ox * this.constants.strideW < this.constants.kW) {
    const o = (this.thread.z * this.constants.outH + oy) * this.constants.outW + ox;
    if (argmax[o] === i) return dy[o];
  }
  return 0;
}

/** y + b with one bias per channel, over output [positions, channels, batch]: the bias read is shared by the quad. */
export function addBiasLanes(y, b) {
  const c = this.thread.y;
  return y[(this.thread.z * this.constants.channels + c) * this.constants.positions + this.thread.x] + b[c];
}
