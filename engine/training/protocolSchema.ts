/**
 * The worker protocol as zod schemas, checked at both ends: the training
 * session checks every command it is sent (a page, an extension or a bug can
 * post anything to a worker) and answers a malformed one with an error that
 * names the place, instead of failing somewhere inside a run; the page checks
 * every event and reply the worker posts. Each schema is checked against its
 * TypeScript type: a message added to one and not the other does not compile.
 */
import { z } from 'zod';
import type { WorkerCommand, WorkerMessage } from './protocol';

const requestId = z.number().int().min(0);
const whole = z.number().int().min(1);
/** What a message may ask for at most; the worker also starts no more than its machine has cores. */
export const MAX_THREADS = 64;

// Shapes, not policy: the panel may ask for odd values on purpose (a learning rate of a million to
// show a divergence), and the run reports what comes of them.
const TrainSettingsSchema = z.strictObject({
  dataset: z.string().min(1).max(4096),
  epochs: whole,
  batchSize: whole,
  learningRate: z.number().gt(0),
  optimizer: z.enum(['sgd', 'momentum', 'adam']),
  seed: z.number().int().min(0),
  backend: z.string().max(64).optional(),
  threads: z.number().int().min(1).max(MAX_THREADS).optional(),
  maxShift: z.number().int().min(0).optional(),
  trainLimit: whole.optional(),
  testLimit: whole.optional(),
});

const FolderSourceSchema = z.strictObject({
  name: z.string().min(1).max(4096),
  classNames: z.array(z.string().max(256)).max(10_000),
  // A handle is checked by the host that reads it (SessionHost.readPicture).
  files: z.array(z.strictObject({ className: z.string().max(256), name: z.string().max(4096), bytes: z.instanceof(Uint8Array).optional(), handle: z.unknown().optional() })
    .refine((file) => (file.bytes === undefined) !== (file.handle === undefined), 'a picture has its bytes or a handle to read them through, not both')).max(1_000_000),
  height: z.number().int().min(1).max(1024),
  width: z.number().int().min(1).max(1024),
  color: z.boolean(),
});

const ProbeSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sample'), index: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('pixels'), bytes: z.instanceof(Uint8Array) }),
]);

export const WorkerCommandSchema = z.discriminatedUnion('type', [
  // The document is loaded (and its problems named) by the session itself, as the CLI loads a file.
  z.strictObject({ type: z.literal('start'), document: z.unknown(), settings: TrainSettingsSchema, folder: FolderSourceSchema.optional() }),
  z.strictObject({ type: z.literal('import'), requestId, folder: FolderSourceSchema }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('stop') }),
  z.strictObject({ type: z.literal('probe'), requestId, source: ProbeSourceSchema, nodeIds: z.array(z.string().max(64)).max(10_000), epoch: z.number().int().min(0).optional(), detailIds: z.array(z.string().max(64)).max(10_000).optional() }),
  z.strictObject({ type: z.literal('examples'), requestId, actual: z.number().int().min(0), predicted: z.number().int().min(0), limit: z.number().int().min(0).max(10_000) }),
]);

// Every command the type allows is one the schema accepts, and the other way round (but for the document, checked on load).
type Parsed = z.infer<typeof WorkerCommandSchema>;
type SameTypes = [Exclude<WorkerCommand['type'], Parsed['type']>, Exclude<Parsed['type'], WorkerCommand['type']>] extends [never, never] ? true : never;
const sameTypes: SameTypes = true;
void sameTypes;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.length ? issue.path.map(String).join('.') : 'the message'}: ${issue.message}` : 'not a message';
}

/** The command, or the reason it is not one ("settings.epochs: …"). */
export function parseWorkerCommand(message: unknown): { ok: true; command: WorkerCommand } | { ok: false; message: string } {
  const parsed = WorkerCommandSchema.safeParse(message);
  if (parsed.success) return { ok: true, command: parsed.data as WorkerCommand };
  return { ok: false, message: `the training worker was sent a malformed command: ${firstIssue(parsed.error)}` };
}

// ---- what the worker posts: shapes the page relies on (run reports are checked loosely, by their kind) ----

const text = z.string().max(100_000);
const count = z.number().int().min(0);
/** Any number, NaN and infinities too: a diverged run reports them, and the page shows them as such. */
const numeric = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const activation = z.strictObject({ nodeId: text, shape: z.array(count), data: z.instanceof(Float32Array) });
const histogramShape = z.strictObject({ name: text, min: numeric, max: numeric, counts: z.array(count) });
const report = <K extends string>(kind: K) => z.looseObject({ event: z.literal(kind) });

const ProbeResultSchema = z.strictObject({
  label: count.optional(),
  input: z.instanceof(Uint8Array),
  inputShape: z.array(count),
  activations: z.array(activation),
  kernels: z.array(activation),
  histograms: z.array(histogramShape),
  testCount: count,
});
const ExamplesResultSchema = z.strictObject({ indices: z.array(count), images: z.instanceof(Uint8Array), shape: z.array(count) });
const ImportResultSchema = z.strictObject({
  name: text,
  classNames: z.array(text),
  trainCount: count,
  testCount: count,
  skipped: z.array(z.strictObject({ name: text, reason: text })),
});

/** Each request kind's result, for matching a reply to what was asked. */
export const RESULT_SCHEMAS = { probe: ProbeResultSchema, examples: ExamplesResultSchema, import: ImportResultSchema } as const;

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('status'), message: text }),
  z.strictObject({ type: z.literal('started'), backend: text, backendReason: text, totalSteps: count, trainCount: count }),
  z.strictObject({ type: z.literal('metrics'), steps: z.instanceof(Float64Array), losses: z.instanceof(Float32Array) }),
  z.strictObject({ type: z.literal('progress'), event: report('progress') }),
  z.strictObject({ type: z.literal('epoch'), event: report('epoch') }),
  // The page's own document sent back with the trained weights: checked for its shape here, as a graph.
  z.strictObject({ type: z.literal('done'), event: report('done'), document: z.looseObject({ nodes: z.array(z.unknown()) }) }),
  z.strictObject({ type: z.literal('error'), message: text, nodeId: text.optional(), step: count.optional() }),
  z.strictObject({ type: z.literal('evaluation'), classNames: z.array(text), accuracy: numeric, perClassAccuracy: z.array(numeric), confusion: z.array(z.array(count)) }),
  z.strictObject({ type: z.literal('reply-progress'), requestId, done: count, total: count }),
  z.discriminatedUnion('ok', [
    z.strictObject({ type: z.literal('reply'), requestId, ok: z.literal(true), result: z.union([ProbeResultSchema, ExamplesResultSchema, ImportResultSchema]) }),
    z.strictObject({ type: z.literal('reply'), requestId, ok: z.literal(false), message: text }),
  ]),
]);

type ParsedMessage = z.infer<typeof WorkerMessageSchema>;
type SameMessages = [Exclude<WorkerMessage['type'], ParsedMessage['type']>, Exclude<ParsedMessage['type'], WorkerMessage['type']>] extends [never, never] ? true : never;
const sameMessages: SameMessages = true;
void sameMessages;

/** The worker's message, or the reason it is not one ("result.activations.0.data: …"). */
export function parseWorkerMessage(message: unknown): { ok: true; message: WorkerMessage } | { ok: false; message: string } {
  const parsed = WorkerMessageSchema.safeParse(message);
  if (parsed.success) return { ok: true, message: parsed.data as WorkerMessage };
  return { ok: false, message: `the training worker sent a malformed message: ${firstIssue(parsed.error)}` };
}
