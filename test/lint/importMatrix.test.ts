/**
 * The import matrix (eslint.config.js): engine/ imports nothing of ours;
 * host/ only the engine; cli/ and app/ the host layer and the engine; the
 * renderer the engine and the desktop contract in app/shared/. Each case is
 * linted as if it were a file in that folder, so a loosened rule fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function importProblems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const FORBIDDEN: [file: string, code: string][] = [
  ['engine/graph/example.ts', "import { x } from '../../host/atomicWrite';"],
  ['host/example.ts', "import { x } from '../cli/io';"],
  ['host/example.ts', "import { x } from '../app/main/menu';"],
  ['host/example.ts', "import { x } from '../renderer/App';"],
  ['cli/commands/example.ts', "import { x } from '../../app/main/documentFiles';"],
  ['cli/example.ts', "import { x } from '../renderer/store/documentStore';"],
  ['cli/example.ts', "import { x } from '../test/helpers/cli';"],
  ['app/main/example.ts', "import { x } from '../../cli/io';"],
  ['app/main/example.ts', "import { x } from '../../renderer/App';"],
  ['renderer/lessons/example.ts', "import { x } from '../../host/readDocument';"],
  ['renderer/example.tsx', "import { x } from '../cli/datasets';"],
  ['renderer/example.ts', "import { x } from '../app/main/menu';"],
  ['renderer/example.ts', "import { x } from '../app/preload/preload';"],
  ['renderer/example.ts', "import { x } from 'node:fs';"],
  ['renderer/example.ts', "import { x } from 'electron';"],
];

const ALLOWED: [file: string, code: string][] = [
  ['host/example.ts', "import { x } from '../engine/graph/load';"],
  ['host/example.ts', "import { x } from 'node:fs';"],
  ['cli/example.ts', "import { x } from '../host/atomicWrite';"],
  ['cli/example.ts', "import { x } from '../engine/graph/load';"],
  ['app/main/example.ts', "import { x } from '../../host/readDocument';"],
  ['app/main/example.ts', "import { x } from '../shared/commands';"],
  ['renderer/example.ts', "import { x } from '../engine/graph/load';"],
  ['renderer/example.ts', "import { x } from '../app/shared/desktopApi';"],
];

describe('the import matrix', () => {
  it.each(FORBIDDEN)('refuses, in %s: %s', async (file, code) => {
    expect(await importProblems(code, file)).toHaveLength(1);
  });
  it.each(ALLOWED)('allows, in %s: %s', async (file, code) => {
    expect(await importProblems(code, file)).toEqual([]);
  });
});
