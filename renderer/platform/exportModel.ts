/**
 * File > Export ONNX Model…: the open graph and its weights as an ONNX model
 * (the engine's exporter, the same as `convstudio export`), saved through the
 * platform bridge. A graph with problems is refused with the problems
 * listed; a written model is reported with its size and how to run it.
 */
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import type { DocumentStore } from '../store/documentStore';
import type { PlatformBridge } from './bridge';

/** Tells the user why a graph with errors cannot be exported (the problems listed); true when it refused. */
export function refuseGraphWithProblems(store: DocumentStore): boolean {
  const errors = store.getState().analysis.problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return false;
  store.notify({ kind: 'error', text: `Not exported: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix first.`, details: errors });
  return true;
}

export async function exportOnnxWithBridge(store: DocumentStore, bridge: PlatformBridge): Promise<void> {
  if (refuseGraphWithProblems(store)) return undefined;
  const { document, fileName } = store.getState();
  let model;
  try {
    model = exportOnnx(document);
  } catch (error) {
    return store.notify({ kind: 'error', text: `Not exported: ${(error as Error).message}` });
  }
  try {
    const saved = await bridge.exportFile({ suggestedName: `${fileName.replace(/\.[^.]+$/, '')}.onnx`, kind: 'onnx', bytes: model.bytes });
    if (!saved) return undefined;
    const size = `${(model.bytes.length / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} kB`;
    return store.notify({
      kind: 'info',
      text: `Exported ${saved.name} (ONNX opset 17, ${size}).\nRun it: onnxruntime.InferenceSession("${saved.name}").run(None, {"${model.inputName}": x}), x of shape [N, …] gives "${model.outputName}".`,
    });
  } catch (error) {
    return store.notify({ kind: 'error', text: `Not exported: ${(error as Error).message}` });
  }
}
