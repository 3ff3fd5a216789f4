import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowloomError } from '../errors/flowloom.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import { runCli } from '../node/cli.js';
import { createNodeExecutionIsolation } from '../node/node-execution-isolation.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { safeParseWorkflow } from './parse-workflow.js';

/** A small seeded PRNG (mulberry32) so every failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'p', type: 'test.parity', parameters: { field: 'n' } },
      { id: 'a', type: 'core.noOp', retry: { maxTries: 2, waitMs: 0 }, onError: 'errorOutput' },
      { id: 'b', type: 'test.emitItems', parameters: { items: [{ x: 1 }] }, alwaysOutputData: true },
      { id: 'j', type: 'test.join' },
      { id: 'h', type: 'core.noOp', disabled: true, notes: 'handler' },
    ],
    connections: [
      ['start', 'p'],
      ['p:even', 'a'],
      ['p:odd', 'b'],
      ['a', 'j:a'],
      ['b', 'j:b'],
      ['a:error', 'h'],
    ],
    settings: { timeoutMs: 5000 },
    pinData: { b: [{ json: { pinned: true } }] },
  }),
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'loop', type: 'test.countLoop', parameters: { times: 2 } },
      { id: 'body', type: 'core.noOp', executeOnce: true },
      { id: 'after', type: 'test.flaky', parameters: { failTimes: 0 } },
    ],
    connections: [
      ['start', 'loop'],
      ['loop:loop', 'body'],
      ['body', 'loop'],
      ['loop:done', 'after'],
    ],
  }),
];

const oddValues: unknown[] = [
  null,
  0,
  -1,
  1e308,
  3.5,
  '',
  'x',
  '{{ $json.a }}',
  'core.noOp',
  'main',
  'error',
  true,
  false,
  [],
  [1, 'a'],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  'a'.repeat(10_000),
  '\u0000\uffff',
  { json: {} },
];

/** Every path (keys from the root) inside a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** One random change to a copy of the document. */
function mutate(doc: unknown, rand: () => number): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const path = pick(all);
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<
    string | number,
    unknown
  >;
  const key = path[path.length - 1]!;
  const r = rand();
  if (r < 0.3) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (r < 0.7) {
    parent[key] = structuredClone(pick(oddValues));
  } else if (r < 0.8 && Array.isArray(parent)) {
    parent.push(structuredClone(parent[key as number]));
  } else if (r < 0.9) {
    parent[`extra${Math.floor(rand() * 3)}`] = pick(oddValues);
  } else {
    // Point a connection or pin data at another existing or made-up node id.
    parent[key] = pick(['start', 'a', 'p', 'loop', 'ghost', '']);
  }
  return copy;
}

function* mutants(count: number, seed: number) {
  const rand = prng(seed);
  for (let i = 0; i < count; i++) {
    let doc: unknown = seeds[i % seeds.length];
    const steps = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < steps; s++) doc = mutate(doc, rand);
    yield { i, doc };
  }
}

const engine = createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });

describe('fuzz: randomly mutated workflow documents', () => {
  it('parseWorkflow never throws: each document is valid or every problem has a path and a sentence', async () => {
    let invalid = 0;
    for (const { i, doc } of mutants(1500, 1)) {
      const result = engine.validate(doc);
      if (!result.success) {
        invalid++;
        expect(result.error, `document ${i}`).toBeInstanceOf(WorkflowValidationError);
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) {
          expect(Array.isArray(issue.path)).toBe(true);
          expect(issue.message.length, `document ${i}: ${JSON.stringify(issue)}`).toBeGreaterThan(10);
          expect(issue.message).not.toMatch(/undefined|\[object Object\]/);
        }
        continue;
      }
      // Valid mutants must run to an end without the engine throwing anything but a clear FlowloomError.
      try {
        const execution = await engine.run(result.workflow, { input: [{ json: { n: 2 } }, { json: { n: 3 } }], timeoutMs: 2000 });
        expect(['success', 'error', 'canceled']).toContain(execution.status);
      } catch (error) {
        expect(error, `document ${i}`).toBeInstanceOf(FlowloomError);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The mutations must really exercise the validator, not just pass through.
    expect(invalid).toBeGreaterThan(700);
    expect(invalid).toBeLessThan(1500);
  });

  it('parseWorkflow without a registry is just as safe', () => {
    for (const { doc } of mutants(500, 2)) {
      const result = safeParseWorkflow(doc);
      if (!result.success) expect(result.error.issues.every((i) => i.message.length > 10)).toBe(true);
    }
  });

  const repo = fileURLToPath(new URL('../../../../', import.meta.url));
  mkdirSync(join(repo, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(repo, 'test-output', 'fuzz-'));

  // One worker pool for the thousand runs, as a host calling runCli in a loop would do.
  const isolation = createNodeExecutionIsolation();
  afterAll(() => isolation.close());

  it('the CLI answers 1,000 mutated files with exit 0, 1 or 2 and a clear message', async () => {
    const rand = prng(3);
    for (const { i, doc } of mutants(1000, 4)) {
      // Some files are cut short so they are not even JSON.
      const text = JSON.stringify(doc);
      const file = `m${i}.json`;
      writeFileSync(join(dir, file), rand() < 0.1 ? text.slice(0, Math.floor(rand() * text.length)) : text);
      let out = '';
      let err = '';
      const code = await runCli(['run', file, '--timeout', '2000'], {
        cwd: dir,
        isolation,
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
      });
      expect([0, 1, 2], `file ${file}`).toContain(code);
      if (code === 2) {
        expect(out).toBe('');
        expect(err).toMatch(/^flowloom: \S/);
      } else {
        expect(JSON.parse(out).status).toBe(code === 0 ? 'success' : JSON.parse(out).status);
      }
    }
  });

  it('the built command line answers mutated files the same way', () => {
    const bin = fileURLToPath(new URL('../testing/fixtures/built-cli.mjs', import.meta.url));
    for (const { i, doc } of mutants(25, 5)) {
      const file = `b${i}.json`;
      writeFileSync(join(dir, file), JSON.stringify(doc));
      const r = spawnSync(process.execPath, [bin, 'validate', file], { cwd: dir, encoding: 'utf8' });
      expect([0, 2]).toContain(r.status);
      if (r.status === 2) expect(r.stderr).toMatch(/is not valid \(\d+ problems?\):\n {2}- /);
      else expect(r.stdout).toBe(`${file}: valid\n`);
    }
  });
});
