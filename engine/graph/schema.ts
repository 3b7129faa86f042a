/**
 * The graph document (version CURRENT_VERSION, below): the one source of truth for its TypeScript
 * types (inferred below) and for runtime validation. Each node type's own
 * schema lives with the rest of that type in ../nodes/. The published JSON
 * Schema in resources/schema/ is generated from this file (`convstudio schema`).
 *
 * The schema keeps the document as the user wrote it: optional parameters stay
 * optional here and get their defaults in shapes/params.ts, so loading and
 * saving a file never rewrites what a student typed.
 */
import { z } from 'zod';
import { NodeIdSchema, type PaddingSchema, type SizePairSchema } from '../nodes/paramSchemas';
import { NODE_SCHEMAS } from '../nodes/registry';

export const GRAPH_FORMAT = 'convstudio-graph';
/** 2 added batchNorm2d, whose running statistics are saved among the weights. */
export const CURRENT_VERSION = 2;

export { MAX_AXIS, NodeIdSchema, PaddingSchema, SizePairSchema } from '../nodes/paramSchemas';

/** One node: its type's schema from the node registry (../nodes/), chosen by `type`. */
export const NodeSchema = z.discriminatedUnion('type', NODE_SCHEMAS);

export const NODE_TYPES = NodeSchema.options.map((option) => option.shape.type.value);

export const EdgeSchema = z.strictObject({
  from: NodeIdSchema,
  to: NodeIdSchema,
  /** Input position on the target, for nodes whose input order matters (`concat`). */
  port: z.number().int().min(0).max(1024).optional(),
});

/** A stored tensor: little-endian float32 in base64, or a plain number array. */
export const TensorSchema = z.strictObject({
  shape: z.array(z.number().int().min(1).max(1 << 28)).min(1).max(6),
  data: z.union([z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not valid base64'), z.array(z.number())]),
});

/** Per node id, per tensor name (`weight`, `bias`). */
export const WeightsSchema = z.record(NodeIdSchema, z.record(z.string(), TensorSchema));

const learningRate = z.number().gt(0).max(10);

export const OptimizerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('sgd'),
    learningRate,
    momentum: z.number().min(0).lt(1).optional(),
    nesterov: z.boolean().optional(),
    weightDecay: z.number().min(0).optional(),
  }),
  z.strictObject({
    type: z.literal('adam'),
    learningRate,
    beta1: z.number().min(0).lt(1).optional(),
    beta2: z.number().min(0).lt(1).optional(),
    epsilon: z.number().gt(0).optional(),
    weightDecay: z.number().min(0).optional(),
  }),
]);

export const TrainingSchema = z.strictObject({
  /** `mnist`, `fashion-mnist`, a synthetic set's name, or a folder path. */
  dataset: z.string().min(1).max(4096),
  epochs: z.number().int().min(1).max(10000).optional(),
  batchSize: z.number().int().min(1).max(65536).optional(),
  optimizer: OptimizerSchema.optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  /** Random translation of training images by up to maxShift pixels per axis. */
  augmentation: z.strictObject({ maxShift: z.number().int().min(0).max(8) }).optional(),
});

/** Editor-only data; the engine ignores it and the editor may add fields. */
export const ViewSchema = z.looseObject({
  positions: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })).optional(),
});

export const GraphDocumentSchema = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  // Any version this ConvStudio reads: a document is loaded through the migrations, and each version's format includes the ones before.
  version: z.number().int().min(1).max(CURRENT_VERSION),
  name: z.string().max(200),
  description: z.string().max(10000).optional(),
  nodes: z.array(NodeSchema).max(10000),
  edges: z.array(EdgeSchema).max(100000),
  weights: WeightsSchema.optional(),
  training: TrainingSchema.optional(),
  view: ViewSchema.optional(),
});

export type GraphDocument = z.infer<typeof GraphDocumentSchema>;
export type GraphNode = z.infer<typeof NodeSchema>;
export type NodeType = GraphNode['type'];
export type NodeOfType<T extends NodeType> = Extract<GraphNode, { type: T }>;
export type GraphEdge = z.infer<typeof EdgeSchema>;
export type StoredTensor = z.infer<typeof TensorSchema>;
export type SizePair = z.infer<typeof SizePairSchema>;
export type Padding = z.infer<typeof PaddingSchema>;
export type Training = z.infer<typeof TrainingSchema>;
