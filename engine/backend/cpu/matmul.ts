/**
 * Matrix products for dense layers, forward and backward, in the three forms
 * training needs. Each loop reads its arrays in memory order and skips zero
 * factors (gradients after ReLU are mostly zero); a·bᵀ computes four outputs
 * per read of a row of a.
 */
import type { Values, ValuesConstructor } from './cpuTensor';

/** a [m×k] · bᵀ, b [n×k]: a dense layer's forward pass (x · Wᵀ). */
function timesTransposed(a: Values, b: Values, m: number, k: number, n: number, out: Values): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const outRow = i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const v = a[aRow + p] as number;
        s0 += v * (b[b0 + p] as number);
        s1 += v * (b[b1 + p] as number);
        s2 += v * (b[b2 + p] as number);
        s3 += v * (b[b3 + p] as number);
      }
      out[outRow + j] = s0;
      out[outRow + j + 1] = s1;
      out[outRow + j + 2] = s2;
      out[outRow + j + 3] = s3;
    }
    for (; j < n; j++) {
      const bRow = j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += (a[aRow + p] as number) * (b[bRow + p] as number);
      out[outRow + j] = sum;
    }
  }
}

/** a [m×k] · b [k×n]: the input gradient (dy · W). */
function times(a: Values, b: Values, m: number, k: number, n: number, out: Values): void {
  for (let i = 0; i < m; i++) {
    const outRow = i * n;
    for (let p = 0; p < k; p++) {
      const v = a[i * k + p] as number;
      if (v === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] = (out[outRow + j] as number) + v * (b[bRow + j] as number);
    }
  }
}

/**
 * aᵀ · b with a [k×m], b [k×n]: the weight gradient (dyᵀ · x). Four rows of
 * each per pass, so each output value is read and written once per four
 * products; a group whose four factors are zero is skipped.
 */
function transposedTimes(a: Values, b: Values, m: number, k: number, n: number, out: Values): void {
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const a0 = p * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
    const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let i = 0; i < m; i++) {
      const v0 = a[a0 + i] as number, v1 = a[a1 + i] as number, v2 = a[a2 + i] as number, v3 = a[a3 + i] as number;
      if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue;
      const outRow = i * n;
      for (let j = 0; j < n; j++) {
        out[outRow + j] = (out[outRow + j] as number) + v0 * (b[b0 + j] as number) + v1 * (b[b1 + j] as number) + v2 * (b[b2 + j] as number) + v3 * (b[b3 + j] as number);
      }
    }
  }
  for (; p < k; p++) {
    const aRow = p * m;
    const bRow = p * n;
    for (let i = 0; i < m; i++) {
      const v = a[aRow + i] as number;
      if (v === 0) continue;
      const outRow = i * n;
      for (let j = 0; j < n; j++) out[outRow + j] = (out[outRow + j] as number) + v * (b[bRow + j] as number);
    }
  }
}

/** The product of a [aRows×aCols] and b [bRows×bCols], either transposed; m×n values. */
export function matmul(a: Values, aRows: number, aCols: number, transposeA: boolean, b: Values, bRows: number, bCols: number, transposeB: boolean, make: ValuesConstructor): { m: number; n: number; out: Values } {
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const [k2, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
  if (k !== k2) throw new Error(`matmul: inner sizes ${k} and ${k2} differ`);
  const out = new make(m * n);
  if (!transposeA && transposeB) timesTransposed(a, b, m, k, n, out);
  else if (!transposeA && !transposeB) times(a, b, m, k, n, out);
  else if (transposeA && !transposeB) transposedTimes(a, b, m, k, n, out);
  else {
    // aᵀ · bᵀ: not used by any layer; plain loops.
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += (a[p * aCols + i] as number) * (b[j * bCols + p] as number);
      out[i * n + j] = sum;
    }
  }
  return { m, n, out };
}
