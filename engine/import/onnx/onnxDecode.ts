/**
 * Reading the part of onnx.proto an import needs (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto) over protobufjs's
 * wire-format reader, written out per message for the same reason as the
 * encoder (../../export/onnx/onnxProto.ts): reflection compiles code at run
 * time, which the app's Content Security Policy forbids. Unknown fields are
 * skipped; subgraphs are not decoded (no operator ConvStudio reads has one),
 * so a hostile file cannot recurse deeply. Any decoding failure is an
 * OnnxFormatError with the byte offset.
 */
import protobuf from 'protobufjs/minimal.js';

type Reader = protobuf.Reader;

export class OnnxFormatError extends Error {}

export interface DecodedTensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData?: Uint8Array;
  floatData: number[];
  int32Data: number[];
  int64Data: number[];
  /** 1: the values live in an external file. */
  dataLocation: number;
}

export interface DecodedAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  /** A string attribute (bytes in onnx.proto, UTF-8 text for every attribute read here). */
  s?: string;
  t?: DecodedTensor;
  floats: number[];
  ints: number[];
}

export interface DecodedNode {
  name: string;
  opType: string;
  domain: string;
  input: string[];
  output: string[];
  attribute: DecodedAttribute[];
}

export interface DecodedValueInfo {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a symbolic one, undefined an unknown one; undefined dims: no shape given. */
  dims: (number | string | undefined)[] | undefined;
}

export interface DecodedGraph {
  name: string;
  nodes: DecodedNode[];
  initializers: DecodedTensor[];
  sparseInitializers: number;
  inputs: DecodedValueInfo[];
  outputs: DecodedValueInfo[];
}

export interface DecodedModel {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producerName: string;
  graph: DecodedGraph | undefined;
  metadata: Map<string, string>;
}

/** protobufjs gives 64-bit integers as a Long where the `long` package loads, else as a number. */
const number = (value: unknown): number => (typeof value === 'number' ? value : (value as { toNumber(): number }).toNumber());

/** Reads a message's fields up to `end`, giving each field number and wire type to `field` (which reads it or returns false to skip). */
function fields(r: Reader, end: number, field: (no: number, wire: number) => boolean): void {
  while (r.pos < end) {
    const key = r.uint32();
    const no = key >>> 3;
    const wire = key & 7;
    if (no === 0) throw new OnnxFormatError(`field number 0 at byte ${r.pos}`);
    if (!field(no, wire)) r.skipType(wire);
  }
  if (r.pos !== end) throw new OnnxFormatError(`a message overruns its length at byte ${r.pos}`);
}

function sub<T>(r: Reader, decode: (r: Reader, end: number) => T): T {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) throw new OnnxFormatError(`a message of ${length} bytes at byte ${r.pos} runs past the end of the file (truncated?)`);
  return decode(r, end);
}

/** A repeated scalar, packed (wire type 2) or not. */
function repeated(r: Reader, wire: number, readOne: () => number, into: number[]): void {
  if (wire !== 2) {
    into.push(readOne());
    return;
  }
  const end = r.uint32() + r.pos;
  if (end > r.len) throw new OnnxFormatError(`a packed list at byte ${r.pos} runs past the end of the file (truncated?)`);
  while (r.pos < end) into.push(readOne());
}

function tensor(r: Reader, end: number): DecodedTensor {
  const t: DecodedTensor = { name: '', dims: [], dataType: 0, floatData: [], int32Data: [], int64Data: [], dataLocation: 0 };
  fields(r, end, (no, wire) => {
    if (no === 1) repeated(r, wire, () => number(r.int64()), t.dims);
    else if (no === 2) t.dataType = r.int32();
    else if (no === 4) repeated(r, wire, () => r.float(), t.floatData);
    else if (no === 5) repeated(r, wire, () => r.int32(), t.int32Data);
    else if (no === 7) repeated(r, wire, () => number(r.int64()), t.int64Data);
    else if (no === 8) t.name = r.string();
    else if (no === 9) t.rawData = r.bytes();
    else if (no === 14) t.dataLocation = r.int32();
    else return false;
    return true;
  });
  return t;
}

function attribute(r: Reader, end: number): DecodedAttribute {
  const a: DecodedAttribute = { name: '', type: 0, floats: [], ints: [] };
  fields(r, end, (no, wire) => {
    if (no === 1) a.name = r.string();
    else if (no === 20) a.type = r.int32();
    else if (no === 2) a.f = r.float();
    else if (no === 3) a.i = number(r.int64());
    else if (no === 4) a.s = r.string();
    else if (no === 5) a.t = sub(r, tensor);
    else if (no === 7) repeated(r, wire, () => r.float(), a.floats);
    else if (no === 8) repeated(r, wire, () => number(r.int64()), a.ints);
    else return false;
    return true;
  });
  return a;
}

