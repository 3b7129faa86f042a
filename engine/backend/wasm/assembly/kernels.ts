/**
 * The wasm backend's kernels, in AssemblyScript (compiled by
 * scripts/build-wasm.mjs into ../kernelsModule.ts). Every pointer is a byte
 * offset into the one memory the backend hands the module; every count is in
 * float32 values. The hot loops are 128-bit SIMD: four values per
 * instruction along the axis that is contiguous in memory, and several
 * accumulators at once (register tiling) so each value loaded feeds several
 * multiply-adds.
 *
 * Semantics follow the CPU reference exactly where it matters for parity:
 * ReLU of NaN is 0, max pooling's first maximum wins and a NaN wins and stays.
 */

// ---- memory -------------------------------------------------------------------

/** Runtime's TLSF allocator: 16-byte aligned blocks, coalesced when freed. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function release(ptr: usize): void {
  heap.free(ptr);
}

export function fill(ptr: usize, count: i32, value: f32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(ptr + (<usize>i << 2), v);
  for (; i < count; i++) store<f32>(ptr + (<usize>i << 2), value);
}

// ---- products -----------------------------------------------------------------

/**
 * C (m×n, row stride ldc) = (accumulate ? C : 0) + A·B, where B is k×n with
 * row stride ldb and A's element (i, p) lies at a + 4·(i·sai + p·sak), so A
 * may be stored either way round. Vectorised along n: tiles of 4 rows × 8
 * columns (8 accumulators, 4 splats and 2 loads per step of p).
 */
export function gemmRows(a: usize, sai: i32, sak: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, accumulate: bool): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) rowsTile4(a + (<usize>(i * sai) << 2), sai, sak, b, ldb, c + (<usize>(i * ldc) << 2), ldc, n, k, accumulate);
  for (; i < m; i++) rowsTile1(a + (<usize>(i * sai) << 2), sak, b, ldb, c + (<usize>(i * ldc) << 2), n, k, accumulate);
}

// @ts-ignore: decorator
@inline
function storeSum(ptr: usize, v: v128, accumulate: bool): void {
  v128.store(ptr, accumulate ? f32x4.add(v128.load(ptr), v) : v);
}

function rowsTile4(a: usize, sai: i32, sak: i32, b: usize, ldb: i32, c: usize, ldc: i32, n: i32, k: i32, accumulate: bool): void {
  const rowA = <usize>sai << 2;
  const stepA = <usize>sak << 2;
  const stepB = <usize>ldb << 2;
  const rowC = <usize>ldc << 2;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const a0 = f32x4.splat(load<f32>(pa));
      const a1 = f32x4.splat(load<f32>(pa + rowA));
      const a2 = f32x4.splat(load<f32>(pa + 2 * rowA));
      const a3 = f32x4.splat(load<f32>(pa + 3 * rowA));
      c00 = f32x4.add(c00, f32x4.mul(a0, b0));
      c01 = f32x4.add(c01, f32x4.mul(a0, b1));
      c10 = f32x4.add(c10, f32x4.mul(a1, b0));
      c11 = f32x4.add(c11, f32x4.mul(a1, b1));
      c20 = f32x4.add(c20, f32x4.mul(a2, b0));
      c21 = f32x4.add(c21, f32x4.mul(a2, b1));
      c30 = f32x4.add(c30, f32x4.mul(a3, b0));
      c31 = f32x4.add(c31, f32x4.mul(a3, b1));
      pa += stepA;
      pb += stepB;
    }
    const pc = c + (<usize>j << 2);
    storeSum(pc, c00, accumulate);
    storeSum(pc + 16, c01, accumulate);
    storeSum(pc + rowC, c10, accumulate);
    storeSum(pc + rowC + 16, c11, accumulate);
    storeSum(pc + 2 * rowC, c20, accumulate);
    storeSum(pc + 2 * rowC + 16, c21, accumulate);
    storeSum(pc + 3 * rowC, c30, accumulate);
    storeSum(pc + 3 * rowC + 16, c31, accumulate);
  }
  for (; j + 4 <= n; j += 4) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb);
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(pa)), b0));
      c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(pa + rowA)), b0));
      c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(pa + 2 * rowA)), b0));
      c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(pa + 3 * rowA)), b0));
      pa += stepA;
      pb += stepB;
    }
    const pc = c + (<usize>j << 2);
    storeSum(pc, c0, accumulate);
    storeSum(pc + rowC, c1, accumulate);
    storeSum(pc + 2 * rowC, c2, accumulate);
    storeSum(pc + 3 * rowC, c3, accumulate);
  }
  for (; j < n; j++) {
    for (let r = 0; r < 4; r++) {
      let sum: f32 = 0;
      let pa = a + <usize>r * rowA;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        sum += load<f32>(pa) * load<f32>(pb);
        pa += stepA;
        pb += stepB;
      }
      const pc = c + <usize>r * rowC + (<usize>j << 2);
      store<f32>(pc, accumulate ? load<f32>(pc) + sum : sum);
    }
  }
}

