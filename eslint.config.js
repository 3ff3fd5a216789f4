import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import litA11y from 'eslint-plugin-lit-a11y';

const testFiles = ['**/*.test.ts', '**/*.test.mjs', '**/*.chromium-test.ts'];

const committedTests = [
  {
    selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']",
    message: 'Focused tests must not be committed.',
  },
  {
    selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='skip']",
    message: 'Skipped tests must not be committed.',
  },
];

// Every dependency is visible: an import() of a computed specifier hides an edge from readers, bundlers
// and the import graph. The entry that knows the runtime injects what it needs instead.
const visibleImports = [
  {
    selector: "ImportExpression[source.type!='Literal']",
    message: 'Import a literal specifier, or have the caller inject the module; a computed import() hides a dependency.',
  },
];

// The engine throws Flowloom errors only: each has a stable code callers can branch on (errors/flowloom.error.ts).
const builtinErrors = '/^(Error|TypeError|RangeError|SyntaxError|ReferenceError|EvalError|URIError|AggregateError)$/';
const flowloomErrorsOnly = [
  {
    selector: `NewExpression[callee.name=${builtinErrors}], CallExpression[callee.name=${builtinErrors}]`,
    message: 'Throw a FlowloomError (or a subclass from a *.error.ts file) with a code, not a built-in error.',
  },
  {
    selector: `:matches(ClassDeclaration, ClassExpression)[superClass.name=${builtinErrors}]`,
    message: 'Error classes extend FlowloomError, so they carry a code and instanceof works across copies.',
  },
];

// Time and randomness are injected (createEngine({ clock, random })); ports/ holds the one real default of each.
const injectedTime = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.name='Date']",
    message: "Read the time from the injected clock: new Date(clock.now()). The default is ports/clock.ts' systemClock.",
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'test-output/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: {
        // Every linted TypeScript file belongs to one of these programs (the first that holds it is used).
        // The engine's node config holds all of its sources and tests; tsconfig.eslint.json holds the
        // files outside the packages (examples, template tests, the vitest config).
        project: [
          'packages/engine/tsconfig.node.json',
          'packages/adapters/tsconfig.json',
          'packages/adapters/tsconfig.browser.json',
          'packages/element/tsconfig.json',
          'packages/cli/tsconfig.json',
          'packages/integrations/tsconfig.json',
          'packages/server/tsconfig.json',
          'tsconfig.eslint.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json'] })],
    },
    rules: {
      // Packages in node_modules never import this repository back: not walking them halves the rule's time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A promise nobody awaits loses its errors; `void` marks the few that are fire-and-forget on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-restricted-syntax': ['error', ...committedTests, ...visibleImports],
    },
  },
  {
    // Past about 400 lines of code, a file is split by concept, or says at its top why it is one file.
    // Blank lines and comments are not counted: documentation never pushes a file over.
    files: ['**/*.{ts,js,mjs}'],
    ignores: testFiles,
    rules: { 'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Engine code (test support included, tests not): Flowloom errors only, and time and randomness injected.
    files: ['packages/engine/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-syntax': ['error', ...committedTests, ...visibleImports, ...flowloomErrorsOnly, ...injectedTime],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: "Use the injected random (createEngine({ random })); the default is ports/random.ts' systemRandom.",
        },
        {
          object: 'Date',
          property: 'now',
          message: "Use the injected clock's now() (createEngine({ clock })); the default is ports/clock.ts' systemClock.",
        },
        {
          object: 'performance',
          property: 'now',
          message: "Use the injected clock's now() (createEngine({ clock })); the default is ports/clock.ts' systemClock.",
        },
      ],
    },
  },
  {
    // The engine runs everywhere: no Node built-ins, no storage or UI libraries outside src/node/.
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/node/**', 'packages/engine/src/**/*.test.ts', 'packages/engine/src/testing/**/*.node.ts'],
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
    // Ambient declarations for the engine core, left out of tsconfig.node.json (Node's own types replace them).
    files: ['packages/engine/src/platform.d.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The editor's templates: accessibility rules for lit-html.
    files: ['packages/element/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
);
