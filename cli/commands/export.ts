/**
 * `export FILE --format onnx --out model.onnx`: the network, with its weights, as an ONNX model;
 * `export FILE --format pytorch --out FOLDER`: as a PyTorch project (model.py, weights, check.py).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveRunSettings } from '../../engine/training/runSettings';
import { folderImageShape, loadDataset } from '../datasets';
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { projectData } from '../../engine/export/pytorch/projectData';
import { CliError, EXIT, loadDocumentFile, writeFileAtomically, type CliOutput } from '../io';

export const EXPORT_FORMATS = ['onnx', 'pytorch'] as const;

export interface ExportOptions {
  file: string;
  format: string | undefined;
  out: string | undefined;
  json: boolean;
  version: string;
}

export async function exportCommand(options: ExportOptions, io: CliOutput): Promise<number> {
  const format = options.format ?? 'onnx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`convstudio export: unknown format "${format}"; available: ${EXPORT_FORMATS.join(', ')}`, EXIT.unreadable);
  const out = options.out;
  if (out === undefined) throw new CliError(`convstudio export: --out ${format === 'pytorch' ? 'FOLDER' : 'FILE'} is required (where the ${format === 'pytorch' ? 'project' : 'model'} goes)`, EXIT.unreadable);
  const { document, analysis } = loadDocumentFile(options.file, io);
  const attempt = <T>(make: () => T): T => {
    try {
      return make();
    } catch (e) {
      throw new CliError(`convstudio export: ${(e as Error).message}`);
    }
  };
  if (format === 'pytorch') {
    // train.py trains on the document's data set, written beside it; without one the project has no train.py.
    const run = resolveRunSettings(document.training);
    const dataset = run.dataset === undefined ? undefined : await loadDataset(run.dataset, { seed: run.seed, ...folderImageShape(analysis) }, io);
    const data = dataset && attempt(() => projectData(dataset));
    const project = attempt(() => exportPytorch(document, data?.data));
    mkdirSync(join(out, 'data'), { recursive: true });
    for (const [name, bytes] of project.files) writeFileAtomically(join(out, name), bytes);
    for (const [name, bytes] of data?.bytes ?? []) writeFileAtomically(join(out, 'data', name), bytes);
    const files = [...project.files.keys()];
    io.out(options.json ? JSON.stringify({ format, out, files, renamed: project.renamed }) : `wrote ${out}/: ${files.join(', ')}. Check it: python ${join(out, 'check.py')}`);
    return EXIT.ok;
  }
  const model = attempt(() => exportOnnx(document, { producerVersion: options.version }));
  writeFileAtomically(out, model.bytes);
  const summary = { format, out, bytes: model.bytes.length, input: model.inputName, output: model.outputName, opset: 17 };
  io.out(options.json ? JSON.stringify(summary) : `wrote ${out}: ONNX opset 17, ${model.bytes.length.toLocaleString('en-US')} bytes, input "${model.inputName}" [N, …], output "${model.outputName}"`);
  return EXIT.ok;
}
