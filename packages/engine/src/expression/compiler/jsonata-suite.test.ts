/// <reference types="vite/client" />
import { beforeAll, describe, expect, test } from 'vitest';
import { loadExpressionLibraries, loadedJsonata, type Jsonata } from '../libraries.js';
import type { AstNode } from './ast.js';
import { loadJsonataParts, type JsonataParts } from './jsonata-functions.js';
import { compileProgram } from './program.js';
import { UnsupportedConstruct } from './unsupported.error.js';

// JSONata's own conformance suite (test/test-suite of the reference implementation, at the version Flowloom
// uses) is the oracle: every case runs through the compiler, and a compiled answer must be the expected one.
// The files are read through the bundler's glob import, so this module needs no file system API.
const GROUPS = import.meta.glob<string>('../../../../../../shared/jsonata-test-suite/groups/*/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const EXPR_FILES = import.meta.glob<string>('../../../../../../shared/jsonata-test-suite/groups/*/*.jsonata', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const DATASETS = import.meta.glob<unknown>('../../../../../../shared/jsonata-test-suite/datasets/*.json', {
  eager: true,
  import: 'default',
});

interface SuiteCase {
  expr?: string;
  'expr-file'?: string;
  data?: unknown;
  dataset?: string | null;
  bindings?: Record<string, unknown>;
  result?: unknown;
  undefinedResult?: boolean;
  code?: string;
  error?: { code: string };
  timelimit?: number;
  depth?: number;
}

interface Named {
  name: string;
  testCase: SuiteCase;
}

function loadCases(): Named[] {
  const out: Named[] = [];
  for (const path of Object.keys(GROUPS).sort()) {
    const parsed = JSON.parse(GROUPS[path]!) as SuiteCase | SuiteCase[];
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const name = path.split('/groups/')[1]!;
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    list.forEach((testCase, i) => {
      if (testCase['expr-file']) testCase.expr = EXPR_FILES[folder + testCase['expr-file']];
      out.push({ name: `${name}${list.length > 1 ? `#${i}` : ''}`, testCase });
    });
  }
  return out;
}

function inputOf(testCase: SuiteCase): unknown {
  if ('data' in testCase) return testCase.data;
  if (!testCase.dataset) return undefined;
  const data: unknown = DATASETS[`../../../../../../shared/jsonata-test-suite/datasets/${testCase.dataset}.json`];
  // The bundler may hand a JSON file over parsed even when asked for its text.
  return typeof data === 'string' ? (JSON.parse(data) as unknown) : structuredClone(data);
}

/** Equality as the suite's runner checks it: arrays by their elements (sequence flags ignored), objects by their own keys. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  const ak = Object.keys(a).sort();
  const bk = Object.keys(b).sort();
  return (
    ak.length === bk.length && ak.every((k, i) => k === bk[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

type Outcome = { kind: 'value'; value: unknown } | { kind: 'error'; code: string };

function verdict(testCase: SuiteCase, outcome: Outcome): string | undefined {
  const code = testCase.code ?? testCase.error?.code;
  if (code !== undefined) {
    if (outcome.kind === 'error' && outcome.code === code) return undefined;
    return `expected error ${code}, got ${outcome.kind === 'error' ? `error ${outcome.code}` : JSON.stringify(outcome.value)}`;
  }
  if (outcome.kind === 'error') return `unexpected error ${outcome.code}`;
  if (testCase.undefinedResult) return outcome.value === undefined ? undefined : `expected undefined, got ${JSON.stringify(outcome.value)}`;
  return same(outcome.value, testCase.result)
    ? undefined
    : `expected ${JSON.stringify(testCase.result)}, got ${JSON.stringify(outcome.value)}`;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : `thrown ${String(error)}`;
}

let jsonata: Jsonata;
let parts: JsonataParts;
let functions: Record<string, unknown>;

beforeAll(async () => {
  await loadExpressionLibraries();
  jsonata = loadedJsonata()!;
  parts = await loadJsonataParts(jsonata);
  functions = Object.assign(
    Object.create(null) as Record<string, unknown>,
    Object.fromEntries(parts.builtins),
    Object.fromEntries(parts.clockFunctions),
    { eval: parts.evalFunction },
  );
});

const present = Object.keys(GROUPS).length > 0;

describe.runIf(present)("JSONata's conformance suite through the compiler", () => {
  test('every compiled case gives the expected answer, and at least 95% of cases compile', async () => {
    const cases = loadCases();
    const wrong: string[] = [];
    const fallbacks: string[] = [];
    let compiled = 0;
    let parseErrors = 0;
    for (const { name, testCase } of cases) {
      let ast: AstNode;
      try {
        ast = jsonata(testCase.expr!).ast() as AstNode;
      } catch (error) {
        // A syntax error is decided by JSONata's parser, which the compiled path uses too.
        compiled++;
        parseErrors++;
        const problem = verdict(testCase, { kind: 'error', code: errorCode(error) });
        if (problem) wrong.push(`${name}: ${problem}`);
        continue;
      }
      let program;
      try {
        program = compileProgram(ast, parts.compilerOptions);
      } catch (error) {
        if (!(error instanceof UnsupportedConstruct)) throw error;
        fallbacks.push(`${name}: ${error.reason}`);
        continue;
      }
      compiled++;
      let outcome: Outcome;
      try {
        const run = program.runner({
          timeoutMs: testCase.timelimit ?? 10_000,
          maxDepth: testCase.depth ?? 100_000,
          depthCode: 'U1001',
          timeoutCode: 'U1001',
          maxSequence: 1e7,
          maxStringLength: 1e9,
          maxValueSize: 1e10,
          functions,
        });
        const value = run(inputOf(testCase), Date.now(), undefined, { ...testCase.bindings });
        outcome = { kind: 'value', value };
      } catch (error) {
        outcome = { kind: 'error', code: errorCode(error) };
      }
      const problem = verdict(testCase, outcome);
      if (problem) wrong.push(`${name} (${testCase.expr}): ${problem}`);
    }
    console.log(
      `JSONata suite: ${cases.length} cases, ${compiled} compiled (${parseErrors} of them syntax errors found by the parser), ${fallbacks.length} fall back to the interpreter.`,
    );
    if (fallbacks.length) console.log(`Falling back:\n  ${fallbacks.join('\n  ')}`);
    if (wrong.length) console.log(`Wrong:\n  ${wrong.join('\n  ')}`);
    expect(wrong).toEqual([]);
    expect(compiled / cases.length).toBeGreaterThanOrEqual(0.95);
  });
});
