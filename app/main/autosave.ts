/**
 * Autosave and crash recovery. While the open document has unsaved changes,
 * the editor's text is written here every few seconds; a clean close, a save
 * or a discard removes it. So an autosave found at start-up means the app
 * ended without a chance to ask (a crash, a kill, a power cut): the user is
 * offered to restore it. A damaged autosave is moved aside, never offered,
 * and reported with a message.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadDocumentText } from '../../engine';
import { readJsonStore, writeJsonStore } from './jsonStore';

export const AutosaveEntry = z.object({
  format: z.literal('convstudio-autosave'),
  version: z.literal(1),
  savedAt: z.string(),
  /** The name shown in the title bar (for example lenet-5.json). */
  fileName: z.string().max(1024),
  /** Where the document was last opened or saved from, if anywhere. */
  filePath: z.string().max(4096).optional(),
  text: z.string(),
});
export type AutosaveEntry = z.infer<typeof AutosaveEntry>;

export type Recovery = { entry: AutosaveEntry; problem?: undefined } | { entry?: undefined; problem?: string };

export class AutosaveStore {
  readonly path: string;

  constructor(folder: string) {
    this.path = join(folder, 'autosave.json');
  }

  write(entry: Omit<AutosaveEntry, 'format' | 'version' | 'savedAt'>, now = new Date()): void {
    writeJsonStore(this.path, { format: 'convstudio-autosave', version: 1, savedAt: now.toISOString(), ...entry });
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }

  /** What a previous run left behind, if it is a document that still loads. */
  recover(): Recovery {
    if (!existsSync(this.path)) return {};
    const read = readJsonStore(this.path, AutosaveEntry);
    const problem = read.ok ? documentProblem(read.value.text) : read.problem;
    if (read.ok && problem === undefined) return { entry: read.value };
    const aside = `${this.path}.damaged-${Date.now()}`;
    renameSync(this.path, aside);
    return { problem: `The autosaved document could not be restored and was ignored (${problem}); it was kept as ${aside}.` };
  }
}

/** Same rule as the editor's open: a graph with wiring problems is still work worth restoring; unreadable text is not. */
function documentProblem(text: string): string | undefined {
  const loaded = loadDocumentText(text);
  if (loaded.document) return undefined;
  const first = loaded.problems.find((p) => p.severity === 'error');
  return first ? `line ${first.line ?? '?'}: ${first.message}` : 'not a graph document';
}
