// Typed ESLint, plus the layer rules of the architecture (docs in README "Architecture"):
// common imports nothing else of ours; native and core never import electron; the
// renderer sees only electron/common; only electron/main and electron/preload see electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
/** @param {string[]} group @param {string} message */
const pattern = (group, message) => ({ group, message });

export const layerRules = {
  common: {
    files: ['electron/common/**/*.ts'],
    patterns: [
      pattern(['node:*'], 'electron/common is pure TypeScript shared with the browser: no node:* imports.'),
      pattern(
        [
          '**/core/**',
          '**/station/**',
          '**/cli/**',
          '**/main/**',
          '**/preload/**',
          '**/native/**',
          '**/renderer/**',
        ],
        'electron/common imports nothing from the rest of the project.',
      ),
    ],
    paths: [electronBan],
  },
  native: {
    files: ['native/**/*.ts'],
    patterns: [
      pattern(
        ['**/renderer/**', '**/electron/core/**', '**/electron/main/**', '**/electron/preload/**'],
        'native/ never imports the renderer, electron/core or the Electron shell.',
      ),
    ],
    paths: [electronBan],
  },
  core: {
    files: ['electron/core/**/*.ts', 'electron/station/**/*.ts', 'electron/cli/**/*.ts'],
    patterns: [
      pattern(
        [
          '**/renderer/**',
          '**/electron/main/**',
          '**/electron/preload/**',
          '../main/**',
          '../preload/**',
          '../../main/**',
          '../../preload/**',
        ],
        'The core runs in plain Node: it never imports the renderer or the Electron shell.',
      ),
    ],
    paths: [electronBan],
  },
  renderer: {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    patterns: [
      pattern(['node:*'], 'The renderer runs sandboxed in a browser: no node:* imports.'),
      pattern(
        [
          '**/electron/core/**',
          '**/electron/station/**',
          '**/electron/cli/**',
          '**/electron/main/**',
          '**/electron/preload/**',
          '**/native/**',
        ],
        'The renderer imports only electron/common and its own files.',
      ),
    ],
    paths: [electronBan],
  },
};

const layerConfigs = Object.values(layerRules).map(({ files, patterns, paths }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tools/**',
      'test-results/**',
      'playwright-report/**',
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './renderer/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Vitest's asymmetric matchers (expect.objectContaining…) are typed any by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  ...layerConfigs,
);