function rowsTile1(a: usize, sak: i32, b: usize, ldb: i32, c: usize, n: i32, k: i32, accumulate: bool): void {
  const stepA = <usize>sak << 2;
  const stepB = <usize>ldb << 2;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      const a0 = f32x4.splat(load<f32>(pa));
      c0 = f32x4.add(c0, f32x4.mul(a0, v128.load(pb)));
      c1 = f32x4.add(c1, f32x4.mul(a0, v128.load(pb, 16)));
      pa += stepA;
      pb += stepB;
    }
    const pc = c + (<usize>j << 2);
    storeSum(pc, c0, accumulate);
    storeSum(pc + 16, c1, accumulate);
  }
  for (; j + 4 <= n; j += 4) {
    let c0 = f32x4.splat(0);
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(pa)), v128.load(pb)));
      pa += stepA;
      pb += stepB;
    }
    storeSum(c + (<usize>j << 2), c0, accumulate);
  }
  for (; j < n; j++) {
    let sum: f32 = 0;
    let pa = a;
    let pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      sum += load<f32>(pa) * load<f32>(pb);
      pa += stepA;
      pb += stepB;
    }
    const pc = c + (<usize>j << 2);
    store<f32>(pc, accumulate ? load<f32>(pc) + sum : sum);
  }
}

// @ts-ignore: decorator
@inline
function lanesSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * C (m×n, row stride ldc) = (accumulate ? C : 0) + A·Bᵀ, where A is m×k and
 * B is n×k, both rows contiguous (row strides lda, ldb): dot products along
 * k, vectorised along k, in tiles of 2 rows of A × 4 rows of B.
 */
