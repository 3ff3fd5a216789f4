import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODE_LIMITS } from '../code-sandbox/code-limits.js';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import type { ExpressionScope } from '../expression/resolver.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import { createNodeCodeSandbox } from '../node/node-code-sandbox.js';
import { parameterConverter } from './convert-parameter.js';
import { importN8nWorkflow } from './import-workflow.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

/** n8n's own value (or error) for each expression string of the corpus: made by tools/n8n-goldens (see goldens/README.md). */
interface Golden {
  workflow: string;
  node: string;
  parameter: string;
  expression: string;
  scope: { input: Item[]; parent?: string; nodes: Record<string, Item[]>; env?: Record<string, unknown>; vars?: Record<string, unknown> };
  n8n: { value: unknown } | { undefined: true } | { error: string } | { swallowed: string };
}
interface GoldenFile {
  now: string;
  count: number;
  goldens: Golden[];
}

type Verdict = 'same' | 'both-fail' | 'flowloom-error' | 'wrong-value' | 'value-where-n8n-fails' | 'reads-arguments' | 'sample-unpaired';

/**
 * Two classes where n8n fails and Flowloom gives the value, each for a reason of n8n's own: n8n refuses to
 * read any field named `arguments` (a rule of its evaluator, against reaching a function's arguments), and
 * n8n could not follow the sample run's item pairing back through a Merge (the goldens' run data, made up
 * of one item per node, pairs differently from a real run, where each item reaches the item Flowloom reads).
 */
const N8N_OWN_FAILURES: readonly [Verdict, RegExp][] = [
  ['reads-arguments', /Cannot access "arguments" due to security concerns/],
  ['sample-unpaired', /Paired item resolution failed/],
];
interface Outcome {
  golden: Golden;
  template: string;
  verdict: Verdict;
  got: string;
}

const file = JSON.parse(readFileSync(new URL('./goldens/corpus-expressions.json', import.meta.url), 'utf8')) as GoldenFile;
const sandbox = createNodeCodeSandbox({ maxWorkers: 2 });
const resolver = createExpressionResolver();
const outcomes: Outcome[] = [];

afterAll(() => sandbox.close());

function n8nFails(golden: Golden): boolean {
  return 'error' in golden.n8n || 'swallowed' in golden.n8n;
}

