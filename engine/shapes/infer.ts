/**
 * Shape and cost inference for one node, given the shapes flowing into it:
 * the output shape, the parameter count, the multiplies and adds for one
 * sample, the shapes of its stored tensors, and teaching notes and warnings.
 * Each node type infers its own (its descriptor in ../nodes/); here the
 * limits every node's tensors must keep.
 */
import type { GraphNode } from '../graph/schema';
import { error, type JsonPath } from '../graph/problems';
import { descriptorOf } from '../nodes/registry';
import type { Inference, LayerInput } from './layerInfo';
import { describeShape, sizeOf } from './shape';

export type { Inference, LayerInfo, LayerInput, WeightSpec } from './layerInfo';

/** Largest activation or parameter tensor accepted per sample (512 MiB of float32). */
export const MAX_TENSOR_VALUES = 2 ** 27;

export function inferLayer(node: GraphNode, nodeIndex: number, inputs: readonly LayerInput[]): Inference {
  const at = (...rest: (string | number)[]): JsonPath => ['nodes', nodeIndex, ...rest];
  const fail = (code: string, message: string, path: JsonPath = at()): Inference => ({
    ok: false,
    problems: [error(code, message, path, node.id)],
  });
  const result = descriptorOf(node).infer(node, { input: inputs[0]?.shape ?? [], inputs, at, fail });
  if (!result.ok) return result;

  const { info } = result;
  const values = sizeOf(info.outputShape);
  if (values > MAX_TENSOR_VALUES) {
    return fail('too-large', `its output ${describeShape(info.outputShape)} holds ${values.toLocaleString('en-US')} values per sample, more than the limit of ${MAX_TENSOR_VALUES.toLocaleString('en-US')}`);
  }
  if (info.params > MAX_TENSOR_VALUES) {
    return fail('too-large', `it has ${info.params.toLocaleString('en-US')} parameters, more than the limit of ${MAX_TENSOR_VALUES.toLocaleString('en-US')}`);
  }
  return result;
}
