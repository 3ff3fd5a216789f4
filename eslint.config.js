import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'test-output/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']",
          message: 'Focused tests must not be committed.',
        },
        {
          selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='skip']",
          message: 'Skipped tests must not be committed.',
        },
      ],
    },
  },
  {
    // The engine runs everywhere: no Node built-ins, no storage or UI libraries outside src/node/.
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/node/**', 'packages/engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The engine core runs in browsers too: put Node-only code in src/node/.' },
            { regex: '^(idb|lit|@lit/.*|elkjs|better-sqlite3|pg)$', message: 'The engine imports no storage or UI library.' },
          ],
          paths: ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'https', 'net'].map((name) => ({
            name,
            message: 'The engine core runs in browsers too: put Node-only code in src/node/.',
          })),
        },
      ],
    },
  },
  {
    // The editor's templates: accessibility rules for lit-html.
    files: ['packages/element/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
);
