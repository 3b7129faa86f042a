/**
 * A node type, described once (tldraw's ShapeUtil is the model): its
 * document schema, how many inputs it takes, the parameters a new node starts
 * with, its palette group and inspector fields, its shape and cost
 * inference, and the layer it becomes. Every list of node types (the
 * document schema's union, arity, the palette, the defaults, the inspector,
 * the layer factory) is derived from ./registry.ts; a descriptor missing a
 * piece does not compile. engine/README.md says how to add one.
 */
import type { z } from 'zod';
import type { Layer, Parameter } from '../network/layer';
import type { InferContext, Inference, LayerInfo } from '../shapes/layerInfo';
import type { Padding } from '../graph/schema';
import type { OnnxMapping } from '../export/onnx/mappings';

/** Palette sections, in the order the palette shows them. */
export const PALETTE_GROUPS = ['Input', 'Convolution', 'Activations', 'Pooling', 'Dense', 'Structure', 'Output'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/**
 * One inspector field, as data (the renderer draws it): a whole or decimal
 * number, a checkbox, a height × width pair, the input's shape, or the
 * window (kernel or pool size, strides and padding, with the padding's
 * written-out arithmetic).
 */
export type FieldSpec =
  | { kind: 'integer' | 'decimal'; key: string; step?: number; /** what the engine uses when the document leaves it out */ fallback?: number }
  | { kind: 'check'; key: string; hint: string }
  | { kind: 'pair'; key: string }
  | { kind: 'shape' }
  | { kind: 'window' };

/** A sliding window's parameters with the defaults filled in, for the inspector's window fields. */
export interface WindowParams {
  /** The document's key for the window: `kernelSize` or `poolSize`. */
  windowKey: 'kernelSize' | 'poolSize';
  window: [number, number];
  strides: [number, number];
  padding: Padding;
}

/** How a weight tensor starts when the document stores none (biases start at zero). */
export type Initializer = 'heNormal' | 'glorotUniform';

/** What a layer factory gets besides its node. */
export interface LayerContext {
  info: LayerInfo;
  /** The node's weights (shapes from `info.weightShapes`): stored ones from the document, missing ones drawn. */
  parameters(initializer: Initializer, trainable: boolean): Parameter[];
}

/** Node types that switch into each other in place (the inspector's type switch). */
export type NodeFamily = 'activation' | 'convolution';

type ParamsOf<N> = N extends { params?: infer P } ? NonNullable<P> : never;

export interface NodeDescriptor<S extends z.ZodObject = z.ZodObject, N = z.infer<S>> {
  schema: S;
  /** Incoming connections: `max` Infinity for add and concat. */
  arity: { min: number; max: number };
  paletteGroup: PaletteGroup;
  /** The parameters a node added from the palette starts with (what a student most often wants), or none. */
  newParams: ParamsOf<N> | undefined;
  /** The inspector's fields, in order; empty: "No parameters". */
  fields: readonly FieldSpec[];
  family?: NodeFamily;
  infer(node: N, context: InferContext): Inference;
  /** The layer this node becomes; null for the input, which the network feeds itself. */
  createLayer: ((node: N, context: LayerContext) => Layer) | null;
  /** The window's parameters with defaults, for nodes with a sliding window. */
  window?(node: N): WindowParams;
  /** Its ONNX operators (opset 17), with its weights as initializers: engine/export/onnx/. */
  onnx: OnnxMapping<N>;
  /** The document version that added this type (1 where absent): a document holding it is written at that version or later. */
  sinceVersion?: number;
}