export function gemmDot(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, accumulate: bool): void {
  const k4 = k & ~3;
  let i = 0;
  for (; i < m; i += 2) {
    const two = i + 1 < m;
    const a0 = a + (<usize>(i * lda) << 2);
    // A lone last row reads itself twice; its second sums are not stored.
    const a1 = two ? a0 + (<usize>lda << 2) : a0;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + (<usize>(j * ldb) << 2);
      const b1 = b0 + (<usize>ldb << 2);
      const b2 = b1 + (<usize>ldb << 2);
      const b3 = b2 + (<usize>ldb << 2);
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
      for (let p = 0; p < k4; p += 4) {
        const o = <usize>p << 2;
        const x0 = v128.load(a0 + o);
        const x1 = v128.load(a1 + o);
        const y0 = v128.load(b0 + o);
        const y1 = v128.load(b1 + o);
        const y2 = v128.load(b2 + o);
        const y3 = v128.load(b3 + o);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0));
        s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s02 = f32x4.add(s02, f32x4.mul(x0, y2));
        s03 = f32x4.add(s03, f32x4.mul(x0, y3));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0));
        s11 = f32x4.add(s11, f32x4.mul(x1, y1));
        s12 = f32x4.add(s12, f32x4.mul(x1, y2));
        s13 = f32x4.add(s13, f32x4.mul(x1, y3));
      }
      let t00 = lanesSum(s00), t01 = lanesSum(s01), t02 = lanesSum(s02), t03 = lanesSum(s03);
      let t10 = lanesSum(s10), t11 = lanesSum(s11), t12 = lanesSum(s12), t13 = lanesSum(s13);
      for (let p = k4; p < k; p++) {
        const o = <usize>p << 2;
        const x0 = load<f32>(a0 + o);
        const x1 = load<f32>(a1 + o);
        const y0 = load<f32>(b0 + o), y1 = load<f32>(b1 + o), y2 = load<f32>(b2 + o), y3 = load<f32>(b3 + o);
        t00 += x0 * y0; t01 += x0 * y1; t02 += x0 * y2; t03 += x0 * y3;
        t10 += x1 * y0; t11 += x1 * y1; t12 += x1 * y2; t13 += x1 * y3;
      }
      const c0 = c + (<usize>(i * ldc + j) << 2);
      storeDot(c0, t00, accumulate); storeDot(c0 + 4, t01, accumulate); storeDot(c0 + 8, t02, accumulate); storeDot(c0 + 12, t03, accumulate);
      if (two) {
        const c1 = c0 + (<usize>ldc << 2);
        storeDot(c1, t10, accumulate); storeDot(c1 + 4, t11, accumulate); storeDot(c1 + 8, t12, accumulate); storeDot(c1 + 12, t13, accumulate);
      }
    }
    for (; j < n; j++) {
      const bj = b + (<usize>(j * ldb) << 2);
      storeDot(c + (<usize>(i * ldc + j) << 2), dot(a0, bj, k), accumulate);
      if (two) storeDot(c + (<usize>((i + 1) * ldc + j) << 2), dot(a1, bj, k), accumulate);
    }
  }
}

// @ts-ignore: decorator
@inline
function storeDot(ptr: usize, v: f32, accumulate: bool): void {
  store<f32>(ptr, accumulate ? load<f32>(ptr) + v : v);
}

function dot(a: usize, b: usize, k: i32): f32 {
  let s = f32x4.splat(0);
  let p = 0;
  for (; p + 4 <= k; p += 4) s = f32x4.add(s, f32x4.mul(v128.load(a + (<usize>p << 2)), v128.load(b + (<usize>p << 2))));
  let t = lanesSum(s);
  for (; p < k; p++) t += load<f32>(a + (<usize>p << 2)) * load<f32>(b + (<usize>p << 2));
  return t;
}

/** out (cols×rows) = inᵀ, in rows×cols. */
export function transpose(src: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) store<f32>(out + (<usize>(q * rows + r) << 2), load<f32>(src + (<usize>(r * cols + q) << 2)));
  }
}

// ---- convolution as products with unrolled windows ------------------------------

/** The geometry of one convolution, set once per call by `setWindow` (too many values to pass to each kernel). */
let inC = 0, inH = 0, inW = 0, outH = 0, outW = 0, kH = 0, kW = 0, strideH = 1, strideW = 1, padTop = 0, padLeft = 0;

export function setWindow(c: i32, h: i32, w: i32, oh: i32, ow: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pl: i32): void {
  inC = c; inH = h; inW = w; outH = oh; outW = ow; kH = kh; kW = kw; strideH = sh; strideW = sw; padTop = pt; padLeft = pl;
}