function node(r: Reader, end: number): DecodedNode {
  const n: DecodedNode = { name: '', opType: '', domain: '', input: [], output: [], attribute: [] };
  fields(r, end, (no) => {
    if (no === 1) n.input.push(r.string());
    else if (no === 2) n.output.push(r.string());
    else if (no === 3) n.name = r.string();
    else if (no === 4) n.opType = r.string();
    else if (no === 7) n.domain = r.string();
    else if (no === 5) n.attribute.push(sub(r, attribute));
    else return false;
    return true;
  });
  return n;
}

function valueInfo(r: Reader, end: number): DecodedValueInfo {
  const v: DecodedValueInfo = { name: '', elemType: 0, dims: undefined };
  fields(r, end, (no) => {
    if (no === 1) v.name = r.string();
    else if (no === 2) {
      // TypeProto { tensor_type = 1: { elem_type = 1, shape = 2: { dim = 1: { dim_value = 1 | dim_param = 2 } } } }
      sub(r, (r1, typeEnd) =>
        fields(r1, typeEnd, (typeNo) => {
          if (typeNo !== 1) return false;
          sub(r1, (r2, tensorEnd) =>
            fields(r2, tensorEnd, (tensorNo) => {
              if (tensorNo === 1) v.elemType = r2.int32();
              else if (tensorNo === 2) {
                const dims: DecodedValueInfo['dims'] & object = [];
                sub(r2, (r3, shapeEnd) =>
                  fields(r3, shapeEnd, (shapeNo) => {
                    if (shapeNo !== 1) return false;
                    let dim: number | string | undefined;
                    sub(r3, (r4, dimEnd) =>
                      fields(r4, dimEnd, (dimNo) => {
                        if (dimNo === 1) dim = number(r4.int64());
                        else if (dimNo === 2) dim = r4.string();
                        else return false;
                        return true;
                      }),
                    );
                    dims.push(dim);
                    return true;
                  }),
                );
                v.dims = dims;
              } else return false;
              return true;
            }),
          );
          return true;
        }),
      );
    } else return false;
    return true;
  });
  return v;
}

function graph(r: Reader, end: number): DecodedGraph {
  const g: DecodedGraph = { name: '', nodes: [], initializers: [], sparseInitializers: 0, inputs: [], outputs: [] };
  fields(r, end, (no) => {
    if (no === 1) g.nodes.push(sub(r, node));
    else if (no === 2) g.name = r.string();
    else if (no === 5) g.initializers.push(sub(r, tensor));
    else if (no === 15) {
      g.sparseInitializers++;
      return false;
    } else if (no === 11) g.inputs.push(sub(r, valueInfo));
    else if (no === 12) g.outputs.push(sub(r, valueInfo));
    else return false;
    return true;
  });
  return g;
}

/** A ModelProto from its bytes; throws OnnxFormatError when they are not one. */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const model: DecodedModel = { irVersion: 0, opsets: [], producerName: '', graph: undefined, metadata: new Map() };
  const r = protobuf.Reader.create(bytes);
  try {
    fields(r, r.len, (no, wire) => {
      if (no === 1 && wire === 0) model.irVersion = number(r.int64());
      else if (no === 2 && wire === 2) model.producerName = r.string();
      else if (no === 7 && wire === 2) model.graph = sub(r, graph);
      else if (no === 8 && wire === 2) {
        const opset = { domain: '', version: 0 };
        sub(r, (r1, end) =>
          fields(r1, end, (opNo) => {
            if (opNo === 1) opset.domain = r1.string();
            else if (opNo === 2) opset.version = number(r1.int64());
            else return false;
            return true;
          }),
        );
        model.opsets.push(opset);
      } else if (no === 14 && wire === 2) {
        let key = '';
        let value = '';
        sub(r, (r1, end) =>
          fields(r1, end, (entryNo) => {
            if (entryNo === 1) key = r1.string();
            else if (entryNo === 2) value = r1.string();
            else return false;
            return true;
          }),
        );
        model.metadata.set(key, value);
      } else return false;
      return true;
    });
  } catch (e) {
    if (e instanceof OnnxFormatError) throw e;
    // protobufjs's own errors ("index out of range", "invalid wire type"), or a stack overflow from nested groups.
    throw new OnnxFormatError(`${(e as Error).message} at byte ${r.pos}`);
  }
  return model;
}
