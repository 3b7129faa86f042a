/**
 * Every node type, once. The document schema's union, the palette, the
 * arity check, new nodes' parameters, the inspector's fields and the layer
 * factory all read this list; adding a type is a file in this folder and a
 * line here (engine/README.md).
 */
import type { z } from 'zod';
import { add } from './add';
import { avgPool2d } from './avgPool2d';
import { batchNorm2d } from './batchNorm2d';
import { concat } from './concat';
import { conv2d } from './conv2d';
import { dense } from './dense';
import type { NodeDescriptor } from './descriptor';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAvgPool2d } from './globalAvgPool2d';
import { input } from './input';
import { leakyRelu } from './leakyRelu';
import { locallyConnected2d } from './locallyConnected2d';
import { maxPool2d } from './maxPool2d';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { softmax } from './softmax';
import { tanh } from './tanh';
import { tiledConv2d } from './tiledConv2d';

/** In the order the document schema lists them (and error messages name them). */
export const NODE_DESCRIPTORS = [
  input, conv2d, locallyConnected2d, tiledConv2d, relu, leakyRelu, sigmoid, tanh, maxPool2d, avgPool2d, globalAvgPool2d, flatten, dense, dropout, batchNorm2d, add, concat, softmax,
] as const;

type Descriptors = typeof NODE_DESCRIPTORS;
/** A tuple of descriptors' schemas (a mapped type over a type parameter keeps the tuple). */
type SchemasOf<T extends readonly { schema: unknown }[]> = { readonly [K in keyof T]: T[K]['schema'] };

/** Each descriptor's schema, as the tuple `z.discriminatedUnion` needs. */
export const NODE_SCHEMAS = NODE_DESCRIPTORS.map((d) => d.schema) as unknown as SchemasOf<Descriptors>;

export type DescribedNode = z.infer<Descriptors[number]['schema']>;
export type DescribedType = DescribedNode['type'];

const BY_TYPE = new Map<string, NodeDescriptor>(NODE_DESCRIPTORS.map((d) => [d.schema.shape.type.value, d as unknown as NodeDescriptor]));

/** The descriptor of a node's type, typed for that node. */
export function descriptorOf<N extends DescribedNode>(node: N): NodeDescriptor<z.ZodObject, N>;
export function descriptorOf(type: DescribedType): NodeDescriptor;
export function descriptorOf(nodeOrType: DescribedNode | DescribedType): NodeDescriptor {
  const type = typeof nodeOrType === 'string' ? nodeOrType : nodeOrType.type;
  const descriptor = BY_TYPE.get(type);
  if (!descriptor) throw new Error(`no descriptor for node type "${type}"`);
  return descriptor;
}

/**
 * The oldest document version that holds everything in `doc`. Each version
 * only adds to the format, so ConvStudio writes (and keeps in memory) a
 * document at this version: a network without newer node types stays
 * readable by an older ConvStudio, and one with them is refused there as
 * "written by a newer ConvStudio" rather than as an unknown node type.
 */
export function versionNeeded(doc: { nodes: readonly { type: string }[] }): number {
  return Math.max(1, ...doc.nodes.map((node) => BY_TYPE.get(node.type)?.sinceVersion ?? 1));
}

/** `doc` at the version its nodes need: the same object when it already is. */
export function atNeededVersion<D extends { version: number; nodes: readonly { type: string }[] }>(doc: D): D {
  const version = versionNeeded(doc);
  return doc.version === version ? doc : { ...doc, version };
}
