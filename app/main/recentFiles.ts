/** The recent-documents list behind File > Open Recent: newest first, no duplicates, only files that still exist. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readJsonStore, writeJsonStore } from './jsonStore';

const RecentFilesFile = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)).max(100) });

export const MAX_RECENT_FILES = 10;

export class RecentFiles {
  private files: string[];
  /** Why the stored list was not used, when it was damaged (the list then starts empty). */
  readonly loadProblem: string | undefined;

  constructor(private readonly storePath: string, private readonly limit = MAX_RECENT_FILES) {
    const read = readJsonStore(storePath, RecentFilesFile);
    this.files = read.ok ? read.value.files.slice(0, limit) : [];
    this.loadProblem = read.ok || read.missing ? undefined : read.problem;
  }

  /** The list, dropping files that were moved or deleted since. */
  list(): string[] {
    const present = this.files.filter((file) => existsSync(file));
    if (present.length !== this.files.length) this.replace(present);
    return [...present];
  }

  add(file: string): void {
    const absolute = resolve(file);
    this.replace([absolute, ...this.files.filter((f) => f !== absolute)].slice(0, this.limit));
  }

  remove(file: string): void {
    this.replace(this.files.filter((f) => f !== resolve(file)));
  }

  clear(): void {
    this.replace([]);
  }

  private replace(files: string[]): void {
    this.files = files;
    writeJsonStore(this.storePath, { version: 1, files });
  }
}