/** One sample's windows as columns: col[(ic, ky, kx)][(oy, ox)], zeros over padding. */
function im2col(x: usize, col: usize): void {
  let out = col;
  for (let ic = 0; ic < inC; ic++) {
    const plane = x + (<usize>(ic * inH * inW) << 2);
    for (let ky = 0; ky < kH; ky++) {
      for (let kx = 0; kx < kW; kx++) {
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH - padTop + ky;
          if (iy < 0 || iy >= inH) {
            fill(out, outW, 0);
            out += <usize>outW << 2;
            continue;
          }
          const row = plane + (<usize>(iy * inW) << 2);
          let ox = 0;
          // Columns left of the image, then the run inside it, then those right of it.
          for (; ox < outW && ox * strideW - padLeft + kx < 0; ox++) {
            store<f32>(out, 0);
            out += 4;
          }
          if (strideW == 1) {
            const inside = min(outW, inW + padLeft - kx);
            const start = row + (<usize>(ox - padLeft + kx) << 2);
            if (inside > ox) {
              memory.copy(out, start, <usize>(inside - ox) << 2);
              out += <usize>(inside - ox) << 2;
              ox = inside;
            }
          } else {
            for (; ox < outW; ox++) {
              const ix = ox * strideW - padLeft + kx;
              if (ix >= inW) break;
              store<f32>(out, load<f32>(row + (<usize>ix << 2)));
              out += 4;
            }
          }
          for (; ox < outW; ox++) {
            store<f32>(out, 0);
            out += 4;
          }
        }
      }
    }
  }
}

/** Adds each column entry back onto the input value it was copied from (dx must start at zero). */
function col2im(col: usize, dx: usize): void {
  let from = col;
  for (let ic = 0; ic < inC; ic++) {
    const plane = dx + (<usize>(ic * inH * inW) << 2);
    for (let ky = 0; ky < kH; ky++) {
      for (let kx = 0; kx < kW; kx++) {
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH - padTop + ky;
          if (iy < 0 || iy >= inH) {
            from += <usize>outW << 2;
            continue;
          }
          const row = plane + (<usize>(iy * inW) << 2);
          for (let ox = 0; ox < outW; ox++) {
            const ix = ox * strideW - padLeft + kx;
            if (ix >= 0 && ix < inW) {
              const to = row + (<usize>ix << 2);
              store<f32>(to, load<f32>(to) + load<f32>(from));
            }
            from += 4;
          }
        }
      }
    }
  }
}

/** y[n] (outC × positions) = w (outC × rows) · windows of x[n], for samples [start, end); col holds rows × positions values. */
function convForwardRange(x: usize, w: usize, y: usize, col: usize, start: i32, end: i32, outC: i32): void {
  const rows = inC * kH * kW;
  const positions = outH * outW;
  for (let n = start; n < end; n++) {
    im2col(x + (<usize>(n * inC * inH * inW) << 2), col);
    gemmRows(w, rows, 1, col, positions, y + (<usize>(n * outC * positions) << 2), positions, outC, positions, rows, false);
  }
}

/** dw (outC × rows) = Σ over samples [start, end) of dy[n] (outC × positions) · windowsᵀ. */
function convFilterGradientRange(x: usize, dy: usize, dw: usize, col: usize, start: i32, end: i32, outC: i32): void {
  const rows = inC * kH * kW;
  const positions = outH * outW;
  fill(dw, outC * rows, 0);
  for (let n = start; n < end; n++) {
    im2col(x + (<usize>(n * inC * inH * inW) << 2), col);
    gemmDot(dy + (<usize>(n * outC * positions) << 2), positions, col, positions, dw, rows, outC, rows, positions, true);
  }
}

/** dx[n] for samples [start, end): the windows' gradient wᵀ · dy[n], added back onto the inputs they came from. */
function convInputGradientRange(dy: usize, w: usize, dx: usize, col: usize, start: i32, end: i32, outC: i32): void {
  const rows = inC * kH * kW;
  const positions = outH * outW;
  const sample = inC * inH * inW;
  fill(dx + (<usize>(start * sample) << 2), (end - start) * sample, 0);
  for (let n = start; n < end; n++) {
    gemmRows(w, 1, rows, dy + (<usize>(n * outC * positions) << 2), positions, col, positions, rows, positions, outC, false);
    col2im(col, dx + (<usize>(n * sample) << 2));
  }
}

