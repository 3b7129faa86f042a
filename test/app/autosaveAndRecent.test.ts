import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutosaveStore } from '../../app/main/autosave';
import { RecentFiles } from '../../app/main/recentFiles';
import { readWindowState, restoreWindowState, writeWindowState } from '../../app/main/windowState';

const folder = () => mkdtempSync(join(tmpdir(), 'convstudio-app-'));
const lenet = readFileSync('resources/examples/lenet-5.json', 'utf8');

describe('autosave and recovery', () => {
  it('offers back what a run that ended without closing left, with its file', () => {
    const dir = folder();
    new AutosaveStore(dir).write({ fileName: 'lenet-5.json', filePath: '/home/student/lenet-5.json', text: lenet }, new Date('2026-11-25T10:00:00Z'));
    // The next start of the app:
    const recovery = new AutosaveStore(dir).recover();
    expect(recovery.entry).toMatchObject({ fileName: 'lenet-5.json', filePath: '/home/student/lenet-5.json', savedAt: '2026-11-25T10:00:00.000Z', text: lenet });
  });

  it('has nothing to offer after a clean close', () => {
    const dir = folder();
    const store = new AutosaveStore(dir);
    store.write({ fileName: 'a.json', text: lenet });
    store.clear();
    expect(new AutosaveStore(dir).recover()).toEqual({});
  });

  it('restores a graph with wiring problems (work in progress), like the editor opens one', () => {
    const dir = folder();
    const draft = JSON.parse(lenet) as { edges: unknown[] };
    draft.edges = draft.edges.slice(1);
    new AutosaveStore(dir).write({ fileName: 'draft.json', text: JSON.stringify(draft) });
    expect(new AutosaveStore(dir).recover().entry?.fileName).toBe('draft.json');
  });

  it.each([
    ['not JSON', '{"format": "convstudio-autosave", "vers'],
    ['the wrong shape', JSON.stringify({ format: 'convstudio-autosave', version: 1, fileName: 3 })],
    ['text that is not a graph', JSON.stringify({ format: 'convstudio-autosave', version: 1, savedAt: 'x', fileName: 'a.json', text: '{"nodes": 5}' })],
  ])('ignores a corrupt autosave (%s) with a message and keeps it aside', (_what, content) => {
    const dir = folder();
    writeFileSync(join(dir, 'autosave.json'), content);
    const recovery = new AutosaveStore(dir).recover();
    expect(recovery.entry).toBeUndefined();
    expect(recovery.problem).toMatch(/could not be restored and was ignored \(.+\); it was kept as .*autosave\.json\.damaged-\d+/);
    expect(existsSync(join(dir, 'autosave.json'))).toBe(false);
    expect(readdirSync(dir).some((name) => name.startsWith('autosave.json.damaged-'))).toBe(true);
    // It is not offered again.
    expect(new AutosaveStore(dir).recover()).toEqual({});
  });
});

describe('recent documents', () => {
  it('keeps the newest first, without duplicates, up to the limit, across restarts', () => {
    const dir = folder();
    const files = ['a', 'b', 'c', 'd'].map((name) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, '{}');
      return path;
    });
    const recent = new RecentFiles(join(dir, 'recent.json'), 3);
    for (const file of files) recent.add(file);
    recent.add(files[1]!);
    expect(recent.list()).toEqual([files[1], files[3], files[2]]);
    expect(new RecentFiles(join(dir, 'recent.json'), 3).list()).toEqual([files[1], files[3], files[2]]);
  });

  it('drops files that were deleted, and starts empty from a damaged list with the reason', () => {
    const dir = folder();
    const kept = join(dir, 'kept.json');
    const gone = join(dir, 'gone.json');
    writeFileSync(kept, '{}');
    writeFileSync(gone, '{}');
    const recent = new RecentFiles(join(dir, 'recent.json'));
    recent.add(gone);
    recent.add(kept);
    rmSync(gone);
    expect(recent.list()).toEqual([kept]);

    writeFileSync(join(dir, 'recent.json'), '{"version": 1, "files": [42]}');
    const damaged = new RecentFiles(join(dir, 'recent.json'));
    expect(damaged.list()).toEqual([]);
    expect(damaged.loadProblem).toMatch(/unexpected content at files\.0/);
  });
});

describe('window size and position', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('comes back where it was left', () => {
    const dir = folder();
    writeWindowState(join(dir, 'window.json'), { x: 100, y: 80, width: 1000, height: 700, maximized: false });
    expect(restoreWindowState(readWindowState(join(dir, 'window.json')), screen)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: false });
  });

  it('does not open off screen when the monitor it was on is gone', () => {
    const restored = restoreWindowState({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }, screen);
    expect(restored).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('uses the default size without a saved state or with a damaged one', () => {
    const dir = folder();
    writeFileSync(join(dir, 'window.json'), '{"version": 1, "x": "left"}');
    expect(restoreWindowState(readWindowState(join(dir, 'window.json')), screen)).toEqual({ width: 1280, height: 800, maximized: false });
  });
});
