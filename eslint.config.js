// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message:
    'Only electron/main and electron/preload may import electron: anywhere else, tests try to download the binary.',
};

/**
 * The core's inner layers, as electron/core/README.md draws them: what each folder may import of
 * the core (folders, and the small root files). Everything else of the core is refused, and so is
 * anything above the core (demo, main, cli, preload, renderer). `types` may be imported for types only.
 */
const CORE_FOLDERS = [
  'engine',
  'alerts',
  'poller',
  'snapshot',
  'presence',
  'history',
  'settings',
  'bitrix',
  'calendar',
];
const CORE_ROOT_FILES = [
  'app-service',
  'connection',
  'ports',
  'clock',
  'emitter',
  'error-message',
  'request-failure',
];
/** @type {Record<string, { folders: string[]; root: string[]; types?: string[]; noNode?: boolean }>} */
const CORE_LAYERS = {
  engine: {
    folders: ['poller', 'alerts', 'snapshot', 'presence', 'bitrix', 'calendar'],
    root: ['clock', 'emitter', 'ports', 'error-message'],
  },
  // The "while you were away" digest is computed by history/digest.ts (pure) and announced by alerts.
  alerts: { folders: ['history'], root: ['clock', 'ports'] },
  poller: { folders: [], root: ['clock'] },
  snapshot: { folders: ['presence'], root: [] },
  presence: { folders: ['calendar'], root: [], types: ['bitrix'], noNode: true },
  history: { folders: [], root: [] },
  settings: { folders: [], root: [] },
  bitrix: { folders: [], root: ['clock'] },
  calendar: { folders: [], root: [], noNode: true },
};
const ABOVE_CORE = ['**/demo/**', '**/main/**', '**/cli/**', '**/preload/**', '**/renderer/**'];

/** @param {string} folder */
function coreLayerConfig(folder) {
  const layer = CORE_LAYERS[folder];
  const refusedFolders = CORE_FOLDERS.filter(
    (other) => other !== folder && !layer.folders.includes(other),
  );
  const refusedRoot = CORE_ROOT_FILES.filter((file) => !layer.root.includes(file));
  const patterns = [
    {
      group: ABOVE_CORE,
      message: 'The core runs without its hosts: nothing of demo, main, cli, preload or renderer.',
    },
    ...(refusedFolders.length > 0
      ? [
          {
            group: refusedFolders.map((other) => `../${other}/**`),
            message: `electron/core/${folder} may import only what electron/core/README.md lists for it.`,
          },
        ]
      : []),
    ...(refusedRoot.length > 0
      ? [
          {
            group: refusedRoot.map((file) => `../${file}.js`),
            message: `electron/core/${folder} may import only the small root files electron/core/README.md lists for it.`,
          },
        ]
      : []),
    ...(layer.types ?? []).map((other) => ({
      group: [`../${other}/**`],
      allowTypeImports: true,
      message: `electron/core/${folder} may import types only from ${other}.`,
    })),
    ...(layer.noNode
      ? [{ group: ['node:*', 'ws'], message: 'Portable core: no Node modules.' }]
      : []),
  ];
  return {
    files: [`electron/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
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
              message:
                'Register IPC through electron/main/ipc.ts, which checks the sender and validates payloads.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The core's root files (the service and the connection) sit above its folders, below the hosts.
    files: ['electron/core/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ABOVE_CORE,
              message:
                'The core runs without its hosts: nothing of demo, main, cli, preload or renderer.',
            },
          ],
        },
      ],
    },
  },
  ...CORE_FOLDERS.map(coreLayerConfig),
  {
    // electron/shared is what the panel shares with the Node side: free of Node, Electron and
    // everything else in electron/.
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['node:*', 'ws'],
              message: 'Shared with the sandboxed panel: no Node modules.',
            },
            {
              group: [
                '**/core/**',
                '**/main/**',
                '**/cli/**',
                '**/demo/**',
                '**/preload/**',
                '**/renderer/**',
              ],
              message: 'Only electron/shared itself and zod.',
            },
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
              group: [
                '**/core/presence/**',
                '**/core/engine/**',
                '**/core/alerts/**',
                '**/core/snapshot/**',
              ],
              message:
                "The demo simulates a portal on its own: importing the app's presence rules would make it agree with the app by construction.",
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
            {
              group: ['node:*', 'ws'],
              message: 'The panel runs in a sandboxed renderer: no Node modules.',
            },
            {
              group: ['**/electron/**'],
              message:
                'The panel only knows the bridge and what it shares with the Node side: import $shared/… (electron/shared).',
            },
          ],
        },
      ],
    },
  },
);
