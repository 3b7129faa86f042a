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

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'resources/', 'test-results/', 'playwright-report/'] },
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
          { group: ['**/renderer/**', '**/renderer', '**/app/**', '**/app', '**/cli/**', '**/cli', '**/test/**'], message: 'engine/ may not import renderer/, app/, cli/ or test/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']
          .map((name) => ({ name, message: 'engine/ is pure: no DOM or Node globals.' })),
      ],
    },
  },
);
