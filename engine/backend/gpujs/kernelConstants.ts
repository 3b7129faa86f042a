/**
 * The constants each kind of kernel reads (`this.constants`): the kernel
 * sources' types (sources/*.d.ts) name theirs, and the calls in kernels/
 * must pass exactly those, so a misspelt or missing constant does not compile.
 */
import type { ConvInfo, PoolInfo } from '../convInfo';

/** Convolution with kernel sets, run directly: rows and columns of outputs per kernel set. */
export interface DirectConvConstants extends ConvInfo {
  rowsPerSet: number;
  colsPerSet: number;
}

/** Convolution with one shared kernel set, as products with unrolled windows of `rows` = inC·kH·kW values. */
export interface SharedConvConstants extends ConvInfo {
  rows: number;
}

/** col2im over packed window gradients. */
export interface PackedColumnsConstants extends SharedConvConstants {
  blocks: number;
}

export type WindowConstants = PoolInfo;

export interface MatmulConstants {
  m: number;
  n: number;
  k: number;
  aCols: number;
  bCols: number;
  transposeA: number;
  transposeB: number;
}

export interface UnpackConstants {
  cells: number;
  channels: number;
  blocks: number;
}

export interface BiasConstants {
  perSample: number;
  positions: number;
}

export interface BiasLanesConstants {
  positions: number;
  channels: number;
}

export interface BiasGradientConstants {
  batch: number;
  perSample: number;
  positions: number;
}

export interface ConcatConstants {
  channelsA: number;
  channelsB: number;
  inner: number;
}

export interface SliceConstants {
  count: number;
  total: number;
  start: number;
  inner: number;
}

export interface SoftmaxConstants {
  cols: number;
}

export interface SoftmaxLossConstants {
  rows: number;
  cols: number;
}

export type NoConstants = Record<string, never>;
