/**
 * An ONNX model as a graph document: the operators ConvStudio's export
 * writes (../../export/onnx/) and what `torch.onnx.export` writes for the
 * same layers, read back into nodes with their weights, laid out by rank.
 *
 * Operators are read in the file's order. Some ConvStudio nodes are several
 * operators (Flatten → Gemm is one dense node, Pad → Conv one convolution,
 * Pad(−∞) → MaxPool → Where one max pool, an all-ones depthwise Conv → Mul
 * one average pool that excludes padding, identity-bank Conv → Reshape →
 * Transpose → MatMul (→ Gather for tiles) → Transpose → Reshape → Add one
 * locally-connected or tiled layer): the first operators of such a
 * chain leave a pending value that the next one completes, or that becomes a
 * node of its own when something else reads it. Anything else is refused
 * with its operator, node name and opset (OnnxImportError, one line), and
 * nothing is half-imported: the document is built whole or not at all.
 */
import { CURRENT_VERSION, GRAPH_FORMAT, NodeIdSchema, type GraphDocument, type GraphEdge, type GraphNode, type NodeType, type Padding } from '../../graph/schema';
import { encodeTensor } from '../../graph/tensorData';
import { loadDocumentValue } from '../../graph/load';
import { planWindow } from '../../shapes/windowArithmetic';
import { freshNodeId } from '../../graph/nodeIds';
import { realPixels, transposeEach } from '../../export/onnx/mappings';
import { decodeModel, OnnxFormatError, type DecodedAttribute, type DecodedModel, type DecodedNode, type DecodedTensor } from './onnxDecode';
import { rankLayout } from './rankLayout';

/** Larger files are refused before they are read (the biggest network ConvStudio trains is far smaller). */
export const MAX_ONNX_BYTES = 256 * 1024 * 1024;
/** The opsets whose operators, as read here, mean the same. */
export const ONNX_OPSETS = { min: 11, max: 17 } as const;

export class OnnxImportError extends Error {}

export interface OnnxImport {
  document: GraphDocument;
  opset: number;
  producer: string;
}

type Pair = [number, number];
/** [top, left, bottom, right], ONNX's order. */
type Pads = [number, number, number, number];

interface Constant {
  kind: 'constant';
  dims: number[];
  values: Float32Array;
  /** Made by a Gather of kernel sets by position (a tiled layer's export): the sets and each position's set, from which the tiles are read. */
  gathered?: { sets: Constant; index: number[] };
}
/** A document node's output; shape without the batch axis. */
interface NodeValue {
  kind: 'node';
  id: string;
  shape: number[];
}
/** The start of a multi-operator chain, waiting for the operator that completes it. */
interface Pending {
  kind: 'pending';
  shape: number[];
  chain:
    | { step: 'padded'; source: NodeValue; pads: Pads; fill: number }
    /** `owner`: the dense node an export's helper Flatten (`d1/Flatten`) belongs to, the only Gemm it folds into. */
    | { step: 'flattened'; source: NodeValue; owner: string | undefined }
    | { step: 'globalAverage'; source: NodeValue }
    | { step: 'maxPoolOverPadding'; source: NodeValue; window: Pair; strides: Pair; pads: Pads; empty: boolean[] }
    | { step: 'windowSums'; source: NodeValue; window: Pair; strides: Pair; pads: Pads; inverse: number[] }
    | { step: 'matmul'; source: NodeValue; weight: Float32Array; units: number }
    /** The kernel-set chain (locally connected, tiled): each window laid out as channels, then one product per position. */
    | { step: KernelSetStep; window: KernelSetWindow; kernels?: Constant };
  /** What an operator that does not complete the chain reads (made once). */
  materialize: () => NodeValue;
  made?: NodeValue;
}
type Value = Constant | NodeValue | Pending;
type KernelSetStep = 'windows' | 'columns' | 'byPosition' | 'products' | 'channelsFirst' | 'kernelSetOutput';
interface KernelSetWindow {
  source: NodeValue;
  kernel: Pair;
  strides: Pair;
  pads: Pads;
  out: Pair;
}

const ATTR = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;
const ELEM = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const;

