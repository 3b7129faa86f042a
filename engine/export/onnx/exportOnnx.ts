/**
 * A document as an ONNX model (opset 17): each node through its type's
 * mapping (the descriptors' `onnx`), its weights as initializers (the stored
 * ones, or those the engine draws from the document's seed, so an untrained
 * network exports what it would start training from), one graph input
 * [N, C, H, W] (or [N, F]) with a symbolic batch, and the softmax output.
 * ConvStudio's own data (document name, version, node ids) goes in the
 * model's metadata_props and doc_string and in node names, never as
 * attributes on standard operators (Netron refuses those).
 */
import type { GraphDocument } from '../../graph/schema';
import { exportableNetwork } from '../exportableNetwork';
import { descriptorOf } from '../../nodes/registry';
import type { Shape } from '../../shapes/shape';
import { ELEM, OnnxGraph, settle } from './onnxGraph';
import { encodeModel } from './onnxProto';

export const ONNX_OPSET = 17;
/** The IR version that goes with opset 17 (onnx 1.12). */
export const ONNX_IR_VERSION = 8;
/** The batch axis's name in the graph's input and output shapes. */
export const BATCH_DIMENSION = 'N';

export interface OnnxExport {
  bytes: Uint8Array;
  inputName: string;
  outputName: string;
  /** Each ConvStudio node's ONNX value name. */
  outputs: ReadonlyMap<string, string>;
}

export function exportOnnx(doc: GraphDocument, options: { producerVersion?: string } = {}): OnnxExport {
  const { analysis, network, order, release } = exportableNetwork(doc);
  const { backend } = network;
  const weights = new Map<string, Map<string, Float32Array>>();
  for (const { nodeId, param } of network.parameters) {
    const own = weights.get(nodeId) ?? new Map<string, Float32Array>();
    own.set(param.name, Float32Array.from(backend.read(param.value)));
    weights.set(nodeId, own);
  }
  const nodeById = new Map(doc.nodes.map((n) => [n.id, n]));
  const shapeOf = (id: string): Shape => analysis.infoOf.get(id)?.outputShape ?? [];
  const graph = new OnnxGraph();
  const inputName = graph.fresh(network.inputId);
  const outputs = new Map<string, string>();
  for (const id of order) {
    const node = nodeById.get(id);
    const info = analysis.infoOf.get(id);
    if (!node || !info) throw new Error(`cannot export: node ${id} is missing from the analysis`);
    const inputIds = id === network.inputId ? [] : (network.inputsOf.get(id) ?? []);
    graph.owner = id;
    const made = descriptorOf(node).onnx(node, {
      graph,
      inputs: id === network.inputId ? [inputName] : inputIds.map((i) => outputs.get(i) ?? i),
      inputShapes: id === network.inputId ? [shapeOf(id)] : inputIds.map(shapeOf),
      info,
      weights: weights.get(id) ?? new Map(),
    });
    outputs.set(id, settle(graph, made));
  }
  const outputName = outputs.get(network.outputId) ?? '';
  const valueInfo = (name: string, shape: Shape) => ({ name, elemType: ELEM.FLOAT, dims: [BATCH_DIMENSION, ...shape] });
  const bytes = encodeModel({
    irVersion: ONNX_IR_VERSION,
    opset: ONNX_OPSET,
    producerName: 'ConvStudio',
    producerVersion: options.producerVersion ?? '',
    docString: `ConvStudio network "${doc.name}" (document version ${doc.version}); each ONNX node is named after the ConvStudio node it comes from.`,
    metadata: [
      ['convstudio.document.name', doc.name],
      ['convstudio.document.version', String(doc.version)],
      ['convstudio.nodes', JSON.stringify(doc.nodes.map((n) => ({ id: n.id, type: n.type, output: outputs.get(n.id) })))],
    ],
    graph: {
      name: doc.name || 'ConvStudio network',
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: [valueInfo(inputName, shapeOf(network.inputId))],
      outputs: [valueInfo(outputName, shapeOf(network.outputId))],
    },
  });
  release();
  return { bytes, inputName, outputName, outputs };
}
