/**
 * A corpus of broken and unsupported ONNX files, made here from a real
 * export (LeNet-5) and from small hand-built models, each with the words its
 * refusal must contain: not ONNX at all, truncated, corrupted, and valid ONNX
 * that uses what ConvStudio cannot express.
 */
import { readFileSync } from 'node:fs';
import { loadDocumentValue, type GraphDocument } from '../../engine';
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { ELEM, OnnxGraph, type AttributeValue } from '../../engine/export/onnx/onnxGraph';
import { encodeModel, type ValueInfoMessage } from '../../engine/export/onnx/onnxProto';

export interface BrokenModel {
  name: string;
  bytes: Uint8Array;
  /** What the one-line refusal says. */
  expect: RegExp;
}

const lenet = exportOnnx(loadDocumentValue(JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument).document!).bytes;

/** LeNet-5's export with one same-length string replaced (an operator renamed, an attribute changed). */
function replaced(from: string, to: string): Uint8Array {
  const text = Buffer.from(lenet).toString('latin1');
  if (!text.includes(from) || from.length !== to.length) throw new Error(`cannot replace ${from}`);
  return new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
}

interface Op {
  op: string;
  inputs: string[];
  attributes?: Record<string, AttributeValue>;
}

/** A one-input model [N, 1, 6, 6] (or `input`) with the given operators chained; `x` is the input, `prev` the last output. */
function model(ops: Op[], options: { opset?: number; input?: ValueInfoMessage; extraInputs?: ValueInfoMessage[]; outputs?: number; weights?: Record<string, [number[], number[]]>; int64s?: Record<string, number[]> } = {}): Uint8Array {
  const graph = new OnnxGraph();
  graph.owner = 'n';
  const names: Record<string, string> = { x: 'x' };
  for (const [key, [dims, values]] of Object.entries(options.weights ?? {})) names[key] = graph.floats(key, dims, values);
  for (const [key, values] of Object.entries(options.int64s ?? {})) names[key] = graph.int64s(key, [values.length], values);
  let prev = 'x';
  for (const { op, inputs, attributes } of ops) {
    names.prev = prev;
    prev = graph.op(op, inputs.map((i) => names[i] ?? i), attributes);
  }
  const input = options.input ?? { name: 'x', elemType: ELEM.FLOAT, dims: ['N', 1, 6, 6] };
  const output = { name: prev, elemType: ELEM.FLOAT, dims: ['N'] };
  return encodeModel({
    irVersion: 8,
    opset: options.opset ?? 17,
    producerName: 'test',
    producerVersion: '',
    docString: '',
    metadata: [],
    graph: { name: 'broken', nodes: graph.nodes, initializers: graph.initializers, inputs: [input, ...(options.extraInputs ?? [])], outputs: Array.from({ length: options.outputs ?? 1 }, () => output) },
  });
}

const conv = (attributes: Record<string, AttributeValue> = {}, weight = 'w'): Op => ({ op: 'Conv', inputs: ['prev', weight], attributes: { kernel_shape: [3, 3], ...attributes } });
const w = { w: [[2, 1, 3, 3], new Array(18).fill(0.1)] as [number[], number[]] };

