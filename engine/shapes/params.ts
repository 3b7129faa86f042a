/**
 * Layer parameters with every default filled in. The document may omit
 * optional parameters; everything downstream (shape inference, costs, the
 * layers themselves) reads these resolved forms so the defaults live here once.
 */
import type { NodeOfType, Padding, SizePair } from '../graph/schema';

export type Pair = readonly [number, number];

export const DEFAULT_POOL_SIZE: Pair = [2, 2];
export const DEFAULT_LEAKY_ALPHA = 0.01;

export function toPair(size: SizePair | Pair): Pair {
  return typeof size === 'number' ? [size, size] : size;
}

export interface ResolvedConv {
  filters: number;
  kernel: Pair;
  strides: Pair;
  /** Spacing of the kernel's taps (conv2d only; 1×1 for the others). */
  dilation: Pair;
  padding: Padding;
  useBias: boolean;
  trainable: boolean;
}

export interface ResolvedPool {
  window: Pair;
  strides: Pair;
  padding: Padding;
}

type ConvLikeNode = NodeOfType<'conv2d'> | NodeOfType<'locallyConnected2d'> | NodeOfType<'tiledConv2d'>;
type PoolNode = NodeOfType<'maxPool2d'> | NodeOfType<'avgPool2d'>;

export function resolveConv(node: ConvLikeNode): ResolvedConv {
  const p = node.params;
  return {
    filters: p.filters,
    kernel: toPair(p.kernelSize),
    strides: toPair(p.strides ?? 1),
    dilation: toPair(('dilation' in p ? p.dilation : undefined) ?? 1),
    padding: p.padding ?? 'valid',
    useBias: p.useBias ?? true,
    trainable: p.trainable ?? true,
  };
}

/** The pixels a kernel of `kernel` taps spans when its taps are `dilation` apart, per axis. */
export function kernelExtent(kernel: Pair, dilation: Pair): Pair {
  return [dilation[0] * (kernel[0] - 1) + 1, dilation[1] * (kernel[1] - 1) + 1];
}

/** Pooling defaults to a 2×2 window, a stride equal to the window, and no padding. */
export function resolvePool(node: PoolNode): ResolvedPool {
  const window = toPair(node.params?.poolSize ?? DEFAULT_POOL_SIZE);
  return {
    window,
    strides: node.params?.strides === undefined ? window : toPair(node.params.strides),
    padding: node.params?.padding ?? 'valid',
  };
}

export function resolveLeakyAlpha(node: NodeOfType<'leakyRelu'>): number {
  return node.params?.alpha ?? DEFAULT_LEAKY_ALPHA;
}

export function describePadding(padding: Padding): string {
  return typeof padding === 'string' ? padding : `[${padding.join(', ')}]`;
}