/** Reads the model in `bytes` (named `fileName` in errors) as a document; throws OnnxImportError. */
export function importOnnx(bytes: Uint8Array, fileName = 'model.onnx'): OnnxImport {
  const fail = (message: string): never => {
    throw new OnnxImportError(`${fileName}: ${message}`);
  };
  if (bytes.length === 0) fail('the file is empty, not an ONNX model');
  if (bytes.length > MAX_ONNX_BYTES) fail(`${bytes.length.toLocaleString('en-US')} bytes; ConvStudio imports ONNX models up to ${MAX_ONNX_BYTES / 1024 / 1024} MB`);
  let model: DecodedModel;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    if (!(e instanceof OnnxFormatError)) throw e;
    return fail(`not an ONNX model, or truncated (${e.message})`);
  }
  const graph = model.graph;
  if (!graph || model.irVersion <= 0) return fail('not an ONNX model (no ir_version or no graph)');
  const opset = model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version;
  if (opset === undefined) return fail('no opset for the default ONNX domain');
  if (opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max) fail(`opset ${opset}; ConvStudio reads opsets ${ONNX_OPSETS.min} to ${ONNX_OPSETS.max}`);
  if (graph.sparseInitializers > 0) fail('sparse initializers are not supported');

  const values = new Map<string, Value>();
  for (const t of graph.initializers) values.set(t.name, constantOf(t, (m) => fail(`initializer "${t.name}": ${m}`)));
  const realInputs = graph.inputs.filter((i) => !values.has(i.name));
  if (realInputs.length !== 1) fail(`${realInputs.length} graph inputs; ConvStudio reads a network with one input`);
  if (graph.outputs.length !== 1) fail(`${graph.outputs.length} graph outputs; ConvStudio reads a network with one output`);

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const weights: NonNullable<GraphDocument['weights']> = {};
  const taken = new Set<string>();
  const idFor = (name: string, type: NodeType) => {
    const id = idFromName(name, taken) ?? freshNodeId(type, taken);
    taken.add(id);
    return id;
  };
  const add = (name: string, node: Omit<GraphNode, 'id'>, from: readonly NodeValue[], shape: number[], tensors: Record<string, { dims: number[]; values: Float32Array }> = {}): NodeValue => {
    const id = idFor(name, node.type);
    nodes.push({ id, ...node } as GraphNode);
    from.forEach((f, port) => edges.push({ from: f.id, to: id, ...(node.type === 'concat' ? { port } : {}) }));
    if (Object.keys(tensors).length > 0) weights[id] = Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, encodeTensor(t.dims, t.values)]));
    return { kind: 'node', id, shape };
  };

  const input = realInputs[0]!;
  const dims = input.dims ?? fail(`input "${input.name}" has no shape`);
  if (input.elemType !== ELEM.FLOAT) fail(`input "${input.name}" is not float32 (element type ${input.elemType})`);
  const inner = dims.slice(1);
  if ((dims.length !== 4 && dims.length !== 2) || inner.some((d) => typeof d !== 'number' || d < 1)) {
    fail(`input "${input.name}" has shape [${dims.map((d) => d ?? '?').join(', ')}]; ConvStudio reads [N, C, H, W] or [N, F] with fixed sizes after the batch (a dynamic shape is not supported)`);
  }
  const inputShape = inner as number[];
  const inputId = idFromName(input.name, taken) ?? 'input';
  taken.add(inputId);
  nodes.push({ id: inputId, type: 'input', params: { shape: inputShape as [number, number, number] } });
  values.set(input.name, { kind: 'node', id: inputId, shape: inputShape });

  for (const op of graph.nodes) {
    const refuse = (message: string): never => fail(`node "${op.name || '(unnamed)'}" (${op.opType}, opset ${opset}): ${message}`);
    if (op.domain !== '' && op.domain !== 'ai.onnx') refuse(`operators of domain "${op.domain}" are not supported`);
    const reader = operatorReader(op, values, refuse);
    const made = readOperator(op, reader, { add, refuse });
    const [first, ...rest] = op.output;
    if (first === undefined) refuse('no output');
    if (rest.some((o) => o !== '')) refuse(`${op.output.length} outputs; ConvStudio reads its first only`);
    values.set(first!, made);
  }
  const output = values.get(graph.outputs[0]!.name);
  if (!output) return fail(`the graph output "${graph.outputs[0]!.name}" is not made by any operator`);
  if (output.kind === 'constant') fail(`the graph output "${graph.outputs[0]!.name}" is a constant`);
  if (output.kind === 'pending') output.materialize();

  const name = model.metadata.get('convstudio.document.name') ?? (graph.name || fileName.replace(/\.onnx$/i, ''));
  const raw: GraphDocument = {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    name: name.slice(0, 200),
    nodes,
    edges,
    ...(Object.keys(weights).length > 0 ? { weights } : {}),
  };
  const laid = { ...raw, view: { positions: rankLayout(raw) } };
  const loaded = loadDocumentValue(laid);
  const problem = loaded.problems.find((p) => p.severity === 'error');
  if (!loaded.document || problem) return fail(`the imported graph has a problem: ${problem ? `${problem.message}${problem.nodeId ? ` (node ${problem.nodeId})` : ''}` : 'it does not load'}`);
  return { document: loaded.document, opset, producer: model.producerName };
}

/** The node id an ONNX name gives: itself when a valid, free id (ConvStudio's export), else torch's "/conv1/Conv" → "conv1". */
function idFromName(name: string, taken: ReadonlySet<string>): string | undefined {
  const segments = name.split('/').filter((s) => s !== '');
  const candidates = [name, segments.length > 1 ? segments[segments.length - 2] : undefined];
  return candidates.find((c): c is string => c !== undefined && NodeIdSchema.safeParse(c).success && !taken.has(c));
}

