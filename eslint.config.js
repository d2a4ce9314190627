// ESLint flat config. Besides the usual TypeScript rules it enforces the one-way layer rule of
// DESIGN.md (engine ← sim ← wire ← runner ← store ← ui ← app) and keeps the engine and the simulator pure:
// no UI libraries, no DOM, no clock, no global random numbers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const UI_LIBRARIES = [
  'react',
  'react-dom',
  'react-dom/*',
  'react/*',
  'zustand',
  'zustand/*',
  'framer-motion',
  'framer-motion/*',
];

/** A restricted-import pattern for each layer a folder may not reach. */
function layersAbove(...layers) {
  return layers.map((layer) => ({
    regex: `(^|/)(src/)?${layer}(/|$)`,
    message: `DESIGN.md layer rule: this folder may not import from src/${layer}.`,
  }));
}

function restrictImports({ uiLibraries, layers, engineApi = true }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: uiLibraries
          ? UI_LIBRARIES.filter((name) => !name.includes('*')).map((name) => ({
              name,
              message: 'DESIGN.md layer rule: engine, sim, wire and cli never touch UI libraries.',
            }))
          : [],
        patterns: [
          ...(uiLibraries
            ? [
                {
                  group: UI_LIBRARIES.filter((n) => n.includes('*')),
                  message: 'DESIGN.md layer rule: no UI libraries here.',
                },
              ]
            : []),
          ...layersAbove(...layers),
          ...(engineApi
            ? [
                {
                  regex: '(^|/)engine/[^/]+$',
                  message: 'Import the engine through src/engine/index.ts, its public API.',
                },
              ]
            : []),
        ],
      },
    ],
  };
}

const PURITY_GLOBALS = [
  'Date',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'performance',
  'window',
  'document',
  'navigator',
  'localStorage',
  'fetch',
].map((name) => ({
  name,
  message:
    'The engine and the simulator are pure and deterministic: time arrives as an argument (DESIGN.md).',
}));

const purity = {
  'no-restricted-globals': ['error', ...PURITY_GLOBALS],
  'no-restricted-properties': [
    'error',
    {
      object: 'Math',
      property: 'random',
      message: 'Use the seeded RNG: same seed, same run (DESIGN.md).',
    },
    { object: 'globalThis', message: 'The engine and the simulator reach nothing global.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-single/**',
      'node_modules/**',
      'test-output/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/app/**/*.ts', 'src/store/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      ...purity,
      ...restrictImports({
        uiLibraries: true,
        layers: ['sim', 'lessons', 'wire', 'runner', 'store', 'ui', 'app', 'cli'],
        engineApi: false,
      }),
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      ...purity,
      ...restrictImports({
        uiLibraries: true,
        layers: ['lessons', 'wire', 'runner', 'store', 'ui', 'app', 'cli'],
      }),
    },
  },
  {
    // Lessons and predict-mode questions: data plus pure functions of a trace (DESIGN.md).
    files: ['src/lessons/**/*.ts'],
    ignores: ['src/lessons/**/*.test.ts'],
    rules: {
      ...purity,
      ...restrictImports({
        uiLibraries: true,
        layers: ['wire', 'runner', 'store', 'ui', 'app', 'cli'],
      }),
    },
  },
  {
    files: ['src/wire/**/*.ts'],
    rules: restrictImports({ uiLibraries: true, layers: ['runner', 'store', 'ui', 'app', 'cli'] }),
  },
  {
    // Drives the engine with its own clock beside the simulator: the packetdrill runner and a
    // capture's replay; it reads the wire formats and is read by the store and the CLI.
    files: ['src/runner/**/*.ts'],
    rules: restrictImports({ uiLibraries: true, layers: ['lessons', 'store', 'ui', 'app', 'cli'] }),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrictImports({ uiLibraries: true, layers: ['store', 'ui', 'app'] }),
  },
  {
    files: ['src/store/**/*.ts', 'src/store/**/*.tsx'],
    rules: restrictImports({ uiLibraries: false, layers: ['ui', 'app', 'cli'] }),
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: restrictImports({ uiLibraries: false, layers: ['app', 'cli'] }),
  },
  {
    files: ['src/app/**/*.ts', 'src/app/**/*.tsx', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: restrictImports({ uiLibraries: false, layers: [] }),
  },
);
