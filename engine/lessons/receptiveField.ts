/**
 * Lesson 2, sparse interactions and receptive fields, on any graph: which
 * units of every upstream node one unit depends on (back to the input
 * pixels), and which units of every downstream node one input pixel
 * influences. Computed exactly, unit by unit, from each layer's window
 * arithmetic (strides, every padding mode, pooling, branches): at the
 * borders and under padding the field is what the layer really reads, not
 * the formula's square. For each conv-like and pooling node the formula's
 * numbers too: size, jump (the effective stride) and start, per axis.
 */
import type { GraphAnalysis } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import { extentOf, inputTapsOf, type WindowPlan } from '../shapes/windowArithmetic';

/** Per node id, one flag per unit of its output (C×H×W or F, row-major). */
export type UnitMasks = Map<string, Uint8Array>;

/** The node types that read their input through a window (kernels and pooling). */
export const WINDOWED: ReadonlySet<string> = new Set(['conv2d', 'locallyConnected2d', 'tiledConv2d', 'maxPool2d', 'avgPool2d']);
const CHANNEL_MIXING = new Set(['conv2d', 'locallyConnected2d', 'tiledConv2d']);

interface Graph {
  typeOf: Map<string, string>;
  shapeOf: Map<string, readonly number[]>;
  windowOf: Map<string, WindowPlan>;
  inputsOf: Map<string, string[]>;
  order: string[];
}

function graphOf(doc: GraphDocument, analysis: GraphAnalysis): Graph {
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type as string]));
  const shapeOf = new Map<string, readonly number[]>();
  const windowOf = new Map<string, WindowPlan>();
  for (const [id, info] of analysis.infoOf) {
    shapeOf.set(id, info.outputShape);
    if (info.window) windowOf.set(id, info.window);
  }
  const order = analysis.topology.order.filter((id) => shapeOf.has(id));
  return { typeOf, shapeOf, windowOf, inputsOf: analysis.topology.inputsOf, order };
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * For each unit of `node`'s output, calls `visit` with each input (by position in inputsOf) and
 * each unit of that input it reads. The one place that knows what each layer type reads.
 */
function forEachRead(g: Graph, node: string, unit: number, visit: (input: number, inputUnit: number) => void): void {
  const type = g.typeOf.get(node)!;
  const inputs = g.inputsOf.get(node) ?? [];
  const first = inputs[0] === undefined ? undefined : g.shapeOf.get(inputs[0]);
  if (!first) return;
  if (WINDOWED.has(type)) {
    const plan = g.windowOf.get(node)!;
    const [inC = 1, inH = 1, inW = 1] = first;
    const outH = plan.rows.outSize;
    const outW = plan.cols.outSize;
    const channel = Math.floor(unit / (outH * outW));
    // A dilated kernel reads every d-th pixel of its span, not the gaps between.
    const rows = inputTapsOf(plan.rows, Math.floor(unit / outW) % outH);
    const cols = inputTapsOf(plan.cols, unit % outW);
    const channels = CHANNEL_MIXING.has(type) ? Array.from({ length: inC }, (_, c) => c) : [channel];
    for (const c of channels) for (const y of rows) for (const x of cols) visit(0, (c * inH + y) * inW + x);
    return;
  }
  if (type === 'dense' || type === 'softmax') {
    for (let i = 0; i < sizeOf(first); i++) visit(0, i);
    return;
  }
  if (type === 'add') {
    inputs.forEach((_, i) => visit(i, unit));
    return;
  }
  if (type === 'concat') {
    // Channels (or vector entries) of the inputs one after the other.
    let offset = 0;
    for (const [i, id] of inputs.entries()) {
      const size = sizeOf(g.shapeOf.get(id) ?? []);
      if (unit < offset + size) return visit(i, unit - offset);
      offset += size;
    }
    return;
  }
  // Unit for unit: activations, dropout, flatten (C×H×W read in the same order).
  visit(0, unit);
}

/** The units of every upstream node that `unit` of `nodeId` depends on (its own entry marks the unit itself). */
export function dependsOn(doc: GraphDocument, analysis: GraphAnalysis, nodeId: string, unit: number): UnitMasks {
  const g = graphOf(doc, analysis);
  const masks: UnitMasks = new Map();
  const own = new Uint8Array(sizeOf(g.shapeOf.get(nodeId) ?? []));
  own[unit] = 1;
  masks.set(nodeId, own);
  for (const id of [...g.order].reverse()) {
    const mask = masks.get(id);
    if (!mask) continue;
    const inputs = g.inputsOf.get(id) ?? [];
    for (let u = 0; u < mask.length; u++) {
      if (!mask[u]) continue;
      forEachRead(g, id, u, (i, inputUnit) => {
        const from = inputs[i]!;
        let target = masks.get(from);
        if (!target) masks.set(from, (target = new Uint8Array(sizeOf(g.shapeOf.get(from) ?? []))));
        target[inputUnit] = 1;
      });
    }
  }
  return masks;
}

