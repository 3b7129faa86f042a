/**
 * Every IPC message from a renderer is checked here before the main process
 * acts on it: the channel must be one the preload exposes, the sender must be
 * the app's own page (served from app://convstudio/), the payload must fit a
 * size limit, and the arguments must have the expected types. A compromised
 * or confused page gets a refusal, never a file written or read on its say.
 */
import { z } from 'zod';
import { SHELL_COMMAND_IDS } from '../shared/commands';
import { BINARY_EXPORT_KINDS, INVOKE_CHANNELS, MAX_APP_DOCUMENT_BYTES, NATIVE_EDITS, SEND_CHANNELS } from '../shared/desktopApi';
import { isAppUrl } from './appProtocol';

/** A message carries at most one document or export: the size of the largest document the app opens. */
export const MAX_IPC_PAYLOAD_BYTES = MAX_APP_DOCUMENT_BYTES;

const text = z.string().max(MAX_IPC_PAYLOAD_BYTES);
const handle = z.string().uuid();
const fileName = z.string().min(1).max(255).refine((name) => !/[\\/\0]/.test(name), 'a file name without folders');

const ARGUMENTS: Record<string, z.ZodType<unknown[]>> = {
  [INVOKE_CHANNELS.open]: z.tuple([]),
  [INVOKE_CHANNELS.openRecent]: z.tuple([z.string().min(1).max(4096)]),
  [INVOKE_CHANNELS.save]: z.union([z.tuple([text, fileName]), z.tuple([text, fileName, handle])]),
  [INVOKE_CHANNELS.saveAs]: z.tuple([text, fileName]),
  [INVOKE_CHANNELS.exportFile]: z.tuple([
    z.discriminatedUnion('kind', [
      z.object({ suggestedName: fileName, text, kind: z.enum(['markdown', 'json']) }).strict(),
      z.object({ suggestedName: fileName, bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IPC_PAYLOAD_BYTES, 'at most 64 MB'), kind: z.enum(BINARY_EXPORT_KINDS) }).strict(),
    ]),
  ]),
  [INVOKE_CHANNELS.recentFiles]: z.tuple([]),
  [INVOKE_CHANNELS.appInfo]: z.tuple([]),
  [INVOKE_CHANNELS.takeRecovery]: z.tuple([]),
  [SEND_CHANNELS.documentState]: z.tuple([z.object({ fileName, dirty: z.boolean() }).strict()]),
  [SEND_CHANNELS.autosave]: z.tuple([z.object({ fileName, text, handle: handle.optional() }).strict()]),
  [SEND_CHANNELS.discardRecovery]: z.tuple([]),
  [SEND_CHANNELS.closeConfirmed]: z.tuple([]),
  [SEND_CHANNELS.nativeEdit]: z.tuple([z.enum(NATIVE_EDITS)]),
  [SEND_CHANNELS.shellCommand]: z.tuple([z.enum(SHELL_COMMAND_IDS as [string, ...string[]])]),
};

export type IpcCheck = { ok: true; args: unknown[] } | { ok: false; reason: string };

export function checkIpcMessage(channel: string, senderUrl: string | undefined, args: readonly unknown[]): IpcCheck {
  if (!Object.hasOwn(ARGUMENTS, channel)) return { ok: false, reason: `unknown channel "${channel.slice(0, 64)}"` };
  if (!senderUrl || !isAppUrl(senderUrl)) return { ok: false, reason: `${channel}: sender ${JSON.stringify((senderUrl ?? '').slice(0, 128))} is not the app's page` };
  const size = payloadSize(args);
  if (size > MAX_IPC_PAYLOAD_BYTES) return { ok: false, reason: `${channel}: ${Math.round(size / 2 ** 20)} MiB is over the ${MAX_IPC_PAYLOAD_BYTES / 2 ** 20} MiB limit` };
  const parsed = ARGUMENTS[channel]!.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${channel}: argument ${issue?.path.join('.') || ''} ${issue?.message ?? 'is invalid'}`.replace(/ {2,}/g, ' ') };
  }
  return { ok: true, args: parsed.data };
}

/** Counts string lengths and byte arrays (the only large things a message carries) without serializing it again. */
function payloadSize(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (depth > 8 || value === null || typeof value !== 'object') return 8;
  let total = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += payloadSize(item, depth + 1);
  return total;
}

export const ALL_RENDERER_CHANNELS: readonly string[] = Object.keys(ARGUMENTS);
