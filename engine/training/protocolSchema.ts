/**
 * The worker protocol's commands as a zod schema, so the training session
 * checks every message it is sent (a page, an extension or a bug can post
 * anything to a worker) and answers a malformed one with an error that names
 * the place, instead of failing somewhere inside a run. The schema is checked
 * against the TypeScript type below: a command added to one and not the
 * other does not compile.
 */
import { z } from 'zod';
import type { WorkerCommand } from './protocol';

const requestId = z.number().int().min(0);
const whole = z.number().int().min(1);

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
  maxShift: z.number().int().min(0).optional(),
  trainLimit: whole.optional(),
  testLimit: whole.optional(),
});

const FolderSourceSchema = z.strictObject({
  name: z.string().min(1).max(4096),
  classNames: z.array(z.string().max(256)).max(10_000),
  files: z.array(z.strictObject({ className: z.string().max(256), name: z.string().max(4096), bytes: z.instanceof(Uint8Array) })).max(1_000_000),
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

/** The command, or the reason it is not one ("settings.epochs: …"). */
export function parseWorkerCommand(message: unknown): { ok: true; command: WorkerCommand } | { ok: false; message: string } {
  const parsed = WorkerCommandSchema.safeParse(message);
  if (parsed.success) return { ok: true, command: parsed.data as WorkerCommand };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `the training worker was sent a malformed command: ${issue ? `${issue.path.length ? issue.path.map(String).join('.') : 'the message'}: ${issue.message}` : 'not a command'}` };
}