export function convForward(x: usize, w: usize, y: usize, col: usize, batch: i32, outC: i32): void {
  convForwardRange(x, w, y, col, 0, batch, outC);
}

export function convFilterGradient(x: usize, dy: usize, dw: usize, col: usize, batch: i32, outC: i32): void {
  convFilterGradientRange(x, dy, dw, col, 0, batch, outC);
}

export function convInputGradient(dy: usize, w: usize, dx: usize, col: usize, batch: i32, outC: i32): void {
  convInputGradientRange(dy, w, dx, col, 0, batch, outC);
}

// ---- work shared between threads -------------------------------------------------

/**
 * One job for every thread, in memory all threads share (globals are each
 * instance's own): the kind, pointers, the window, and per-thread scratch.
 * A thread runs samples [start, end) through `run`, with scratch slot
 * start / share: its unrolled windows, then (filter gradient) its partial dw.
 */
const JOB: usize = memory.data(128, 16);
const JOB_KIND = 0, JOB_A = 4, JOB_B = 8, JOB_OUT = 12, JOB_SCRATCH = 16, JOB_SLOT_BYTES = 20, JOB_SHARE = 24, JOB_OUTC = 28, JOB_WINDOW = 32;
export const JOB_FORWARD = 1, JOB_FILTER = 2, JOB_INPUT = 3;

export function job(): usize {
  return JOB;
}

/** Sets the window globals from the job (as setWindow does from arguments). */
function windowFromJob(): void {
  const j = JOB + JOB_WINDOW;
  setWindow(load<i32>(j), load<i32>(j, 4), load<i32>(j, 8), load<i32>(j, 12), load<i32>(j, 16), load<i32>(j, 20), load<i32>(j, 24), load<i32>(j, 28), load<i32>(j, 32), load<i32>(j, 36), load<i32>(j, 40));
}

/** A thread's share of the job: samples [start, end). The third argument is unused (the helper protocol passes a seed). */
export function run(start: i32, end: i32, _seed: i32): void {
  windowFromJob();
  const kind = load<i32>(JOB + JOB_KIND);
  const a = load<u32>(JOB + JOB_A), b = load<u32>(JOB + JOB_B), out = load<u32>(JOB + JOB_OUT);
  const outC = load<i32>(JOB + JOB_OUTC);
  const slot = <usize>(start / load<i32>(JOB + JOB_SHARE));
  const scratch = <usize>load<u32>(JOB + JOB_SCRATCH) + slot * <usize>load<u32>(JOB + JOB_SLOT_BYTES);
  if (kind == JOB_FORWARD) convForwardRange(a, b, out, scratch, start, end, outC);
  else if (kind == JOB_INPUT) convInputGradientRange(a, b, out, scratch, start, end, outC);
  else if (kind == JOB_FILTER) convFilterGradientRange(a, b, scratch + (<usize>(inC * kH * kW * outH * outW) << 2), scratch, start, end, outC);
}

/** out = Σ of `slots` blocks of `count` values, `stride` bytes apart (the threads' partial filter gradients). */
export function sumSlots(first: usize, stride: usize, slots: i32, out: usize, count: i32): void {
  memory.copy(out, first, <usize>count << 2);
  for (let s = 1; s < slots; s++) add(out, first + <usize>s * stride, out, count);
}

// ---- pooling --------------------------------------------------------------------

