/** What shape inference says of one node, and what a node type's inference is given. */
import type { JsonPath, Problem } from '../graph/problems';
import type { MatrixEquivalent } from './matrixEquivalent';
import type { Shape } from './shape';
import type { WindowPlan } from './windowArithmetic';

export interface WeightSpec {
  shape: Shape;
  /** What each axis means, for error messages. */
  axes: string;
  /** Where a weight the document does not store starts, if not drawn by the layer's initializer (biases start at 0). */
  startsAt?: number;
  /** False for a statistic the layer keeps itself (batch norm's running mean): saved with the weights, never changed by the optimizer. */
  trainable?: false;
}

export interface LayerInfo {
  outputShape: Shape;
  params: number;
  flops: number;
  weightShapes: Record<string, WeightSpec>;
  matrixEquivalent?: MatrixEquivalent;
  /** How the kernel or pooling window walks the input, for the inspector. */
  window?: WindowPlan;
  notes: string[];
  warnings: Problem[];
}

export interface LayerInput {
  id: string;
  shape: Shape;
}

export type Inference = { ok: true; info: LayerInfo } | { ok: false; problems: Problem[] };

export type At = (...rest: (string | number)[]) => JsonPath;
export type Fail = (code: string, message: string, path?: JsonPath) => Inference;

/** What a node type's inference gets: its (first) input's shape, all inputs, and how to name a place or fail. */
export interface InferContext {
  input: Shape;
  inputs: readonly LayerInput[];
  /** A JSON path inside this node: `at('params', 'kernelSize')`. */
  at: At;
  fail: Fail;
}

export function ok(info: Partial<LayerInfo> & Pick<LayerInfo, 'outputShape'>): Inference {
  return { ok: true, info: { params: 0, flops: 0, weightShapes: {}, notes: [], warnings: [], ...info } };
}
