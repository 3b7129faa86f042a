/**
 * `convstudio`: the command line over the engine. It reads files, calls the
 * engine and prints; bad input is reported, never thrown as a stack trace.
 *
 * Exit codes: 0 success, 1 the document or an input has problems, 2 a file
 * cannot be read or parsed, or the command line itself is wrong.
 */
import { parseArgs } from 'node:util';
import { toJsonSchema } from '../engine';
import { datasetsCommand } from './commands/datasets';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { lessonCommand } from './commands/lesson';
import { forwardCommand, gradientsCommand } from './commands/forward';
import { evalCommand, trainCommand } from './commands/train';
import { summaryCommand, validateCommand } from './commands/validate';
import { CliError, EXIT, parseIntegerFlag, parseNumberFlag, type CliOutput } from './io';

export { EXIT, type CliOutput } from './io';

const USAGE = `ConvStudio: design, train and inspect convolutional networks.

Usage:
  convstudio validate FILE...       check graph documents; problems go to stderr
  convstudio summary FILE [--json]  layer table: output shapes, parameters, muls+adds
  convstudio forward FILE --input X.json [--seed S] [--json]
                                    every node's output for the input batch
  convstudio gradients FILE --input X.json --labels Y.json [--seed S] [--json]
                                    the loss and its gradient for every weight and the input
  convstudio train FILE [--dataset NAME] [--epochs N] [--steps N] [--batch B] [--lr X]
                   [--optimizer sgd|momentum|adam] [--seed S] [--backend cpu|wasm|auto|gpujs:MODE]
                   [--shift PIXELS] [--out TRAINED.json] [--json]
                                    train; settings come from the document, flags override
  convstudio eval FILE [--dataset NAME] [--json]
                                    accuracy, per-class accuracy, confusion matrix
  convstudio export FILE --format onnx --out MODEL.onnx [--json]
                                    the network and its weights as an ONNX model (opset 17)
  convstudio export FILE --format pytorch --out FOLDER [--json]
                                    as a PyTorch project: model.py, weights, check.py
  convstudio import MODEL.onnx --out DOC.json [--json]
                                    an ONNX model (ConvStudio's or torch.onnx.export's) as a document
  convstudio datasets [--json]      the data sets: bundled, synthetic, or a folder of images
  convstudio datasets preview NAME --out grid.png [--split train|test]
                                    a labelled grid of samples
  convstudio lesson NAME [--OPTION VALUE]... [--json]
                                    a lesson's numbers (convstudio lesson --help lists them)
  convstudio schema                 print the graph document's JSON Schema
  convstudio help                   this text

X.json holds { "shape": [N, C, H, W], "data": [...] }; Y.json holds { "labels": [int, ...] }.
Exit codes: 0 ok, 1 the document or an input has problems, 2 a file cannot be read or parsed.`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  input: { type: 'string' },
  labels: { type: 'string' },
  seed: { type: 'string' },
  dataset: { type: 'string' },
  epochs: { type: 'string' },
  steps: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string' },
  shift: { type: 'string' },
  format: { type: 'string' },
  split: { type: 'string' },
  size: { type: 'string' },
  color: { type: 'boolean' },
} as const;

/** Runs one command; `onInterrupt` registers what Ctrl-C should do (stop training cleanly). */
export async function runCli(argv: readonly string[], io: CliOutput, onInterrupt: (stop: () => void) => void = () => {}): Promise<number> {
  try {
    return await dispatch(argv, io, onInterrupt);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    if (e.message) io.err(e.message);
    return e.exitCode;
  }
}

async function dispatch(argv: readonly string[], io: CliOutput, onInterrupt: (stop: () => void) => void): Promise<number> {
  // Each lesson has options of its own: parsed by the lesson command, from the lessons' catalog.
  if (argv[0] === 'lesson') return lessonCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new CliError(`convstudio: ${(e as Error).message}\n\n${USAGE}`, EXIT.unreadable);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.version) {
    io.out(__CONVSTUDIO_VERSION__);
    return EXIT.ok;
  }
  if (v.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === 'datasets') {
    return datasetsCommand(rest, {
      json: v.json === true,
      ...definedOnly({ out: v.out, split: v.split, seed: parseIntegerFlag('seed', v.seed, 0), size: parseIntegerFlag('size', v.size, 4), color: v.color }),
    }, io);
  }
  if (command === 'schema') {
    io.out(JSON.stringify(toJsonSchema(), null, 2));
    return EXIT.ok;
  }
  const [file, ...extra] = rest;
  const commands = ['validate', 'summary', 'forward', 'gradients', 'train', 'eval', 'export', 'import'];
  if (!commands.includes(command)) throw new CliError(`convstudio: unknown command "${command}"\n\n${USAGE}`, EXIT.unreadable);
  if (command === 'validate' && file !== undefined) return validateCommand([file, ...extra], io);
  if (file === undefined || extra.length > 0) throw new CliError(`convstudio ${command}: expected exactly one FILE\n\n${USAGE}`, EXIT.unreadable);

  const json = v.json === true;
  const seed = parseIntegerFlag('seed', v.seed, 0);
  switch (command) {
    case 'summary':
      return summaryCommand(file, json, io);
    case 'forward':
      return forwardCommand({ file, input: v.input, seed: seed ?? 1, json }, io);
    case 'gradients':
      return gradientsCommand({ file, input: v.input, labels: v.labels, seed: seed ?? 1, json }, io);
    case 'export':
      return await exportCommand({ file, format: v.format, out: v.out, json, version: __CONVSTUDIO_VERSION__ }, io);
    case 'import':
      return importCommand({ file, out: v.out, json }, io);
    case 'eval':
      return evalCommand({ file, ...(v.dataset ? { dataset: v.dataset } : {}), ...(seed !== undefined ? { seed } : {}), json }, io);
    default:
      return trainCommand(
        {
          file,
          json,
          ...definedOnly({
            dataset: v.dataset,
            epochs: parseIntegerFlag('epochs', v.epochs, 1),
            steps: parseIntegerFlag('steps', v.steps, 1),
            batch: parseIntegerFlag('batch', v.batch, 1),
            lr: parseNumberFlag('lr', v.lr),
            optimizer: v.optimizer,
            seed,
            backend: v.backend,
            out: v.out,
            shift: parseIntegerFlag('shift', v.shift, 0),
          }),
        },
        io,
        onInterrupt,
      );
  }
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
