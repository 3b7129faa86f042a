/** What every command needs: output streams, exit codes, and loading documents and JSON files with errors as messages. */
import { formatProblem, loadDocumentText, type GraphAnalysis, type GraphDocument } from '../engine';
import { parseSourceText } from '../engine/graph/sourceText';
import { readDocumentFile } from '../host/readDocument';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Rewrites the current terminal line (progress bars); absent when stderr is not a terminal. */
  status?(text: string): void;
}

export const EXIT = { ok: 0, problems: 1, unreadable: 2 } as const;

/** Thrown by commands to end with a message and an exit code; main prints it, never a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCodeOrOptions: number | { cause: unknown } = EXIT.problems) {
    super(message, typeof exitCodeOrOptions === 'number' ? undefined : exitCodeOrOptions);
    this.exitCode = typeof exitCodeOrOptions === 'number' ? exitCodeOrOptions : EXIT.problems;
  }
}

export interface LoadedDocument {
  document: GraphDocument;
  analysis: GraphAnalysis;
  warnings: number;
}

/** Reads and validates a graph document; problems are printed and end the command. */
export function loadDocumentFile(file: string, io: CliOutput): LoadedDocument {
  const read = readDocumentFile(file);
  if (!read.ok) {
    throw new CliError(read.line === undefined ? read.message : `${file}:${read.line}:${read.column}: error: ${read.message}`, EXIT.unreadable);
  }
  const result = loadDocumentText(read.text);
  for (const problem of result.problems) io.err(formatProblem(problem, file));
  if (!result.ok) throw new CliError('', result.stage === 'syntax' ? EXIT.unreadable : EXIT.problems);
  return { document: result.document, analysis: result.analysis, warnings: result.problems.length };
}

/** Reads any JSON file (inputs, labels); syntax errors carry line and column. */
export function readJsonFile(file: string): unknown {
  const read = readDocumentFile(file);
  if (!read.ok) throw new CliError(read.line === undefined ? read.message : `${file}:${read.line}:${read.column}: error: ${read.message}`, EXIT.unreadable);
  const parsed = parseSourceText(read.text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    throw new CliError(`${file}:${first?.line}:${first?.column}: error: ${first?.message}`, EXIT.unreadable);
  }
  return parsed.source.value;
}

export { writeFileAtomically } from '../host/atomicWrite';

export function parseIntegerFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be a whole number of at least ${min}, not "${value}"`, EXIT.unreadable);
  return n;
}

export function parseNumberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a positive number, not "${value}"`, EXIT.unreadable);
  return n;
}
