// Lint with the import directions of docs/architecture.md ("Import rules") as errors:
//  - the renderer never imports src-main (nor Node or Electron);
//  - only src-main/app imports electron;
//  - shared/ imports nothing from Node, the DOM's host APIs or Electron.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'artifacts/**', 'bin/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { process: 'readonly', __dirname: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly', location: 'readonly', navigator: 'readonly', localStorage: 'readonly', history: 'readonly', WebSocket: 'readonly', require: 'readonly', module: 'writable', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', performance: 'readonly', structuredClone: 'readonly', Blob: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-control-regex': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to main only through window.fieldkit.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node.' }))],
        patterns: [{ group: ['**/src-main/**', '**/src-main'], message: 'The renderer never imports src-main: use the contract in shared/.' }],
      }],
    },
  },
  {
    files: ['src-main/engines/**/*.ts', 'src-main/services/**/*.ts', 'src-main/api/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/host/**/*.ts', 'src-main/security/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/app may import electron (docs/architecture.md).' }],
        patterns: [{ group: ['**/src-main/app/**', '**/app/main', '**/app/ipc', '**/app/preload'], message: 'Engines and services never depend on the Electron shell.' }, { group: ['**/src-renderer/**'], message: 'Main never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is pure TypeScript.' }, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node.' }))],
        patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'shared/ depends on nothing else in the project.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'navigator'],
    },
  },
);
