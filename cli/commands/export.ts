/**
 * `export FILE --format onnx --out model.onnx`: the network, with its weights, as an ONNX model;
 * `export FILE --format pytorch --out FOLDER`: as a PyTorch project (model.py, weights, check.py).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Dataset } from '../../engine/data/dataset';
import { resolveRunSettings } from '../../engine/training/runSettings';
import { folderImageShape, loadDataset } from '../datasets';
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { CliError, EXIT, loadDocumentFile, writeFileAtomically, type CliOutput } from '../io';

export const EXPORT_FORMATS = ['onnx', 'pytorch'] as const;

export interface ExportOptions {
  file: string;
  format: string | undefined;
  out: string | undefined;
  json: boolean;
  version: string;
}

/** An IDX file (as MNIST's): magic 0x0000 08 dims (unsigned bytes), each size as a big-endian uint32, the bytes; gzipped. */
function idx(shape: readonly number[], bytes: Uint8Array): Uint8Array {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(shape.length, 3);
  shape.forEach((n, i) => header.writeUInt32BE(n, 4 + 4 * i));
  return gzipSync(Buffer.concat([header, bytes]));
}

/** The data set as IDX files for train.py, and what it needs to read them. */
function projectData(dataset: Dataset) {
  if (dataset.classNames.length > 256) throw new CliError(`convstudio export: ${dataset.name} has ${dataset.classNames.length} classes; train.py's labels are bytes (at most 256)`);
  const files = { trainImages: 'train-images.idx.gz', trainLabels: 'train-labels.idx.gz', testImages: 'test-images.idx.gz', testLabels: 'test-labels.idx.gz' };
  const split = (s: Dataset['train']) => [idx([s.count, ...dataset.inputShape], s.images.subarray(0, s.count * dataset.inputShape.reduce((a, b) => a * b, 1))), idx([s.count], Uint8Array.from(s.labels.subarray(0, s.count)))] as const;
  const [trainImages, trainLabels] = split(dataset.train);
  const [testImages, testLabels] = split(dataset.test);
  return {
    data: { dataset: dataset.name, classNames: dataset.classNames, normalization: dataset.normalization, files },
    bytes: new Map([[files.trainImages, trainImages], [files.trainLabels, trainLabels], [files.testImages, testImages], [files.testLabels, testLabels]]),
  };
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
    const data = run.dataset === undefined ? undefined : projectData(await loadDataset(run.dataset, { seed: run.seed, ...folderImageShape(analysis) }, io));
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
