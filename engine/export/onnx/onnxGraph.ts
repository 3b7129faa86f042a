/**
 * An ONNX graph being built: nodes, initializers and fresh value names, as
 * plain objects shaped like onnx.proto's messages (onnxProto.ts encodes
 * them). Each node type's mapping (engine/nodes/<type>.ts, `onnx`) adds its
 * operators through this.
 */

/** onnx.proto's TensorProto.DataType values used here. */
export const ELEM = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;
type ElemType = (typeof ELEM)[keyof typeof ELEM];

/** onnx.proto's AttributeProto.AttributeType values used here. */
const ATTR = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export interface TensorMessage {
  name: string;
  dims: number[];
  dataType: ElemType;
  int64Data?: number[];
  int32Data?: number[];
  rawData?: Uint8Array;
}

export interface AttributeMessage {
  name: string;
  type: number;
  f?: number;
  i?: number;
  ints?: number[];
}

export interface NodeMessage {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: AttributeMessage[];
  docString?: string;
}

/** An attribute value: a whole number (int), a float written as such, or a list of whole numbers. */
export type AttributeValue = number | { float: number } | readonly number[];

export class OnnxGraph {
  readonly nodes: NodeMessage[] = [];
  readonly initializers: TensorMessage[] = [];
  private readonly used = new Set<string>();
  /** The ConvStudio node whose operators are being added (names and doc strings say it). */
  owner = '';

  /** A value name not used yet, `base` when free. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** A float initializer (weights stay float32, little-endian, as raw data). */
  floats(base: string, dims: readonly number[], values: ArrayLike<number>): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`${this.owner}: ${values.length} values for ONNX tensor ${base} of shape [${dims.join(', ')}]`);
    const name = this.fresh(base);
    const data = Float32Array.from(values);
    this.initializers.push({ name, dims: [...dims], dataType: ELEM.FLOAT, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  int64s(base: string, dims: readonly number[], values: readonly number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [...dims], dataType: ELEM.INT64, int64Data: [...values] });
    return name;
  }

  bools(base: string, dims: readonly number[], values: readonly boolean[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [...dims], dataType: ELEM.BOOL, int32Data: values.map((v) => (v ? 1 : 0)) });
    return name;
  }

  /** Adds an operator with one output and returns that output's name (`owner/OpType`; see `settle`). */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    const name = this.fresh(`${this.owner}/${opType}`);
    const output = name;
    this.nodes.push({
      name,
      opType,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      docString: `ConvStudio node ${this.owner}`,
    });
    return output;
  }
}

/**
 * Names the operator that makes `output` (a node's last) and its value after the ConvStudio node that
 * owns it, so Netron and an import see `c1`, not `c1/Conv`; its helpers keep `owner/OpType`.
 */
export function settle(graph: OnnxGraph, output: string): string {
  const last = graph.nodes.find((n) => n.output[0] === output);
  if (!last || !last.name.startsWith(`${graph.owner}/`)) return output;
  const name = graph.fresh(graph.owner);
  last.name = name;
  last.output = [name];
  return name;
}

function attribute(name: string, value: AttributeValue): AttributeMessage {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`ONNX attribute ${name}: ${value} is not a whole number; pass { float } for a float`);
    return { name, type: ATTR.INT, i: value };
  }
  if ('float' in value) return { name, type: ATTR.FLOAT, f: value.float };
  return { name, type: ATTR.INTS, ints: [...value] };
}
