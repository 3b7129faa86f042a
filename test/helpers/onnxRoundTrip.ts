/** The engine's forward pass for the ONNX tests: a batch of 3 random inputs (or the given ones), evaluation mode, float32. */
import { loadDocumentValue, type GraphDocument } from '../../engine';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { randomValues } from './network';

export function engineForward(doc: GraphDocument, given?: Float32Array) {
  const loaded = loadDocumentValue(structuredClone(doc));
  if (!loaded.document || !loaded.analysis) throw new Error(JSON.stringify(loaded.problems));
  const backend = createCpuBackend('float32');
  const network = Network.create(loaded.document, loaded.analysis, backend, loaded.document.training?.seed ?? 1);
  const shape = [3, ...network.inputShape];
  const input = given ?? Float32Array.from(randomValues(shape.reduce((a, b) => a * b, 1), 17));
  const outputs = network.forward(backend.tensor(shape, input), false, createRandom(1));
  const output = outputs.get(network.outputId)!;
  const weights = new Map(network.parameters.map(({ nodeId, param }) => [`${nodeId}.${param.name}`, Float32Array.from(backend.read(param.value))]));
  return { document: loaded.document, shape, input, outputShape: [...output.shape], output: Float32Array.from(backend.read(output)), weights };
}
