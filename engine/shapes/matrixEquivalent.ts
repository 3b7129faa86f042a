/**
 * The lecture's "Computational Costs" comparison: a convolution-like layer is a
 * linear map y = W x, and W can be stored and applied three ways. Bias is left
 * out of all three columns, as on the slide, so the columns compare the same map.
 *
 * - convolution: the layer's own kernels (shared or not) and its muls+adds
 * - dense matrix: every entry of W, zero or not
 * - sparse matrix: only W's non-zeros, i.e. each (output, real input pixel) pair
 *   a kernel touches; zero padding contributes no entries
 *
 * Multiply-adds are counted as on the slide: an output made of r products costs
 * r multiplies and r - 1 adds.
 */
import type { Pair } from './params';
import { inputTapsOf, type AxisPlan, type WindowPlan } from './windowArithmetic';

export interface MatrixCost {
  storedFloats: number;
  flops: number;
}

export interface MatrixEquivalent {
  convolution: MatrixCost;
  dense: MatrixCost;
  sparse: MatrixCost;
}

export function matrixEquivalent(args: {
  inChannels: number;
  filters: number;
  kernel: Pair;
  plan: WindowPlan;
  /** Floats the layer stores for its kernels (differs between shared, tiled and local). */
  kernelFloats: number;
}): MatrixEquivalent {
  const { inChannels, filters, kernel, plan, kernelFloats } = args;
  const outputs = filters * plan.rows.outSize * plan.cols.outSize;
  const inputs = inChannels * plan.rows.inSize * plan.cols.inSize;
  const productsPerOutput = inChannels * kernel[0] * kernel[1];

  // Non-zeros of W: for each output position, the real input pixels under the
  // window. The window is separable, so sum each axis once instead of every pair.
  const rowTaps = axisTaps(plan.rows);
  const colTaps = axisTaps(plan.cols);
  const nonZeros = filters * inChannels * rowTaps.sum * colTaps.sum;
  const outputsWithInputs = filters * rowTaps.nonEmpty * colTaps.nonEmpty;

  return {
    convolution: { storedFloats: kernelFloats, flops: outputs * (2 * productsPerOutput - 1) },
    dense: { storedFloats: outputs * inputs, flops: outputs * (2 * inputs - 1) },
    sparse: { storedFloats: nonZeros, flops: 2 * nonZeros - outputsWithInputs },
  };
}

function axisTaps(axis: AxisPlan): { sum: number; nonEmpty: number } {
  let sum = 0;
  let nonEmpty = 0;
  for (let o = 0; o < axis.outSize; o++) {
    const count = inputTapsOf(axis, o).length;
    sum += count;
    if (count > 0) nonEmpty++;
  }
  return { sum, nonEmpty };
}