export function brokenModels(): BrokenModel[] {
  const random = (seed: number, length: number) => {
    let s = seed;
    return Uint8Array.from({ length }, () => ((s = (s * 1103515245 + 12345) >>> 0), s >>> 24));
  };
  return [
    { name: 'empty.onnx', bytes: new Uint8Array(), expect: /empty/ },
    { name: 'document.onnx', bytes: new Uint8Array(readFileSync('resources/examples/lenet-5.json')), expect: /not an ONNX model/ },
    { name: 'png.onnx', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), expect: /not an ONNX model/ },
    ...[1, 2, 3].map((seed) => ({ name: `random-${seed}.onnx`, bytes: random(seed, 4096), expect: /not an ONNX model/ })),
    ...[0.1, 0.3, 0.5, 0.7, 0.9, 0.999].map((f) => ({ name: `truncated-${f}.onnx`, bytes: lenet.subarray(0, Math.floor(lenet.length * f)), expect: /truncated|not an ONNX model|not made by/ })),
    { name: 'unknown-op.onnx', bytes: replaced('Relu', 'Gelu'), expect: /\(Gelu, opset 17\): this operator is not supported/ },
    { name: 'hardmax.onnx', bytes: replaced('Softmax', 'Hardmax'), expect: /\(Hardmax, opset 17\)/ },
    { name: 'renamed-weight.onnx', bytes: replaced('c1.weight', 'c1.wEight'), expect: /is not made by an earlier operator or an initializer/ },
    { name: 'opset-9.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { opset: 9 }), expect: /opset 9; ConvStudio reads opsets 11 to 17/ },
    { name: 'opset-18.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { opset: 18 }), expect: /opset 18/ },
    { name: 'two-inputs.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { extraInputs: [{ name: 'y', elemType: ELEM.FLOAT, dims: ['N', 3] }] }), expect: /2 graph inputs/ },
    { name: 'two-outputs.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { outputs: 2 }), expect: /2 graph outputs/ },
    { name: 'dynamic-height.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { input: { name: 'x', elemType: ELEM.FLOAT, dims: ['N', 1, 'H', 6] } }), expect: /dynamic shape/ },
    { name: 'three-d-input.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { input: { name: 'x', elemType: ELEM.FLOAT, dims: ['N', 6, 6] } }), expect: /\[N, C, H, W\] or \[N, F\]/ },
    { name: 'int64-input.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }], { input: { name: 'x', elemType: ELEM.INT64, dims: ['N', 1, 6, 6] } }), expect: /not float32/ },
    { name: 'gemm-transA.onnx', bytes: model([{ op: 'Flatten', inputs: ['prev'], attributes: { axis: 1 } }, { op: 'Gemm', inputs: ['prev', 'g'], attributes: { transA: 1 } }], { weights: { g: [[36, 2], new Array(72).fill(0)] } }), expect: /transA/ },
    { name: 'softmax-axis-0.onnx', bytes: model([{ op: 'Flatten', inputs: ['prev'], attributes: { axis: 1 } }, { op: 'Softmax', inputs: ['prev'], attributes: { axis: 0 } }]), expect: /softmax over axis 0/ },
    { name: 'concat-axis-2.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'] }, { op: 'Concat', inputs: ['prev', 'prev'], attributes: { axis: 2 } }]), expect: /axis 2; ConvStudio concatenates channels/ },
    { name: 'flatten-axis-2.onnx', bytes: model([{ op: 'Flatten', inputs: ['prev'], attributes: { axis: 2 } }]), expect: /axis 2; ConvStudio flattens from axis 1/ },
    { name: 'reshape-4d.onnx', bytes: model([{ op: 'Reshape', inputs: ['prev', 's'] }], { int64s: { s: [0, 2, 3, -1] } }), expect: /reshape to \[0, 2, 3, -1\]/ },
    { name: 'maxpool-ceil.onnx', bytes: model([{ op: 'MaxPool', inputs: ['prev'], attributes: { kernel_shape: [2, 2], ceil_mode: 1 } }]), expect: /ceil_mode = 1/ },
    { name: 'avgpool-counts-padding.onnx', bytes: model([{ op: 'AveragePool', inputs: ['prev'], attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1 } }]), expect: /count_include_pad = 1 with padding/ },
    { name: 'pad-then-avgpool.onnx', bytes: model([{ op: 'Pad', inputs: ['prev', 'p'] }, { op: 'AveragePool', inputs: ['prev'], attributes: { kernel_shape: [3, 3] } }], { int64s: { p: [0, 0, 1, 1, 0, 0, 1, 1] } }), expect: /counts the padding \(PyTorch’s default AvgPool2d\)/ },
    { name: 'pad-alone.onnx', bytes: model([{ op: 'Pad', inputs: ['prev', 'p'] }], { int64s: { p: [0, 0, 1, 1, 0, 0, 1, 1] } }), expect: /a Pad is read only before a Conv or MaxPool/ },
    { name: 'grouped-conv.onnx', bytes: model([conv({ group: 1 }), { op: 'Conv', inputs: ['prev', 'g'], attributes: { kernel_shape: [1, 1], group: 2 } }], { weights: { ...w, g: [[2, 1, 1, 1], [0.5, 0.5]] } }), expect: /group = 2/ },
    { name: 'conv-wrong-channels.onnx', bytes: model([conv()], { weights: { w: [[2, 3, 3, 3], new Array(54).fill(0)] } }), expect: /does not fit 1 input channels/ },
    { name: 'conv-bigger-than-input.onnx', bytes: model([conv({ kernel_shape: [7, 7] })], { weights: { w: [[1, 1, 7, 7], new Array(49).fill(0)] } }), expect: /kernel is larger than the padded input/ },
    { name: 'add-broadcast-constant.onnx', bytes: model([{ op: 'Add', inputs: ['prev', 'b'] }], { weights: { b: [[1], [1]] } }), expect: /constant where ConvStudio needs a layer/ },
    { name: 'where-alone.onnx', bytes: model([{ op: 'Where', inputs: ['m', 'z', 'prev'] }], { weights: { m: [[1], [1]], z: [[], [0]] } }), expect: /Where is read only as the empty-window mask/ },
    { name: 'mul-alone.onnx', bytes: model([{ op: 'Mul', inputs: ['prev', 'z'] }], { weights: { z: [[], [2]] } }), expect: /Mul is read only as the 1\/count step/ },
    { name: 'batchnorm-training.onnx', bytes: model([{ op: 'BatchNormalization', inputs: ['prev', 's', 's', 's', 's'], attributes: { training_mode: 1 } }], { weights: { s: [[1], [1]] } }), expect: /training_mode = 1/ },
    { name: 'unknown-attribute.onnx', bytes: model([{ op: 'Relu', inputs: ['prev'], attributes: { speed: 3 } }]), expect: /attribute speed is not supported/ },
    { name: 'missing-input.onnx', bytes: model([{ op: 'Relu', inputs: ['nowhere'] }]), expect: /input "nowhere" is not made by an earlier operator/ },
    { name: 'lrn.onnx', bytes: model([{ op: 'LRN', inputs: ['prev'], attributes: { size: 3 } }]), expect: /\(LRN, opset 17\)/ },
  ];
}
