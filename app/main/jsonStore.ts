/**
 * Small JSON files the app keeps in its data folder (recent documents, window
 * bounds, autosave). Reading never throws: a missing or damaged file gives a
 * problem message and the caller falls back to a default; writing is atomic.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomically } from '../../host/atomicWrite';

export type JsonReadResult<T> = { ok: true; value: T } | { ok: false; missing: boolean; problem: string };

export function readJsonStore<T>(path: string, schema: z.ZodType<T>): JsonReadResult<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, problem: `${path} could not be read: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, problem: `${path} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, missing: false, problem: `${path} has unexpected content at ${issue?.path.join('.') || 'the top level'}: ${issue?.message}` };
  }
  return { ok: true, value: parsed.data };
}

export function writeJsonStore(path: string, value: unknown): void {
  writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}
