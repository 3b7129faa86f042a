/**
 * The pieces node parameter schemas are made of: sizes, padding, node ids,
 * and the parameter sets a family of layers shares. Each node type's file
 * (./conv2d.ts, …) builds its own schema from these with `nodeOf`.
 */
import { z } from 'zod';

/** Largest size accepted for any one axis (pixels, channels, units). */
export const MAX_AXIS = 65536;

export const positiveInt = z.number().int().min(1).max(MAX_AXIS);
const nonNegativeInt = z.number().int().min(0).max(MAX_AXIS);

/** A size per spatial axis: `[height, width]`, or one number for both. */
export const SizePairSchema = z.union([positiveInt, z.tuple([positiveInt, positiveInt])]);

/** `valid` (no padding), `same`, `full`, or explicit `[top, bottom, left, right]`. */
export const PaddingSchema = z.union([
  z.enum(['valid', 'same', 'full']),
  z.tuple([nonNegativeInt, nonNegativeInt, nonNegativeInt, nonNegativeInt]),
]);

export const NodeIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/, 'a node id uses letters, digits, "_", ".", ":" or "-"');

/** What conv2d, locallyConnected2d and tiledConv2d share. */
export const convParams = {
  filters: positiveInt,
  kernelSize: SizePairSchema,
  strides: SizePairSchema.optional(),
  padding: PaddingSchema.optional(),
  useBias: z.boolean().optional(),
  /** false keeps the weights fixed during training (e.g. a hand-made edge detector). */
  trainable: z.boolean().optional(),
};

export const poolParams = z.strictObject({
  poolSize: SizePairSchema.optional(),
  strides: SizePairSchema.optional(),
  padding: PaddingSchema.optional(),
});

export const noParams = z.strictObject({}).optional();

/** Fields every node has besides `type` and `params`. */
const nodeBase = {
  id: NodeIdSchema,
  /** Display name in the editor; the engine ignores it. */
  label: z.string().max(200).optional(),
};

/** A node of one type: `{ id, label?, type, params }`, nothing else. */
export function nodeOf<T extends string, P extends z.ZodType>(type: T, params: P) {
  return z.strictObject({ ...nodeBase, type: z.literal(type), params });
}
