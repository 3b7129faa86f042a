/** `import MODEL.onnx --out DOC.json`: an ONNX model (ConvStudio's export, or torch.onnx.export's) as a graph document. */
import { readFileSync, statSync } from 'node:fs';
import { atNeededVersion } from '../../engine';
import { importOnnx, MAX_ONNX_BYTES, OnnxImportError } from '../../engine/import/onnx/importOnnx';
import { CliError, EXIT, writeFileAtomically, type CliOutput } from '../io';

export interface ImportOptions {
  file: string;
  out: string | undefined;
  json: boolean;
}

export function importCommand(options: ImportOptions, io: CliOutput): number {
  const { file, out } = options;
  if (out === undefined) throw new CliError('convstudio import: --out DOC.json is required (where the document goes)', EXIT.unreadable);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new CliError(`convstudio import: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.unreadable);
  }
  // Checked before reading, so a huge file costs no memory.
  if (size > MAX_ONNX_BYTES) throw new CliError(`convstudio import: ${file}: ${size.toLocaleString('en-US')} bytes; ConvStudio imports ONNX models up to ${MAX_ONNX_BYTES / 1024 / 1024} MB`);
  let imported;
  try {
    imported = importOnnx(new Uint8Array(readFileSync(file)), file);
  } catch (e) {
    if (e instanceof OnnxImportError) throw new CliError(`convstudio import: ${e.message}`);
    throw new CliError(`convstudio import: ${file}: ${(e as Error).message}`, EXIT.unreadable);
  }
  const { document, opset, producer } = imported;
  writeFileAtomically(out, `${JSON.stringify(atNeededVersion(document), null, 2)}\n`);
  const summary = { out, nodes: document.nodes.length, edges: document.edges.length, opset, producer };
  io.out(options.json ? JSON.stringify(summary) : `wrote ${out}: ${document.nodes.length} nodes from ${file} (ONNX opset ${opset}${producer ? `, made by ${producer}` : ''})`);
  return EXIT.ok;
}
