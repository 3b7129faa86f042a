/** `export FILE --format onnx --out model.onnx`: the network, with its weights, as an ONNX model. */
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { CliError, EXIT, loadDocumentFile, writeFileAtomically, type CliOutput } from '../io';

export const EXPORT_FORMATS = ['onnx'] as const;

export interface ExportOptions {
  file: string;
  format: string | undefined;
  out: string | undefined;
  json: boolean;
  version: string;
}

export function exportCommand(options: ExportOptions, io: CliOutput): number {
  const format = options.format ?? 'onnx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`convstudio export: unknown format "${format}"; available: ${EXPORT_FORMATS.join(', ')}`, EXIT.unreadable);
  if (options.out === undefined) throw new CliError('convstudio export: --out FILE is required (where the model goes)', EXIT.unreadable);
  const { document } = loadDocumentFile(options.file, io);
  let model;
  try {
    model = exportOnnx(document, { producerVersion: options.version });
  } catch (e) {
    throw new CliError(`convstudio export: ${(e as Error).message}`);
  }
  writeFileAtomically(options.out, model.bytes);
  const summary = { format, out: options.out, bytes: model.bytes.length, input: model.inputName, output: model.outputName, opset: 17 };
  io.out(options.json ? JSON.stringify(summary) : `wrote ${options.out}: ONNX opset 17, ${model.bytes.length.toLocaleString('en-US')} bytes, input "${model.inputName}" [N, …], output "${model.outputName}"`);
  return EXIT.ok;
}