function constantOf(t: DecodedTensor, fail: (message: string) => never): Constant {
  if (t.dataLocation === 1) fail('external data is not supported (save the model with its weights inside)');
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.dims.some((d) => !Number.isInteger(d) || d < 0) || count > 1 << 28) fail(`dims [${t.dims.join(', ')}] are not a tensor ConvStudio can hold`);
  const values = new Float32Array(count);
  const raw = t.rawData;
  const width = t.dataType === ELEM.FLOAT || t.dataType === ELEM.INT32 ? 4 : t.dataType === ELEM.INT64 ? 8 : t.dataType === ELEM.BOOL ? 1 : 0;
  if (width === 0) fail(`element type ${t.dataType} is not supported (float32, int32, int64 or bool)`);
  if (raw) {
    if (raw.length !== count * width) fail(`${raw.length} bytes of data for ${count} values`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) {
      values[i] = width === 4 ? (t.dataType === ELEM.FLOAT ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true)) : width === 8 ? Number(view.getBigInt64(i * 8, true)) : view.getUint8(i);
    }
  } else {
    const list = t.dataType === ELEM.FLOAT ? t.floatData : t.dataType === ELEM.INT64 ? t.int64Data : t.int32Data;
    if (list.length !== count) fail(`${list.length} values for dims [${t.dims.join(', ')}]`);
    values.set(list);
  }
  return { kind: 'constant', dims: t.dims, values };
}

interface OperatorReader {
  /** Input `i` as a document node's output (completing nothing: a pending chain becomes its node). */
  node(i: number): NodeValue;
  value(i: number): Value | undefined;
  constant(i: number, what: string): Constant;
  has(i: number): boolean;
  count: number;
  int(name: string, fallback: number): number;
  float(name: string, fallback: number): number;
  ints(name: string, fallback: number[]): number[];
  string(name: string, fallback: string): string;
  /** Refuses any attribute not in `known`. */
  only(...known: string[]): void;
}

function operatorReader(op: DecodedNode, values: ReadonlyMap<string, Value>, refuse: (message: string) => never): OperatorReader {
  const present = op.input.map((name) => name !== '');
  const value = (i: number) => (present[i] ? values.get(op.input[i]!) : undefined);
  const must = (i: number) => value(i) ?? refuse(`input "${op.input[i] ?? i}" is not made by an earlier operator or an initializer`);
  const attribute = (name: string, type: number): DecodedAttribute | undefined => {
    const a = op.attribute.find((x) => x.name === name);
    if (a && a.type !== type && a.type !== 0) refuse(`attribute ${name} has type ${a.type}, expected ${type}`);
    return a;
  };
  return {
    count: op.input.filter((n) => n !== '').length,
    has: (i) => present[i] === true,
    value,
    node(i) {
      const v = must(i);
      if (v.kind === 'constant') return refuse(`input "${op.input[i]}" is a constant where ConvStudio needs a layer's output`);
      return v.kind === 'pending' ? (v.made ??= v.materialize()) : v;
    },
    constant(i, what) {
      const v = must(i);
      if (v.kind !== 'constant') return refuse(`${what} ("${op.input[i]}") is not a constant (an initializer or Constant)`);
      return v;
    },
    int: (name, fallback) => attribute(name, ATTR.INT)?.i ?? fallback,
    float: (name, fallback) => attribute(name, ATTR.FLOAT)?.f ?? fallback,
    ints: (name, fallback) => attribute(name, ATTR.INTS)?.ints ?? fallback,
    string: (name, fallback) => attribute(name, ATTR.STRING)?.s ?? fallback,
    only(...known) {
      const extra = op.attribute.find((a) => !known.includes(a.name));
      if (extra) refuse(`attribute ${extra.name} is not supported`);
    },
  };
}