/** Max pooling over planes (batch · channels) with the geometry of `setWindow`; argmax as int32 input indices (−1 for an empty window). */
export function maxPool(x: usize, y: usize, argmax: usize, planes: i32): void {
  if (kH == 2 && kW == 2 && strideH == 2 && strideW == 2 && padTop == 0 && padLeft == 0 && outH * 2 <= inH && outW * 2 <= inW) {
    maxPool2x2(x, y, argmax, planes);
    return;
  }
  let out: usize = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      const yStart = max(y0, 0);
      const yEnd = min(y0 + kH, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - padLeft;
        const xStart = max(x0, 0);
        const xEnd = min(x0 + kW, inW);
        let best: f32 = -Infinity;
        let bestIndex = -1;
        for (let iy = yStart; iy < yEnd; iy++) {
          for (let ix = xStart; ix < xEnd; ix++) {
            const i = base + iy * inW + ix;
            const v = load<f32>(x + (<usize>i << 2));
            // The first maximum wins ties, as in PyTorch; a NaN wins and stays.
            if (v > best || bestIndex < 0 || (v != v && best == best)) {
              best = v;
              bestIndex = i;
            }
          }
        }
        store<f32>(y + (out << 2), bestIndex < 0 ? 0 : best);
        store<i32>(argmax + (out << 2), bestIndex);
        out++;
      }
    }
  }
}

/** The usual pooling (2×2, stride 2, every window inside the image): the same choice, without the general walk's bounds. */
function maxPool2x2(x: usize, y: usize, argmax: usize, planes: i32): void {
  let out: usize = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      let i = base + 2 * oy * inW;
      for (let ox = 0; ox < outW; ox++, i += 2) {
        const p = x + (<usize>i << 2);
        const row = <usize>inW << 2;
        let best = load<f32>(p);
        let bestIndex = i;
        // Branch-free choices (select): which value wins is data, and a mispredicted branch costs more than the comparison.
        let v = load<f32>(p, 4);
        let wins = v > best || (v != v && best == best);
        best = select<f32>(v, best, wins);
        bestIndex = select<i32>(i + 1, bestIndex, wins);
        v = load<f32>(p + row);
        wins = v > best || (v != v && best == best);
        best = select<f32>(v, best, wins);
        bestIndex = select<i32>(i + inW, bestIndex, wins);
        v = load<f32>(p + row + 4);
        wins = v > best || (v != v && best == best);
        best = select<f32>(v, best, wins);
        bestIndex = select<i32>(i + inW + 1, bestIndex, wins);
        store<f32>(y + (out << 2), best);
        store<i32>(argmax + (out << 2), bestIndex);
        out++;
      }
    }
  }
}

/** dx (inputs values, zeroed here) gets each dy at its window's argmax. */
export function maxPoolBackward(dy: usize, argmax: usize, dx: usize, outputs: i32, inputs: i32): void {
  fill(dx, inputs, 0);
  for (let o = 0; o < outputs; o++) {
    const i = load<i32>(argmax + (<usize>o << 2));
    if (i >= 0) {
      const to = dx + (<usize>i << 2);
      store<f32>(to, load<f32>(to) + load<f32>(dy + (<usize>o << 2)));
    }
  }
}

// ---- element-wise ---------------------------------------------------------------

/** y = x > 0 ? x : alpha·x (alpha 0 is ReLU; NaN gives 0·NaN… but ReLU's mask makes it 0, as the reference). */
export function leakyRelu(x: usize, y: usize, count: i32, alpha: f32): void {
  const zero = f32x4.splat(0);
  const a = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const positive = f32x4.gt(v, zero);
    v128.store(y + o, alpha == 0 ? v128.and(v, positive) : v128.bitselect(v, f32x4.mul(v, a), positive));
  }
  for (; i < count; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(y + (<usize>i << 2), v > 0 ? v : alpha == 0 ? 0 : alpha * v);
  }
}

/** dx = x > 0 ? dy : alpha·dy. */
export function leakyReluBackward(x: usize, dy: usize, dx: usize, count: i32, alpha: f32): void {
  const zero = f32x4.splat(0);
  const a = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(dy + o);
    const positive = f32x4.gt(v128.load(x + o), zero);
    v128.store(dx + o, alpha == 0 ? v128.and(g, positive) : v128.bitselect(g, f32x4.mul(g, a), positive));
  }
  for (; i < count; i++) {
    const g = load<f32>(dy + (<usize>i << 2));
    store<f32>(dx + (<usize>i << 2), load<f32>(x + (<usize>i << 2)) > 0 ? g : alpha == 0 ? 0 : alpha * g);
  }
}

