/**
 * Encoding the part of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto)
 * an export writes, over protobufjs's wire-format writer. The encoders are
 * written out per message, as protobufjs's own static code generator would:
 * its reflection-based encoders compile code at run time (`new Function`),
 * which the app's Content Security Policy forbids. Field numbers and wire
 * types are onnx.proto's; enums go as their int32 values.
 */
import protobuf from 'protobufjs/minimal.js';
import type { AttributeMessage, NodeMessage, TensorMessage } from './onnxGraph';

type Writer = protobuf.Writer;

const VARINT = 0;
const FIXED32 = 5;
const DELIMITED = 2;
const tag = (field: number, wire: number) => ((field << 3) | wire) >>> 0;

export interface ValueInfoMessage {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a symbolic one (the batch). */
  dims: (number | string)[];
}

export interface ModelMessage {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  metadata: [string, string][];
  graph: { name: string; nodes: NodeMessage[]; initializers: TensorMessage[]; inputs: ValueInfoMessage[]; outputs: ValueInfoMessage[] };
}

const string = (w: Writer, field: number, value: string | undefined) => {
  if (value !== undefined) w.uint32(tag(field, DELIMITED)).string(value);
};
const message = <T>(w: Writer, field: number, value: T, encode: (value: T, w: Writer) => void) => {
  encode(value, w.uint32(tag(field, DELIMITED)).fork());
  w.ldelim();
};
const packedInt64s = (w: Writer, field: number, values: readonly number[] | undefined) => {
  if (!values || values.length === 0) return;
  w.uint32(tag(field, DELIMITED)).fork();
  for (const v of values) w.int64(v);
  w.ldelim();
};

function tensor(t: TensorMessage, w: Writer): void {
  for (const d of t.dims) w.uint32(tag(1, VARINT)).int64(d); // dims: repeated int64, not packed in onnx.proto
  w.uint32(tag(2, VARINT)).int32(t.dataType);
  if (t.int32Data && t.int32Data.length > 0) {
    w.uint32(tag(5, DELIMITED)).fork();
    for (const v of t.int32Data) w.int32(v);
    w.ldelim();
  }
  packedInt64s(w, 7, t.int64Data);
  string(w, 8, t.name);
  if (t.rawData) w.uint32(tag(9, DELIMITED)).bytes(t.rawData);
}

function attribute(a: AttributeMessage, w: Writer): void {
  string(w, 1, a.name);
  if (a.f !== undefined) w.uint32(tag(2, FIXED32)).float(a.f);
  if (a.i !== undefined) w.uint32(tag(3, VARINT)).int64(a.i);
  for (const v of a.ints ?? []) w.uint32(tag(8, VARINT)).int64(v);
  w.uint32(tag(20, VARINT)).int32(a.type);
}

function node(n: NodeMessage, w: Writer): void {
  for (const input of n.input) string(w, 1, input);
  for (const output of n.output) string(w, 2, output);
  string(w, 3, n.name);
  string(w, 4, n.opType);
  for (const a of n.attribute) message(w, 5, a, attribute);
  string(w, 6, n.docString);
}

function valueInfo(v: ValueInfoMessage, w: Writer): void {
  string(w, 1, v.name);
  // TypeProto { tensor_type = 1: { elem_type = 1, shape = 2: { dim = 1: { dim_value = 1 | dim_param = 2 } } } }
  message(w, 2, v, (value, type) =>
    message(type, 1, value, (inner, tensorType) => {
      tensorType.uint32(tag(1, VARINT)).int32(inner.elemType);
      message(tensorType, 2, inner.dims, (dims, shape) => {
        for (const d of dims) message(shape, 1, d, (dim, dimension) => (typeof dim === 'number' ? dimension.uint32(tag(1, VARINT)).int64(dim) : string(dimension, 2, dim)));
      });
    }),
  );
}

function graph(g: ModelMessage['graph'], w: Writer): void {
  for (const n of g.nodes) message(w, 1, n, node);
  string(w, 2, g.name);
  for (const t of g.initializers) message(w, 5, t, tensor);
  for (const v of g.inputs) message(w, 11, v, valueInfo);
  for (const v of g.outputs) message(w, 12, v, valueInfo);
}

/** A ModelProto's bytes. */
export function encodeModel(model: ModelMessage): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32(tag(1, VARINT)).int64(model.irVersion);
  string(w, 2, model.producerName);
  string(w, 3, model.producerVersion);
  string(w, 6, model.docString);
  message(w, 7, model.graph, graph);
  // OperatorSetIdProto { domain = 1 (the default domain: empty), version = 2 }
  message(w, 8, model.opset, (version, opset) => {
    string(opset, 1, '');
    opset.uint32(tag(2, VARINT)).int64(version);
  });
  for (const [key, value] of model.metadata) message(w, 14, [key, value] as const, ([k, v], entry) => {
    string(entry, 1, k);
    string(entry, 2, v);
  });
  return w.finish();
}
