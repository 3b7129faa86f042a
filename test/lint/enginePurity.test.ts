import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The engine must run in Node, a Worker and the renderer alike; lint keeps
// everything that would tie it to one of them out. These cases prove the rule
// fires (and would fail if someone loosened it).
const eslint = new ESLint();

async function engineLintMessages(code: string, file = 'engine/graph/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('engine/ purity', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
    ["import { join } from 'path';", 'no-restricted-imports'],
    ["import { ipcRenderer } from 'electron';", 'no-restricted-imports'],
    ["import { Canvas } from '../../renderer/canvas';", 'no-restricted-imports'],
    ["import { main } from '../../app/main';", 'no-restricted-imports'],
    ["import { runCli } from '../../cli/main';", 'no-restricted-imports'],
    ['export const title = document.title;', 'no-restricted-globals'],
    ['export const cwd = process.cwd();', 'no-restricted-globals'],
    ["export const bytes = Buffer.from('x');", 'no-restricted-globals'],
  ])('refuses %s', async (code, rule) => {
    const messages = await engineLintMessages(`${code}\n`);
    expect(messages.some((m) => m.startsWith(`${rule}:`)), messages.join('\n')).toBe(true);
  });

  it('allows engine-internal imports and pure code', async () => {
    expect(await engineLintMessages("import { sizeOf } from '../shapes/shape';\nexport const n = sizeOf([2, 3]);\n")).toEqual([]);
  });

  it('does not restrict the CLI, which is where Node file I/O belongs', async () => {
    expect(await engineLintMessages("import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n", 'cli/example.ts')).toEqual([]);
  });
});
