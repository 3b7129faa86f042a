// Lint for the whole repository. The rule that matters most is the engine's
// purity: engine/ runs in Node, in a Worker and in the renderer, so it may not
// import the UI, the desktop shell, the CLI, Node built-ins or Electron, nor
// touch DOM or Node globals. (engine/tsconfig.json enforces the same with types.)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

/** Import patterns matching our top-level folders (or a subfolder, `app/main`), however deep the relative path. */
const folders = (...names) => names.flatMap((name) => [`**/${name}/**`, `**/${name}`]);

/**
 * Which of our folders each may import (the engine's rule is below): host/
 * (Node file I/O, atomic writes, helper threads) only the engine; cli/ and
 * app/ the host layer and the engine; the renderer the engine and the
 * desktop contract in app/shared/. test/lint/importMatrix.test.ts proves each
 * rule fires.
 */
const importMatrix = [
  { files: ['host/**/*.ts'], forbidden: ['cli', 'app', 'renderer', 'test', 'bench'], message: 'host/ may import only engine/.' },
  { files: ['cli/**/*.ts'], forbidden: ['app', 'renderer', 'test', 'bench'], message: 'cli/ may import only engine/ and host/.' },
  { files: ['app/**/*.ts'], forbidden: ['cli', 'renderer', 'test', 'bench'], message: 'app/ may import only engine/, host/ and app/shared/.' },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    forbidden: ['cli', 'host', 'app/main', 'app/preload', 'test', 'bench'],
    message: 'renderer/ may import only engine/ and the desktop contract in app/shared/.',
    extraPaths: [...nodeBuiltins.map((name) => ({ name, message: 'renderer/ runs in the page: no Node built-ins.' })), { name: 'electron', message: 'renderer/ talks to the desktop shell through app/shared/desktopApi only.' }],
    extraPatterns: [{ group: ['node:*'], message: 'renderer/ runs in the page: no Node built-ins.' }],
  },
];

export default tseslint.config(
  // engine/backend/wasm/assembly/ is AssemblyScript (its own types, decorators where TypeScript allows none), checked by its compiler in scripts/build-wasm.mjs.
  { ignores: ['node_modules/', 'dist/', 'out/', 'resources/', 'test-results/', 'playwright-report/', 'engine/backend/wasm/assembly/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  ...importMatrix.map(({ files, forbidden, message, extraPaths = [], extraPatterns = [] }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: extraPaths, patterns: [{ group: folders(...forbidden), message }, ...extraPatterns] }] },
  })),
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'engine/ is pure: no Node built-ins (it also runs in a Worker and the renderer).' })),
          { name: 'electron', message: 'engine/ is pure: no Electron.' },
          { name: 'react', message: 'engine/ is pure: no UI.' },
          { name: 'gpu.js', message: 'The host passes the GPU class to createGpujsBackend; the engine never loads gpu.js itself.' },
        ],
        patterns: [
          { group: ['node:*'], message: 'engine/ is pure: no Node built-ins.' },
          { group: folders('renderer', 'app', 'cli', 'host', 'test', 'bench'), message: 'engine/ imports nothing of ours outside engine/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']
          .map((name) => ({ name, message: 'engine/ is pure: no DOM or Node globals.' })),
      ],
    },
  },
);
