/**
 * Everything a backend needs to run one convolution or pooling, computed once
 * from the layer's parameters and input shape (the engine's counterpart of
 * tfjs's computeConv2DInfo), using the same window arithmetic as shape inference.
 */
import type { Padding } from '../graph/schema';
import type { Pair } from '../shapes/params';
import { planWindow } from '../shapes/windowArithmetic';

export interface WindowInfo {
  batch: number;
  inC: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

export interface ConvInfo extends WindowInfo {
  outC: number;
  /** Kernel sets per axis: 1×1 shares one set everywhere, outH×outW is locally connected. */
  tilesH: number;
  tilesW: number;
}

export type PoolInfo = WindowInfo;

export function windowInfo(inputShape: readonly number[], kernel: Pair, strides: Pair, padding: Padding): WindowInfo {
  const [batch = 0, inC = 0, inH = 0, inW = 0] = inputShape;
  const plan = planWindow(inH, inW, kernel, strides, padding);
  return {
    batch,
    inC,
    inH,
    inW,
    outH: plan.rows.outSize,
    outW: plan.cols.outSize,
    kH: kernel[0],
    kW: kernel[1],
    strideH: strides[0],
    strideW: strides[1],
    padTop: plan.rows.padBefore,
    padLeft: plan.cols.padBefore,
  };
}

export function convInfo(inputShape: readonly number[], outC: number, kernel: Pair, strides: Pair, padding: Padding, tiles: Pair | 'local'): ConvInfo {
  const info = windowInfo(inputShape, kernel, strides, padding);
  const [tilesH, tilesW] = tiles === 'local' ? [info.outH, info.outW] : tiles;
  return { ...info, outC, tilesH, tilesW };
}