interface Builders {
  add: (name: string, node: Omit<GraphNode, 'id'>, from: readonly NodeValue[], shape: number[], tensors?: Record<string, { dims: number[]; values: Float32Array }>) => NodeValue;
  refuse: (message: string) => never;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A window's pads as the document writes them: a named mode when it plans the same, else explicit [top, bottom, left, right]. */
function paddingOf(inH: number, inW: number, kernel: Pair, strides: Pair, dilation: Pair, pads: Pads): Padding {
  const explicit: Padding = [pads[0], pads[2], pads[1], pads[3]];
  for (const mode of ['valid', 'same', 'full'] as const) {
    const plan = planWindow(inH, inW, kernel, strides, mode, dilation);
    if (sameShape([plan.rows.padBefore, plan.cols.padBefore, plan.rows.padAfter, plan.cols.padAfter], pads)) return mode;
  }
  return explicit;
}

function windowAttributes(r: OperatorReader, refuse: (m: string) => never, kernelFallback?: Pair) {
  const kernel = r.ints('kernel_shape', kernelFallback ?? []) as Pair;
  if (kernel.length !== 2) refuse(`kernel_shape [${kernel.join(', ')}] is not two-dimensional`);
  const strides = r.ints('strides', [1, 1]) as Pair;
  const dilation = r.ints('dilations', [1, 1]) as Pair;
  const pads = r.ints('pads', [0, 0, 0, 0]) as Pads;
  if (strides.length !== 2 || dilation.length !== 2 || pads.length !== 4) refuse('strides, dilations or pads are not two-dimensional');
  const autoPad = r.string('auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID') refuse(`auto_pad = ${autoPad} is not supported (explicit pads are)`);
  return { kernel, strides, dilation, pads };
}

function outputOf(shape: readonly number[], kernel: Pair, strides: Pair, dilation: Pair, pads: Pads): { plan: ReturnType<typeof planWindow>; out: Pair } {
  const plan = planWindow(shape[1] ?? 0, shape[2] ?? 0, kernel, strides, [pads[0], pads[2], pads[1], pads[3]], dilation);
  return { plan, out: [plan.rows.outSize, plan.cols.outSize] };
}

function imageInput(v: NodeValue, refuse: (m: string) => never): [number, number, number] {
  if (v.shape.length !== 3) refuse(`its input has shape [${v.shape.join(', ')}], not an image [C, H, W]`);
  return v.shape as [number, number, number];
}

function readOperator(op: DecodedNode, r: OperatorReader, { add, refuse }: Builders): Value {
  const name = op.name || op.output[0] || op.opType;
  switch (op.opType) {
    case 'Relu':
    case 'Sigmoid':
    case 'Tanh': {
      r.only();
      const x = r.node(0);
      return add(name, { type: op.opType.toLowerCase() as 'relu' | 'sigmoid' | 'tanh' }, [x], x.shape);
    }
    case 'LeakyRelu': {
      r.only('alpha');
      const x = r.node(0);
      return add(name, { type: 'leakyRelu', params: { alpha: Math.fround(r.float('alpha', 0.01)) } }, [x], x.shape);
    }
    case 'Softmax': {
      r.only('axis');
      const x = r.node(0);
      const axis = r.int('axis', -1);
      if (x.shape.length !== 1 || (axis !== 1 && axis !== -1)) refuse(`softmax over axis ${axis} of a [N, ${x.shape.join(', ')}] value; ConvStudio's softmax is over the features of a flat vector`);
      return add(name, { type: 'softmax' }, [x], x.shape);
    }
    case 'Identity':
      r.only();
      return r.value(0) ?? refuse('no input');
    case 'Dropout': {
      r.only('seed');
      if (r.has(2)) refuse('training_mode as an input is not supported');
      const x = r.node(0);
      const rate = r.has(1) ? (r.constant(1, 'ratio').values[0] ?? 0.5) : 0.5;
      return add(name, { type: 'dropout', params: { rate: Math.fround(rate) } }, [x], x.shape);
    }
    case 'Flatten':
    case 'Reshape': {
      const source = r.value(0);
      if (op.opType === 'Flatten') {
        r.only('axis');
        if (r.int('axis', 1) !== 1) refuse(`axis ${r.int('axis', 1)}; ConvStudio flattens from axis 1`);
      } else {
        r.only('allowzero');
        const target = [...r.constant(1, 'the shape').values];
        if (source?.kind === 'pending' && isKernelSetChain(source.chain)) {
          const { step, window, kernels } = source.chain;
          const filters = kernels?.dims[2] ?? 0;
          if (step === 'windows' && target.length === 3 && target[0] === 0 && target[1] === source.shape[0] && target[2] === source.shape[1]) return kernelSetStep('columns', source.shape, window, undefined, refuse);
          if (step === 'channelsFirst' && kernels && sameShape(target, [0, filters, ...window.out])) {
            // Complete without a bias; an Add of a constant after it is the bias (see Add).
            return { ...kernelSetStep('kernelSetOutput', [filters, ...window.out], window, kernels, refuse), materialize: () => kernelSetNode(name, add, window, kernels, undefined, refuse) };
          }
          refuse(`reshape to [${target.join(', ')}] does not continue the locally-connected / tiled chain`);
        }
        // The size from the value's shape: reading it as a node would make a pending global average its own node.
        const size = (source?.kind === 'constant' ? source.dims : (source?.shape ?? [])).reduce((a, b) => a * b, 1);
        const flat = target.length === 2 && (target[0] === 0 || target[0] === -1 || target[0] === 1) && (target[1] === -1 || target[1] === size) && !(target[0] === -1 && target[1] === -1);
        if (!flat) refuse(`reshape to [${target.join(', ')}]; ConvStudio reads a reshape to [N, −1] only`);
      }
      if (source?.kind === 'pending' && source.chain.step === 'globalAverage') {
        const from = source.chain.source;
        return add(name, { type: 'globalAvgPool2d' }, [from], [from.shape[0]!]);
      }
      const x = r.node(0);
      if (x.shape.length === 1) return x;
      const shape = [x.shape.reduce((a, b) => a * b, 1)];
      const owner = op.opType === 'Flatten' ? /^(.+)\/Flatten(_\d+)?$/.exec(op.name)?.[1] : undefined;
      const pending: Pending = { kind: 'pending', shape, chain: { step: 'flattened', source: x, owner }, materialize: () => add(name, { type: 'flatten' }, [x], shape) };
      return pending;
    }
    case 'Gemm': {
      r.only('alpha', 'beta', 'transA', 'transB');
      if (r.float('alpha', 1) !== 1 || r.float('beta', 1) !== 1 || r.int('transA', 0) !== 0) refuse('alpha, beta or transA other than 1, 1, 0 is not supported');
      const source = flatSource(r, 0, name);
      const w = r.constant(1, 'the weight');
      const transB = r.int('transB', 0) === 1;
      const [rows = 0, cols = 0] = w.dims;
      const [units, inputs] = transB ? [rows, cols] : [cols, rows];
      const features = source.shape.reduce((a, b) => a * b, 1);
      if (w.dims.length !== 2 || inputs !== features) refuse(`weight [${w.dims.join(', ')}] does not fit ${features} input features`);
      const weight = transB ? w.values : transposeEach(w.values, 1, rows, cols);
      const bias = r.has(2) ? r.constant(2, 'the bias') : undefined;
      if (bias && bias.values.length !== units) refuse(`bias of ${bias.values.length} values for ${units} units (broadcast biases are not supported)`);
      return dense(name, add, source, units, weight, bias?.values);
    }
    case 'Transpose': {
      r.only('perm');
      const source = r.value(0);
      const perm = r.ints('perm', []);
      if (source?.kind === 'pending' && source.chain.step === 'columns' && sameShape(perm, [2, 0, 1])) return kernelSetStep('byPosition', source.shape, source.chain.window, undefined, refuse);
      if (source?.kind === 'pending' && source.chain.step === 'products' && sameShape(perm, [1, 2, 0])) return kernelSetStep('channelsFirst', source.shape, source.chain.window, source.chain.kernels, refuse);
      return refuse('Transpose is read only inside the locally-connected / tiled chain ConvStudio exports');
    }
    case 'Gather': {
      r.only('axis');
      const sets = r.constant(0, 'the kernel sets');
      const index = [...r.constant(1, 'the index').values];
      if (r.int('axis', 0) !== 0 || sets.dims.length !== 3 || index.some((i) => !Number.isInteger(i) || i < 0 || i >= sets.dims[0]!)) refuse('Gather is read only as a tiled layer’s kernel sets by position');
      const size = sets.dims[1]! * sets.dims[2]!;
      const values = new Float32Array(index.length * size);
      index.forEach((set, p) => values.set(sets.values.subarray(set * size, (set + 1) * size), p * size));
      return { kind: 'constant', dims: [index.length, sets.dims[1]!, sets.dims[2]!], values, gathered: { sets, index } };
    }
    case 'MatMul': {
      r.only();
      const first = r.value(0);
      if (first?.kind === 'pending' && first.chain.step === 'byPosition') {
        const kernels = r.constant(1, 'the kernels');
        const { window } = first.chain;
        const [positions = 0, rows = 0] = first.shape.length === 2 ? [first.shape[1], first.shape[0]] : [];
        if (kernels.dims.length !== 3 || kernels.dims[0] !== positions || kernels.dims[1] !== rows) refuse(`kernels [${kernels.dims.join(', ')}] do not fit ${positions} positions of ${rows} window values`);
        return kernelSetStep('products', [kernels.dims[2]!, ...window.out], window, kernels, refuse);
      }
      const source = flatSource(r, 0, name);
      const w = r.constant(1, 'the weight');
      const [inputs = 0, units = 0] = w.dims;
      if (w.dims.length !== 2 || inputs !== source.shape.reduce((a, b) => a * b, 1)) refuse(`weight [${w.dims.join(', ')}] does not fit the input [N, ${source.shape.join(', ')}]`);
      const weight = transposeEach(w.values, 1, inputs, units);
      const pending: Pending = { kind: 'pending', shape: [units], chain: { step: 'matmul', source, weight, units }, materialize: () => dense(name, add, source, units, weight, undefined) };
      return pending;
    }
    case 'Add':
    case 'Sum': {
      r.only();
      const first = r.value(0);
      const second = r.value(1);
      if (op.opType === 'Add' && first?.kind === 'pending' && first.chain.step === 'kernelSetOutput' && first.chain.kernels && second?.kind === 'constant') {
        return kernelSetNode(name, add, first.chain.window, first.chain.kernels, second, refuse);
      }
      if (op.opType === 'Add' && first?.kind === 'pending' && first.chain.step === 'matmul' && second?.kind === 'constant') {
        const { source, units, weight } = first.chain;
        if (second.values.length !== units) refuse(`bias of ${second.values.length} values for ${units} units`);
        return dense(name, add, source, units, weight, second.values);
      }
      const inputs = Array.from({ length: r.count }, (_, i) => r.node(i));
      if (inputs.length < 2) refuse('fewer than two inputs');
      if (inputs.some((x) => !sameShape(x.shape, inputs[0]!.shape))) refuse('inputs of different shapes (broadcasting is not supported)');
      return add(name, { type: 'add' }, inputs, inputs[0]!.shape);
    }
    case 'Concat': {
      r.only('axis');
      if (r.int('axis', 1) !== 1) refuse(`axis ${r.int('axis', 1)}; ConvStudio concatenates channels (axis 1)`);
      const inputs = Array.from({ length: r.count }, (_, i) => r.node(i));
      const [, ...spatial] = inputs[0]!.shape;
      if (inputs.some((x) => !sameShape(x.shape.slice(1), spatial))) refuse('inputs whose sizes after the channels differ');
      return add(name, { type: 'concat' }, inputs, [inputs.reduce((s, x) => s + x.shape[0]!, 0), ...spatial]);
    }
    case 'Pad': {
      r.only('mode');
      if (r.string('mode', 'constant') !== 'constant') refuse(`mode = ${r.string('mode', '')}; only constant padding is supported`);
      const x = r.node(0);
      imageInput(x, refuse);
      const amounts = [...r.constant(1, 'the pads').values];
      const fill = r.has(2) ? (r.constant(2, 'the pad value').values[0] ?? 0) : 0;
      if (amounts.length !== 8 || amounts[0] !== 0 || amounts[1] !== 0 || amounts[4] !== 0 || amounts[5] !== 0 || amounts.some((a) => a < 0)) refuse(`pads [${amounts.join(', ')}]; ConvStudio pads the height and width only`);
      const pads: Pads = [amounts[2]!, amounts[3]!, amounts[6]!, amounts[7]!];
      const shape = [x.shape[0]!, x.shape[1]! + pads[0] + pads[2], x.shape[2]! + pads[1] + pads[3]];
      const pending: Pending = { kind: 'pending', shape, chain: { step: 'padded', source: x, pads, fill }, materialize: () => refuse('a Pad is read only before a Conv or MaxPool') };
      return pending;
    }
    case 'Conv':
      return convolution(name, r, { add, refuse });
    case 'MaxPool': {
      r.only('kernel_shape', 'strides', 'pads', 'ceil_mode', 'dilations', 'storage_order', 'auto_pad');
      if (r.int('ceil_mode', 0) !== 0) refuse('ceil_mode = 1 is not supported');
      const { kernel, strides, dilation, pads } = windowAttributes(r, refuse);
      if (dilation.some((d) => d !== 1)) refuse('dilated pooling is not supported');
      const source = r.value(0);
      if (source?.kind === 'pending' && source.chain.step === 'padded') {
        const { source: x, pads: outer, fill } = source.chain;
        if (fill !== -Infinity || pads.some((p) => p !== 0)) refuse('a max pool after padding with a value other than −∞ is not supported');
        const { plan } = outputOf(x.shape, kernel, strides, dilation, outer);
        const empty = realPixels(plan).map((n) => n === 0);
        const make = () => pool(name, add, 'maxPool2d', x, kernel, strides, outer);
        const pending: Pending = {
          kind: 'pending',
          shape: [x.shape[0]!, plan.rows.outSize, plan.cols.outSize],
          chain: { step: 'maxPoolOverPadding', source: x, window: kernel, strides, pads: outer, empty },
          materialize: () => (empty.some(Boolean) ? refuse('windows over padding alone give −∞ here and 0 in ConvStudio (the Where that sets them is missing)') : make()),
        };
        return pending;
      }
      return pool(name, add, 'maxPool2d', r.node(0), kernel, strides, pads);
    }
    case 'Where': {
      r.only();
      const pooled = r.value(2);
      const mask = r.constant(0, 'the condition');
      const zero = r.constant(1, 'the value');
      if (pooled?.kind !== 'pending' || pooled.chain.step !== 'maxPoolOverPadding' || zero.values.some((v) => v !== 0)) return refuse('Where is read only as the empty-window mask of an exported max pool');
      const chain = pooled.chain;
      if (mask.values.length !== chain.empty.length || chain.empty.some((e, i) => (mask.values[i] !== 0) !== e)) refuse('the mask is not the max pool’s empty windows');
      return pool(name, add, 'maxPool2d', chain.source, chain.window, chain.strides, chain.pads);
    }
    case 'AveragePool': {
      r.only('kernel_shape', 'strides', 'pads', 'ceil_mode', 'count_include_pad', 'auto_pad');
      if (r.int('ceil_mode', 0) !== 0) refuse('ceil_mode = 1 is not supported');
      const { kernel, strides, pads } = windowAttributes(r, refuse);
      const source = r.value(0);
      if (source?.kind === 'pending' && source.chain.step === 'padded') refuse('a Pad before an AveragePool counts the padding (PyTorch’s default AvgPool2d); ConvStudio’s average pool excludes it (count_include_pad = False)');
      if (r.int('count_include_pad', 0) !== 0 && pads.some((p) => p > 0)) refuse('count_include_pad = 1 with padding; ConvStudio’s average pool excludes padding (count_include_pad = False in PyTorch)');
      return pool(name, add, 'avgPool2d', r.node(0), kernel, strides, pads);
    }
    case 'GlobalAveragePool': {
      r.only();
      const x = r.node(0);
      imageInput(x, refuse);
      const pending: Pending = {
        kind: 'pending',
        shape: [x.shape[0]!, 1, 1],
        chain: { step: 'globalAverage', source: x },
        materialize: () => pool(name, add, 'avgPool2d', x, [x.shape[1]!, x.shape[2]!], [1, 1], [0, 0, 0, 0]),
      };
      return pending;
    }
    case 'Mul': {
      r.only();
      const sums = r.value(0);
      const inverse = r.constant(1, 'the factor');
      if (sums?.kind !== 'pending' || sums.chain.step !== 'windowSums') return refuse('Mul is read only as the 1/count step of an exported average pool');
      const chain = sums.chain;
      if (inverse.values.length !== chain.inverse.length || chain.inverse.some((v, i) => Math.abs(v - inverse.values[i]!) > 1e-6)) refuse('the factors are not 1 / the real pixels of each window');
      return pool(name, add, 'avgPool2d', chain.source, chain.window, chain.strides, chain.pads);
    }
    case 'BatchNormalization': {
      r.only('epsilon', 'momentum', 'training_mode', 'spatial');
      if (r.int('training_mode', 0) !== 0) refuse('training_mode = 1 is not supported');
      const x = r.node(0);
      const [channels] = imageInput(x, refuse);
      const tensors = Object.fromEntries(
        (['weight', 'bias', 'runningMean', 'runningVar'] as const).map((key, i) => {
          const c = r.constant(i + 1, key);
          if (c.values.length !== channels) refuse(`${key} has ${c.values.length} values for ${channels} channels`);
          return [key, { dims: [channels], values: c.values }];
        }),
      );
      const momentum = Math.fround(1 - r.float('momentum', 0.9));
      return add(name, { type: 'batchNorm2d', params: { epsilon: Math.fround(r.float('epsilon', 1e-5)), momentum } }, [x], x.shape, tensors);
    }
    default:
      return refuse('this operator is not supported (ConvStudio reads Conv, MaxPool, AveragePool, Gemm, MatMul, Add, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, Flatten, Reshape, Concat, Dropout, Identity, BatchNormalization, GlobalAveragePool)');
  }
}

const KERNEL_SET_STEPS: readonly string[] = ['windows', 'columns', 'byPosition', 'products', 'channelsFirst', 'kernelSetOutput'] satisfies KernelSetStep[];
function isKernelSetChain(chain: Pending['chain']): chain is Extract<Pending['chain'], { step: KernelSetStep }> {
  return KERNEL_SET_STEPS.includes(chain.step);
}

/** A per-channel identity kernel bank [C·kH·kW, 1, kH, kW]: convolving with it lays each window out as channels. */
function isWindowBank(w: Constant, channels: number, kernel: Pair): boolean {
  const taps = kernel[0] * kernel[1];
  if (w.dims[0] !== channels * taps || w.dims[1] !== 1) return false;
  return w.values.every((v, i) => v === (Math.floor(i / taps) % taps === i % taps ? 1 : 0));
}

function kernelSetStep(step: KernelSetStep, shape: number[], window: KernelSetWindow, kernels: Constant | undefined, refuse: (m: string) => never): Pending {
  return { kind: 'pending', shape, chain: { step, window, ...(kernels ? { kernels } : {}) }, materialize: () => refuse(`the locally-connected / tiled chain stops here (after its ${step} step)`) };
}

/** The finished kernel-set chain as a locally-connected or tiled node ([sets, C·kH·kW, F] back to the engine's [sets, F, C·kH·kW]). */
function kernelSetNode(name: string, add: Builders['add'], window: KernelSetWindow, kernels: Constant, bias: Constant | undefined, refuse: (m: string) => never): NodeValue {
  const { source, kernel, strides, pads, out } = window;
  const [channels = 0, h = 0, w = 0] = source.shape;
  const sets = kernels.gathered?.sets ?? kernels;
  const [count = 0, rows = 0, filters = 0] = sets.dims;
  const weight = transposeEach(sets.values, count, rows, filters);
  const padding = paddingOf(h, w, kernel, strides, [1, 1], pads);
  const perKernel = [filters, channels, kernel[0], kernel[1]];
  const shape = [filters, ...out];
  const params = { filters, kernelSize: kernel, strides, padding, useBias: bias !== undefined };
  if (!kernels.gathered) {
    if (bias && bias.values.length !== filters * out[0] * out[1]) refuse(`bias of ${bias.values.length} values for ${filters}×${out.join('×')} outputs`);
    return add(name, { type: 'locallyConnected2d', params }, [source], shape, { weight: { dims: [...out, ...perKernel], values: weight }, ...(bias ? { bias: { dims: shape, values: bias.values } } : {}) });
  }
  const { index } = kernels.gathered;
  const tiles = tilesOf(index, count, out) ?? refuse('the kernel sets are not gathered by (row mod tiles, column mod tiles), as a tiled convolution uses them');
  if (bias && bias.values.length !== filters) refuse(`bias of ${bias.values.length} values for ${filters} filters`);
  return add(name, { type: 'tiledConv2d', params: { ...params, tiles } }, [source], shape, { weight: { dims: [...tiles, ...perKernel], values: weight }, ...(bias ? { bias: { dims: [filters], values: bias.values } } : {}) });
}

/** The tiles [tH, tW] whose pattern (i mod tH, j mod tW) the per-position index follows, if any. */
function tilesOf(index: readonly number[], sets: number, out: Pair): Pair | undefined {
  for (let tH = 1; tH <= sets; tH++) {
    if (sets % tH !== 0) continue;
    const tW = sets / tH;
    if (index.every((v, p) => v === (Math.floor(p / out[1]) % tH) * tW + ((p % out[1]) % tW))) return [tH, tW];
  }
  return undefined;
}

/** The input of a dense layer named `name`: the image its own helper Flatten flattens (ConvStudio's dense flattens implicitly), else a node. */
function flatSource(r: OperatorReader, i: number, name: string): NodeValue {
  const v = r.value(i);
  if (v?.kind === 'pending' && v.chain.step === 'flattened' && v.chain.owner === name) return v.chain.source;
  return r.node(i);
}

function dense(name: string, add: Builders['add'], source: NodeValue, units: number, weight: Float32Array, bias: Float32Array | undefined): NodeValue {
  const inputs = source.shape.reduce((a, b) => a * b, 1);
  return add(name, { type: 'dense', params: { units, useBias: bias !== undefined } }, [source], [units], {
    weight: { dims: [units, inputs], values: weight },
    ...(bias ? { bias: { dims: [units], values: bias } } : {}),
  });
}

function pool(name: string, add: Builders['add'], type: 'maxPool2d' | 'avgPool2d', x: NodeValue, window: Pair, strides: Pair, pads: Pads): NodeValue {
  const [channels = 0, h = 0, w = 0] = x.shape;
  const { out } = outputOf(x.shape, window, strides, [1, 1], pads);
  return add(name, { type, params: { poolSize: window, strides, padding: paddingOf(h, w, window, strides, [1, 1], pads) } }, [x], [channels, ...out]);
}

function convolution(name: string, r: OperatorReader, { add, refuse }: Builders): Value {
  r.only('kernel_shape', 'strides', 'pads', 'dilations', 'group', 'auto_pad');
  const w = r.constant(1, 'the weight');
  if (w.dims.length !== 4) refuse(`weight of shape [${w.dims.join(', ')}] is not [F, C, kH, kW]`);
  const { kernel, strides, dilation, pads: own } = windowAttributes(r, refuse, [w.dims[2]!, w.dims[3]!]);
  const source = r.value(0);
  let x: NodeValue;
  let pads = own;
  if (source?.kind === 'pending' && source.chain.step === 'padded') {
    if (source.chain.fill !== 0 || own.some((p) => p !== 0)) refuse('a Conv after padding with a value other than 0 is not supported');
    x = source.chain.source;
    pads = source.chain.pads;
  } else x = r.node(0);
  const [channels = 0, h = 0, width = 0] = imageInput(x, refuse);
  const group = r.int('group', 1);
  const { plan, out } = outputOf(x.shape, kernel, strides, dilation, pads);
  if (out[0] < 1 || out[1] < 1) refuse('the kernel is larger than the padded input');
  if (group !== 1 && isWindowBank(w, channels, kernel) && !r.has(2) && dilation.every((d) => d === 1)) {
    const rows = channels * kernel[0] * kernel[1];
    return kernelSetStep('windows', [rows, out[0] * out[1]], { source: x, kernel, strides, pads, out }, undefined, refuse);
  }
  if (group !== 1) {
    // An exported average pool over padding as large as its window: each channel's window sums, by an all-ones kernel.
    const ones = group === channels && w.dims[0] === channels && w.dims[1] === 1 && !r.has(2) && w.values.every((v) => v === 1) && dilation.every((d) => d === 1);
    if (!ones) refuse(`group = ${group}; ConvStudio reads grouped convolutions only as the average pool it exports`);
    const inverse = realPixels(plan).map((n) => (n > 0 ? 1 / n : 0));
    const pending: Pending = { kind: 'pending', shape: [channels, ...out], chain: { step: 'windowSums', source: x, window: kernel, strides, pads, inverse }, materialize: () => refuse('a depthwise all-ones Conv without the Mul that averages') };
    return pending;
  }
  if (w.dims[1] !== channels || w.dims[2] !== kernel[0] || w.dims[3] !== kernel[1]) refuse(`weight [${w.dims.join(', ')}] does not fit ${channels} input channels and kernel ${kernel.join('×')}`);
  const filters = w.dims[0]!;
  const bias = r.has(2) ? r.constant(2, 'the bias') : undefined;
  if (bias && bias.values.length !== filters) refuse(`bias of ${bias.values.length} values for ${filters} filters`);
  return add(
    name,
    { type: 'conv2d', params: { filters, kernelSize: kernel, strides, padding: paddingOf(h, width, kernel, strides, dilation, pads), ...(dilation.some((d) => d !== 1) ? { dilation } : {}), useBias: bias !== undefined } },
    [x],
    [filters, ...out],
    { weight: { dims: w.dims, values: w.values }, ...(bias ? { bias: { dims: [filters], values: bias.values } } : {}) },
  );
}
