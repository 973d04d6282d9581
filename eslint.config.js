// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron: anywhere else, tests try to download the binary.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Register IPC through electron/main/ipc.ts, which checks the sender and validates payloads.',
            },
          ],
        },
      ],
    },
  },
  { files: ['electron/main/ipc.ts', 'electron/preload/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    // electron/shared is what the panel shares with the Node side: free of Node, Electron and
    // everything else in electron/. The presence model stays portable too.
    files: ['electron/shared/**/*.ts', 'electron/core/presence/**/*.ts', 'electron/core/calendar/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['node:*', 'ws'], message: 'Shared with the sandboxed panel: no Node modules.' },
            { group: ['**/core/**', '**/main/**', '**/cli/**', '**/demo/**', '**/preload/**'], message: 'Only electron/shared itself and zod.' },
          ],
        },
      ],
    },
  },
  {
    // The demo portal is the oracle the app is tested against: it must not borrow the app's rules.
    files: ['electron/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/core/presence/**', '**/core/engine/**', '**/core/alerts/**', '**/core/snapshot/**'],
              message: 'The demo simulates a portal on its own: importing the app\'s presence rules would make it agree with the app by construction.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['node:*', 'ws'], message: 'The panel runs in a sandboxed renderer: no Node modules.' },
            {
              group: ['**/electron/**'],
              message: 'The panel only knows the bridge and what it shares with the Node side: import $shared/… (electron/shared).',
            },
          ],
        },
      ],
    },
  },
);
