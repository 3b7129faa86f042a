#!/usr/bin/env node
// The `convstudio` command. The CLI is bundled by `npm install` (prepare) into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/convstudio.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(`convstudio: the command line is not built yet (${fileURLToPath(bundle)} is missing).\nRun \`npm install\` or \`npm run build:cli\` in the ConvStudio folder.\n`);
  process.exit(2);
}
await import(bundle.href);