/** The units of every downstream node that `unit` of `nodeId` (an input pixel, say) influences. */
export function influences(doc: GraphDocument, analysis: GraphAnalysis, nodeId: string, unit: number): UnitMasks {
  const g = graphOf(doc, analysis);
  const masks: UnitMasks = new Map();
  const own = new Uint8Array(sizeOf(g.shapeOf.get(nodeId) ?? []));
  own[unit] = 1;
  masks.set(nodeId, own);
  for (const id of g.order) {
    if (masks.has(id)) continue;
    const inputs = g.inputsOf.get(id) ?? [];
    const inputMasks = inputs.map((from) => masks.get(from));
    if (inputMasks.every((m) => !m)) continue;
    const mask = new Uint8Array(sizeOf(g.shapeOf.get(id) ?? []));
    let any = false;
    for (let u = 0; u < mask.length; u++) {
      forEachRead(g, id, u, (i, inputUnit) => {
        if (inputMasks[i]?.[inputUnit]) mask[u] = 1;
      });
      if (mask[u]) any = true;
    }
    if (any) masks.set(id, mask);
  }
  return masks;
}

export interface AxisField {
  /** Input pixels one unit sees along the axis (the formula: r = r_in + (k − 1)·j_in). */
  size: number;
  /** Input pixels between neighbouring units (j = j_in·s). */
  jump: number;
  /** Where unit 0's field begins, in input pixels (negative under padding: s = s_in − p·j_in). */
  start: number;
}

export interface FieldStats {
  rows: AxisField;
  cols: AxisField;
}

/**
 * The formula's receptive field of every node with a spatial output, along each axis, from the
 * input: windows grow it, elementwise layers keep it, a branch (add, concat) takes the union of its
 * inputs' fields. Nodes after a flatten or dense layer see the whole input and have none.
 */
export function fieldStats(doc: GraphDocument, analysis: GraphAnalysis): Map<string, FieldStats> {
  const g = graphOf(doc, analysis);
  const stats = new Map<string, FieldStats>();
  const unit: AxisField = { size: 1, jump: 1, start: 0 };
  for (const id of g.order) {
    const type = g.typeOf.get(id)!;
    if (type === 'input') {
      if ((g.shapeOf.get(id) ?? []).length === 3) stats.set(id, { rows: unit, cols: unit });
      continue;
    }
    const from = (g.inputsOf.get(id) ?? []).map((i) => stats.get(i));
    if (from.length === 0 || from.some((f) => !f) || (g.shapeOf.get(id) ?? []).length !== 3) continue;
    const fields = from as FieldStats[];
    const plan = g.windowOf.get(id);
    if (WINDOWED.has(type) && plan) {
      const grow = (f: AxisField, axis: WindowPlan['rows']): AxisField => ({ size: f.size + (extentOf(axis) - 1) * f.jump, jump: f.jump * axis.stride, start: f.start - axis.padBefore * f.jump });
      stats.set(id, { rows: grow(fields[0]!.rows, plan.rows), cols: grow(fields[0]!.cols, plan.cols) });
    } else {
      const union = (axes: AxisField[]): AxisField => {
        const start = Math.min(...axes.map((a) => a.start));
        const end = Math.max(...axes.map((a) => a.start + a.size));
        return { size: end - start, jump: Math.max(...axes.map((a) => a.jump)), start };
      };
      stats.set(id, { rows: union(fields.map((f) => f.rows)), cols: union(fields.map((f) => f.cols)) });
    }
  }
  return stats;
}

/** The same layer as a dense one: the convolution's connections (W's non-zeros, at most k·m: fewer where windows meet zero padding) against m·n, and the parameters. */
export function denseComparison(analysis: GraphAnalysis, nodeId: string): { inputs: number; outputs: number; connections: number; denseConnections: number; parameters: number; denseParameters: number } | undefined {
  const info = analysis.infoOf.get(nodeId);
  const table = info?.matrixEquivalent;
  if (!info || !table) return undefined;
  const outputs = sizeOf(info.outputShape);
  const inputs = table.dense.storedFloats / outputs;
  return { inputs, outputs, connections: table.sparse.storedFloats, denseConnections: table.dense.storedFloats, parameters: table.convolution.storedFloats, denseParameters: table.dense.storedFloats };
}

/** A unit by CHANNEL,ROW,COLUMN (or one index), checked against the shape; empty: the middle of channel 0. */
export function unitIndex(shape: readonly number[], text: string): number {
  const size = shape.reduce((a, b) => a * b, 1);
  if (text.trim() === '') return shape.length === 3 ? Math.floor(shape[1]! / 2) * shape[2]! + Math.floor(shape[2]! / 2) : Math.floor(size / 2);
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) throw new Error(`"${text}" is not CHANNEL,ROW,COLUMN or an index`);
  if (parts.length === 3 && shape.length === 3) {
    const [c, y, x] = parts as [number, number, number];
    if (c >= shape[0]! || y >= shape[1]! || x >= shape[2]!) throw new Error(`unit ${text} is outside the ${shape.join('×')} output`);
    return (c * shape[1]! + y) * shape[2]! + x;
  }
  if (parts.length !== 1 || parts[0]! >= size) throw new Error(`unit ${text} is outside the ${shape.join('×')} output`);
  return parts[0]!;
}
