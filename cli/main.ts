/**
 * `convstudio`: the command line over the engine. It only reads files, calls
 * the engine and prints; bad input is reported, never thrown as a stack trace.
 *
 * Exit codes: 0 success, 1 the document has problems, 2 the file cannot be
 * read or parsed (or the command line itself is wrong).
 */
import { parseArgs } from 'node:util';
import { formatProblem, loadDocumentText, summarize, toJsonSchema, type Problem } from '../engine';
import { formatSummaryTable } from './format';
import { readDocumentFile } from './readDocument';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `ConvStudio: design, train and inspect convolutional networks.

Usage:
  convstudio validate FILE          check a graph document; problems go to stderr
  convstudio summary FILE [--json]  layer table: output shapes, parameters, muls+adds
  convstudio schema                 print the graph document's JSON Schema
  convstudio help                   this text

Exit codes: 0 ok, 1 the document has problems, 2 the file cannot be read or parsed.`;

export const EXIT = { ok: 0, problems: 1, unreadable: 2 } as const;

export function runCli(argv: readonly string[], io: CliOutput): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
    });
  } catch (e) {
    io.err(`convstudio: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.unreadable;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.out(__CONVSTUDIO_VERSION__);
    return EXIT.ok;
  }
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  switch (command) {
    case 'validate':
    case 'summary': {
      const [file, ...extra] = rest;
      if (file === undefined || extra.length > 0) {
        io.err(`convstudio ${command}: expected exactly one FILE\n\n${USAGE}`);
        return EXIT.unreadable;
      }
      return command === 'validate' ? validate(file, io) : summary(file, values.json === true, io);
    }
    case 'schema':
      io.out(JSON.stringify(toJsonSchema(), null, 2));
      return EXIT.ok;
    default:
      io.err(`convstudio: unknown command "${command}"\n\n${USAGE}`);
      return EXIT.unreadable;
  }
}

type Loaded = { ok: true; result: Extract<ReturnType<typeof loadDocumentText>, { ok: true }> } | { ok: false; exit: number };

function load(file: string, io: CliOutput): Loaded {
  const read = readDocumentFile(file);
  if (!read.ok) {
    io.err(read.line === undefined ? read.message : `${file}:${read.line}:${read.column}: error: ${read.message}`);
    return { ok: false, exit: EXIT.unreadable };
  }
  const result = loadDocumentText(read.text);
  printProblems(result.problems, file, io);
  if (result.ok) return { ok: true, result };
  return { ok: false, exit: result.stage === 'syntax' ? EXIT.unreadable : EXIT.problems };
}

function validate(file: string, io: CliOutput): number {
  const loaded = load(file, io);
  if (!loaded.ok) return loaded.exit;
  const warnings = loaded.result.problems.length;
  io.out(`${file}: valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  return EXIT.ok;
}

function summary(file: string, json: boolean, io: CliOutput): number {
  const loaded = load(file, io);
  if (!loaded.ok) return loaded.exit;
  const table = summarize(loaded.result.document, loaded.result.analysis);
  io.out(json ? JSON.stringify(table, null, 2) : formatSummaryTable(table));
  return EXIT.ok;
}

function printProblems(problems: readonly Problem[], file: string, io: CliOutput): void {
  for (const problem of problems) io.err(formatProblem(problem, file));
}
