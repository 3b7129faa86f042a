/**
 * 10,000 hostile documents (test/helpers/hostileDocuments.ts) through every
 * way a document comes in outside the page: the editor's store (what the
 * picker, a drop, a recent file and the autosave recovery all end in), the
 * desktop shell's file read (Open, Open Recent) and IPC message checks, and
 * `convstudio validate` on all of them in one run. Nothing may throw, a
 * refused document leaves the open graph exactly as it was, and every error
 * names its place (line and column, and the JSON path or node where it has one).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIpcMessage } from '../../app/main/ipcValidation';
import { DocumentFiles, FileError } from '../../app/main/documentFiles';
import { RecentFiles } from '../../app/main/recentFiles';
import { INVOKE_CHANNELS, SEND_CHANNELS } from '../../app/shared/desktopApi';
import type { GraphDocument } from '../../engine';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { TEMPLATES } from '../../renderer/templates';
import { hostileDocuments, type HostileDocument } from '../helpers/hostileDocuments';

const COUNT = 10_000;
const PAGE = 'app://convstudio/index.html';

describe('10,000 hostile documents', () => {
  let corpus: HostileDocument[];
  let folder: string;
  beforeAll(() => {
    corpus = hostileDocuments(COUNT);
    folder = mkdtempSync(join(tmpdir(), 'convstudio-fuzz-'));
    for (const doc of corpus) writeFileSync(join(folder, doc.name), doc.text);
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('open in the editor\'s store or leave the open graph unchanged, each error with its line and column', () => {
    const store = createDocumentStore(structuredClone(TEMPLATES[0]!.document as GraphDocument), 'lenet-5.json');
    let opened = 0;
    const started = performance.now();
    for (const { name, text } of corpus) {
      const before = store.getState();
      const ok = store.open(text, name);
      const after = store.getState();
      if (ok) {
        opened++;
        expect(after.fileName).toBe(name);
        continue;
      }
      expect(after.document, name).toBe(before.document);
      expect(after.fileName, name).toBe(before.fileName);
      expect(after.history, name).toBe(before.history);
      expect(after.notice?.kind, name).toBe('error');
      const details = after.notice?.details ?? [];
      expect(details.length, name).toBeGreaterThan(0);
      for (const problem of details) {
        expect(problem.line, `${name}: ${problem.message}`).toBeGreaterThan(0);
        expect(problem.column, `${name}: ${problem.message}`).toBeGreaterThan(0);
        expect(problem.message.length, name).toBeGreaterThan(0);
      }
    }
    console.log(`store: ${opened} of ${COUNT} opened, ${COUNT - opened} refused with the graph unchanged, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The corpus reaches both sides: some documents survive their mutations, most do not.
    expect(opened).toBeGreaterThan(COUNT * 0.05);
    expect(opened).toBeLessThan(COUNT * 0.5);
  }, 300_000);

  it('are read by the desktop shell (Open, Open Recent) as they are, or refused with a FileError', () => {
    const files = new DocumentFiles({ chooseFileToOpen: async () => undefined, chooseSavePath: async () => undefined }, new RecentFiles(join(folder, 'recent.json.store')));
    let read = 0;
    for (const { name, text } of corpus) {
      try {
        expect(files.read(join(folder, name)).text).toBe(text.replace(/^\uFEFF/, '')); // a byte-order mark is dropped
        read++;
      } catch (error) {
        expect(error, name).toBeInstanceOf(FileError);
      }
    }
    // Only texts with a lone surrogate (not valid UTF-8 once written) are refused here.
    expect(read).toBeGreaterThan(COUNT * 0.99);
  }, 120_000);

  it('pass the IPC checks as text, and as arguments of the wrong shape are refused, never thrown', () => {
    for (const { name, text } of corpus) {
      expect(checkIpcMessage(INVOKE_CHANNELS.save, PAGE, [text, 'homework.json']).ok, name).toBe(true);
      expect(checkIpcMessage(SEND_CHANNELS.autosave, PAGE, [{ fileName: 'homework.json', text }]).ok, name).toBe(true);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
      for (const channel of [INVOKE_CHANNELS.save, INVOKE_CHANNELS.exportFile, SEND_CHANNELS.autosave, SEND_CHANNELS.documentState]) {
        const check = checkIpcMessage(channel, PAGE, [value, 0]);
        expect(check.ok, `${name} on ${channel}`).toBe(false);
        if (!check.ok) expect(check.reason).toMatch(new RegExp(`^${channel}: `));
      }
    }
  }, 120_000);

  it('through `convstudio validate` in one run: each file named, every problem with file:line:column, no stack trace', () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['bin/convstudio.mjs', 'validate', ...corpus.map((d) => join(folder, d.name))], { encoding: 'utf8', timeout: 300_000, maxBuffer: 512 * 2 ** 20 });
    const seconds = (performance.now() - started) / 1000;
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(2); // the worst: some files are not even JSON
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const valid = new Set(run.stdout.split('\n').filter(Boolean).map((line) => line.replace(/: valid( \(.*\))?$/, '')));
    const problemLines = run.stderr.split('\n').filter(Boolean);
    const withProblems = new Set<string>();
    for (const line of problemLines) {
      const match = /^(.+?\.json):(\d+):(\d+): (error|warning): ./.exec(line);
      expect(match, line.slice(0, 300)).not.toBeNull();
      withProblems.add(match![1]!);
    }
    const unaccounted = corpus.filter((d) => { const path = join(folder, d.name); return !valid.has(path) && !withProblems.has(path); });
    expect(unaccounted.map((d) => d.name)).toEqual([]);
    console.log(`convstudio validate: ${COUNT} files in ${seconds.toFixed(1)} s, ${valid.size} valid, ${problemLines.length} problem lines`);
  }, 300_000);

  it('a 200 MB file: refused by the CLI before its 100 million values are parsed, and by the app unread', () => {
    const path = join(folder, 'huge-array.json');
    writeFileSync(path, `{"format":"convstudio-graph","version":1,"name":"x","nodes":[],"edges":[],"weights":{"a":{"shape":[1],"data":[${'0,'.repeat(100_000_000)}0]}}}`);
    const run = spawnSync(process.execPath, ['bin/convstudio.mjs', 'validate', path], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/huge-array\.json:1:\d+: error: the document holds more than 2,000,000 values by here; a graph document stores large weights as base64/);
    const files = new DocumentFiles({ chooseFileToOpen: async () => undefined, chooseSavePath: async () => undefined }, new RecentFiles(join(folder, 'recent-huge.json.store')));
    expect(() => files.read(path)).toThrow(/huge-array\.json is 191 MiB, more than the 64 MiB the app opens; check it with `convstudio validate`/);
  }, 180_000);
});