async function evaluate(
  golden: Golden,
  workflow: Workflow,
  convert: ReturnType<typeof parameterConverter>,
  lane: number,
): Promise<Outcome> {
  const { text: template } = convert!.convert(golden.node, golden.expression, golden.parameter);
  const name = convert!.nodeName(golden.node) ?? golden.node;
  const node = workflow.nodes.find((n) => n.name === name)!;
  // Only nodes of the workflow have outputs (an expression may name one that is not there).
  const outputs = new Map<string, Item[]>();
  for (const [n8nName, items] of Object.entries(golden.scope.nodes)) {
    const flowloomName = convert!.nodeName(n8nName);
    if (flowloomName !== undefined) outputs.set(flowloomName, items);
  }
  const input = golden.scope.input;
  const scope: ExpressionScope = {
    item: input[0],
    itemIndex: 0,
    items: input,
    runIndex: 0,
    node,
    workflow,
    // The resume URL n8n was given (its instance's address), as a host gives Flowloom its own.
    execution: {
      id: 'execution-1',
      mode: 'manual',
      tenantId: `goldens-${lane}`,
      resumeUrl: 'https://flowloom.example/webhook-waiting/execution-1',
    },
    nodeOutput: (n) => outputs.get(n),
    vars: golden.scope.vars ?? {},
    env: golden.scope.env ?? {},
    now: Date.parse(file.now),
    // The goldens were made with Math.random() answering 0.5.
    random: () => 0.5,
    sandbox: { port: sandbox, limits: DEFAULT_CODE_LIMITS },
  };
  let value: unknown;
  let failed: string | undefined;
  try {
    value = await resolver.evaluateTemplate(template, scope);
  } catch (error) {
    failed = (error as Error).message;
  }
  const got = failed !== undefined ? `error: ${failed}` : value === undefined ? 'undefined' : JSON.stringify(value);
  let verdict: Verdict;
  // n8n hides most JavaScript errors (reading a field of undefined...): an expression alone then gives undefined, and
  // one inside text gives no text (n8n's evaluator gives "ab" for "a{{ null[1] }}b"; the goldens keep only the error).
  const inText = !/^\{\{[^]*\}\}$/.test(template.trim()) || (template.match(/\{\{/g)?.length ?? 0) > 1;
  if ('swallowed' in golden.n8n && failed === undefined && (value === undefined || (inText && typeof value === 'string'))) verdict = 'same';
  else if (n8nFails(golden)) {
    const own =
      'error' in golden.n8n ? N8N_OWN_FAILURES.find(([, pattern]) => pattern.test((golden.n8n as { error: string }).error)) : undefined;
    verdict = failed !== undefined ? 'both-fail' : (own?.[0] ?? 'value-where-n8n-fails');
  } else if (failed !== undefined) verdict = 'flowloom-error';
  else {
    const expected = 'value' in golden.n8n ? golden.n8n.value : undefined;
    const plain = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    verdict = isDeepStrictEqual(plain, expected) ? 'same' : 'wrong-value';
  }
  return { golden, template, verdict, got };
}

beforeAll(async () => {
  if (!existsSync(join(CORPUS, 'workflows'))) {
    throw new Error(`The n8n corpus is not at ${CORPUS}: set FLOWLOOM_N8N_CORPUS to the folder holding workflows/.`);
  }
  const byWorkflow = new Map<string, Golden[]>();
  for (const g of file.goldens) byWorkflow.set(g.workflow, [...(byWorkflow.get(g.workflow) ?? []), g]);
  const jobs: (() => Promise<Outcome>)[] = [];
  for (const [path, goldens] of byWorkflow) {
    const text = readFileSync(join(CORPUS, 'workflows', path), 'utf8');
    const { workflow } = importN8nWorkflow(text);
    const convert = parameterConverter(text);
    for (const golden of goldens) jobs.push(() => evaluate(golden, workflow!, convert, jobs.length % 2));
  }
  // Two lanes (two tenants, so two sandbox workers) take the jobs in turn.
  const lanes = [0, 1].map(async (lane) => {
    for (let i = lane; i < jobs.length; i += 2) outcomes[i] = await jobs[i]!();
  });
  await Promise.all(lanes);
}, 600_000);

describe("Flowloom's values of the corpus expressions, against n8n's", () => {
  it('evaluates every expression string of the goldens', () => {
    expect(outcomes).toHaveLength(file.count);
    expect(file.count).toBe(3736);
  });

  it("gives n8n's value (or fails where n8n fails) for at least 97% of them, and a wrong value for none", () => {
    const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
    const same = count('same') + count('both-fail');
    const lines = [
      `${file.count} expression strings of the n8n corpus`,
      `  n8n's value                         ${count('same')}`,
      `  fails where n8n fails               ${count('both-fail')}`,
      `  n8n's value or failure: ${same} (${((100 * same) / file.count).toFixed(2)}%)`,
      `  fails where n8n gives a value       ${count('flowloom-error')}`,
      `  another value                       ${count('wrong-value')}`,
      `  a value where n8n fails             ${count('value-where-n8n-fails')}`,
      `  a value where n8n refuses to read a field named arguments   ${count('reads-arguments')}`,
      `  a value where n8n could not pair the sample run's items      ${count('sample-unpaired')}`,
    ];
    console.log(`\n${lines.join('\n')}\n`);
    const show = (v: Verdict) =>
      outcomes
        .filter((o) => o.verdict === v)
        .map(
          (o) =>
            `${o.golden.workflow} / ${o.golden.node} / ${o.golden.parameter}\n    ${o.template.slice(0, 300)}\n    n8n: ${JSON.stringify(o.golden.n8n).slice(0, 300)}\n    got: ${o.got.slice(0, 300)}`,
        );
    if (process.env.FLOWLOOM_GOLDENS_VERBOSE) {
      for (const v of ['flowloom-error', 'wrong-value', 'value-where-n8n-fails', 'sample-unpaired'] as const)
        console.log(`\n${v}:\n${show(v).join('\n')}`);
    }
    expect(show('wrong-value')).toEqual([]);
    expect(show('value-where-n8n-fails')).toEqual([]);
    expect(same / file.count).toBeGreaterThanOrEqual(0.97);
  });
});