export function add(a: usize, b: usize, out: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < count; i++) store<f32>(out + (<usize>i << 2), load<f32>(a + (<usize>i << 2)) + load<f32>(b + (<usize>i << 2)));
}

/** out[n][j][p] = y[n][j][p] + b[j] over `outer` blocks of `channels` × `positions` values. */
export function addBias(y: usize, b: usize, out: usize, outer: i32, channels: i32, positions: i32): void {
  if (positions == 1) {
    for (let n = 0; n < outer; n++) add(y + (<usize>(n * channels) << 2), b, out + (<usize>(n * channels) << 2), channels);
    return;
  }
  let o: usize = 0;
  for (let n = 0; n < outer; n++) {
    for (let j = 0; j < channels; j++) {
      const bias = load<f32>(b + (<usize>j << 2));
      const v = f32x4.splat(bias);
      let p = 0;
      for (; p + 4 <= positions; p += 4) {
        v128.store(out + o, f32x4.add(v128.load(y + o), v));
        o += 16;
      }
      for (; p < positions; p++) {
        store<f32>(out + o, load<f32>(y + o) + bias);
        o += 4;
      }
    }
  }
}

/** dL/db: dy summed over `outer` samples and, per channel, over `positions` (out holds `channels` values). */
export function biasGradient(dy: usize, out: usize, outer: i32, channels: i32, positions: i32): void {
  fill(out, channels, 0);
  let o: usize = dy;
  for (let n = 0; n < outer; n++) {
    if (positions == 1) {
      add(out, o, out, channels);
      o += <usize>channels << 2;
      continue;
    }
    for (let j = 0; j < channels; j++) {
      let s = f32x4.splat(0);
      let p = 0;
      for (; p + 4 <= positions; p += 4, o += 16) s = f32x4.add(s, v128.load(o));
      let sum = lanesSum(s);
      for (; p < positions; p++, o += 4) sum += load<f32>(o);
      const to = out + (<usize>j << 2);
      store<f32>(to, load<f32>(to) + sum);
    }
  }
}

// ---- optimizer ------------------------------------------------------------------

/** Adam in place (as optimizerMath.js, in float32): m, v and then the parameter; weight decay is L2 on the gradient. */
export function adam(p: usize, g: usize, m: usize, v: usize, count: i32, lr: f32, beta1: f32, beta2: f32, epsilon: f32, weightDecay: f32, correction1: f32, correction2: f32): void {
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(1 - beta1), ob2 = f32x4.splat(1 - beta2);
  const wd = f32x4.splat(weightDecay), rate = f32x4.splat(lr);
  const c1 = f32x4.splat(correction1), c2 = f32x4.splat(correction2), eps = f32x4.splat(epsilon);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    const pi = v128.load(p + o);
    const grad = f32x4.add(v128.load(g + o), f32x4.mul(wd, pi));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(ob1, grad));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(f32x4.mul(ob2, grad), grad));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    v128.store(p + o, f32x4.sub(pi, f32x4.div(f32x4.mul(rate, f32x4.div(mi, c1)), f32x4.add(f32x4.sqrt(f32x4.div(vi, c2)), eps))));
  }
  for (; i < count; i++) {
    const o = <usize>i << 2;
    const pi = load<f32>(p + o);
    const grad = load<f32>(g + o) + weightDecay * pi;
    const mi = beta1 * load<f32>(m + o) + (1 - beta1) * grad;
    const vi = beta2 * load<f32>(v + o) + (1 - beta2) * grad * grad;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(p + o, pi - (lr * (mi / correction1)) / (Mathf.sqrt(vi / correction2) + epsilon));
  }
}
