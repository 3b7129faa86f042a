/**
 * File > Import ONNX Model…: an ONNX file (ConvStudio's export, or
 * torch.onnx.export's) read by the engine's importer, the same as
 * `convstudio import`, and opened laid out for this window. A file the
 * importer refuses is reported in one line and the open graph stays.
 */
import { importOnnx, MAX_ONNX_BYTES } from '../../engine/import/onnx/importOnnx';
import type { GraphDocument } from '../../engine';
import type { DocumentStore } from '../store/documentStore';
import { confirmDiscard } from './documentActions';

/** The chosen file, through the page's own file picker (the same in the browser and in Electron's renderer). */
function pickModelFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.onnx,application/octet-stream';
    input.addEventListener('change', () => resolve(input.files?.[0]));
    input.addEventListener('cancel', () => resolve(undefined));
    input.click();
  });
}

export async function importOnnxFromPicker(store: DocumentStore, laidOut: (doc: GraphDocument) => GraphDocument = (doc) => doc): Promise<void> {
  if (!confirmDiscard(store)) return;
  const file = await pickModelFile();
  if (!file) return;
  const refused = (reason: string) => store.notify({ kind: 'error', text: `Not imported: ${reason}\nYour graph is unchanged.` });
  // Checked before reading, so a huge file costs no memory.
  if (file.size > MAX_ONNX_BYTES) return refused(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; ConvStudio imports ONNX models up to ${MAX_ONNX_BYTES / 1024 / 1024} MB.`);
  try {
    const { document, opset, producer } = importOnnx(new Uint8Array(await file.arrayBuffer()), file.name);
    store.reset(laidOut(document), file.name.replace(/\.onnx$/i, '') + '.json');
    const layers = document.nodes.length;
    return store.notify({ kind: 'info', text: `Imported ${file.name}: ${layers} nodes (ONNX opset ${opset}${producer ? `, made by ${producer}` : ''}).\nSave it to keep it as a ConvStudio document.` });
  } catch (error) {
    return refused((error as Error).message);
  }
}
