import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jmespath from 'jmespath';
import { afterAll, describe, expect, it } from 'vitest';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { importN8nWorkflow } from '../n8n/import-workflow.js';
import { createNodeCodeSandbox } from '../node/node-code-sandbox.js';
import { createNodeEngine } from '../node/create-node-engine.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { makeExpressionScope } from '../testing/expression-scope.js';
import { DEFAULT_CODE_LIMITS } from './code-limits.js';
import { loadCodeExtras } from './code-run-extras.js';
import { GUEST_JMESPATH, GUEST_JMESPATH_VERSION } from './guest-jmespath.js';

const require = createRequire(import.meta.url);

/** The installed jmespath's source, as guest-jmespath.ts holds it. */
function installed(): { version: string; source: string } {
  const manifest = require.resolve('jmespath/package.json');
  const { version, main } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; main: string };
  return { version, source: readFileSync(new URL(main, `file://${manifest}`), 'utf8') };
}

/** guest-jmespath.ts made from the installed jmespath (FLOWLOOM_UPDATE_GUEST_JMESPATH=1 writes it). */
function generated({ version, source }: { version: string; source: string }): string {
  return `// Generated from jmespath ${version} (Apache-2.0, https://github.com/jmespath/jmespath.js; its licence is in the package), jmespath.js.
// Do not edit: guest-jmespath.test.ts checks it against the installed jmespath and says how to make it again.

/** The jmespath version the source is taken from. */
export const GUEST_JMESPATH_VERSION = ${JSON.stringify(version)};

/**
 * jmespath's source, evaluated inside QuickJS the first time an expression or
 * a Code node calls \`$jmespath()\` (it fills \`exports\` when one is in scope).
 */
export const GUEST_JMESPATH = ${JSON.stringify(source)};
`;
}

describe('the jmespath the sandbox evaluates', () => {
  it('is the source of the jmespath the engine depends on (FLOWLOOM_UPDATE_GUEST_JMESPATH=1 makes it again)', () => {
    const current = installed();
    if (process.env.FLOWLOOM_UPDATE_GUEST_JMESPATH) writeFileSync(new URL('./guest-jmespath.ts', import.meta.url), generated(current));
    expect(GUEST_JMESPATH_VERSION).toBe(current.version);
    expect(
      GUEST_JMESPATH === current.source,
      'guest-jmespath.ts differs from the installed jmespath: run this test with FLOWLOOM_UPDATE_GUEST_JMESPATH=1',
    ).toBe(true);
  });
});

const people = {
  people: [
    { name: 'Ada', age: 36, tags: ['admin', 'dev'] },
    { name: 'Bo', age: 29, tags: ['dev'] },
    { name: 'Cy', age: 41, tags: [] },
  ],
  meta: { version: '2', source: 'crm' },
  items: [
    { id: 'a', snippet: { language: 'fr' } },
    { id: 'b', snippet: { language: 'en' } },
  ],
};

/** Searches over `people`, written to exercise jmespath's grammar and functions; each compared with jmespath run in Node. */
const SEARCHES = [
  'people[?age > `30`].name',
  'people[*].{n: name, a: age}',
  'sort_by(people, &age)[].name',
  'max_by(people, &age).name',
  'length(people)',
  'people[0:2].name',
  'people[-1].name',
  "people[?contains(tags, 'admin')] | [0]",
  "join(', ', people[].name)",
  'meta.*',
  'sort(keys(meta))',
  "items[?snippet.language == 'en'] | [0]",
  'people[].tags[]',
  'not_null(missing, meta.version)',
  "to_number('42')",
  'reverse(people[].age)',
  'sum(people[].age)',
  'avg(people[].age)',
  'merge(meta, `{"x": 1}`)',
  'missing.field',
  '[people[0].name, meta.source]',
  'people[?age > `30` && contains(tags, `"dev"`)].name',
];

const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
const engine = createNodeEngine({ logger: silentLogger, codeSandbox: sandbox });
afterAll(async () => {
  await engine.close();
  await sandbox.close();
});
const resolver = createExpressionResolver();
const scope = (json: Record<string, unknown>) => ({
  ...makeExpressionScope({ items: [{ json }] }),
  sandbox: { port: sandbox, limits: DEFAULT_CODE_LIMITS },
});

describe('$jmespath() in JavaScript expressions, against jmespath run in Node', () => {
  it.each(SEARCHES)('%s', async (search) => {
    const value = await resolver.evaluateTemplate(`{{js: $jmespath($json, ${JSON.stringify(search)}) }}`, scope(people));
    expect(value).toEqual(jmespath.search(people, search));
  });

  it("gives n8n's value for the corpus expression reading captions (null when no element is an object)", async () => {
    // The n8n golden of this expression, evaluated on two strings, is null.
    const expression = `{{js: $jmespath( $json.items, "[?snippet.language == 'en'] | [0]" ) }}`;
    expect(await resolver.evaluateTemplate(expression, scope({ items: ['sample items', 'sample items2'] }))).toBeNull();
    expect(await resolver.evaluateTemplate(expression, scope(people))).toEqual({ id: 'b', snippet: { language: 'en' } });
  });

  it('works beside text and other calls', async () => {
    const value = await resolver.evaluateTemplate('Names: {{js: $jmespath($json, "people[].name").join(", ") }}', scope(people));
    expect(value).toBe(`Names: ${(jmespath.search(people, 'people[].name') as string[]).join(', ')}`);
  });

  it('fails with jmespath’s own error on a search it cannot read', async () => {
    let error: Error | undefined;
    try {
      jmespath.search(people, 'people[?');
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeDefined();
    await expect(resolver.evaluateTemplate('{{js: $jmespath($json, "people[?") }}', scope(people))).rejects.toThrow(
      `${error!.name}: ${error!.message}`,
    );
  });
});

describe('$jmespath() in Code nodes', () => {
  const code = `return [{ json: { found: ${SEARCHES.map((s) => `$jmespath($input.first().json, ${JSON.stringify(s)})`).join(', ')} } }];`;

  it('searches as jmespath does in Node, for every search above', async () => {
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'code', type: 'core.code', parameters: { code: code.replace('found: ', 'found: [').replace(' } }];', '] } }];') } },
      ],
      connections: [['start', 'code']],
      pinData: { start: [{ json: people }] },
    });
    const execution = await engine.run(workflow);
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    expect(execution.nodes.code?.[0]?.output.main?.[0]?.json).toEqual({ found: SEARCHES.map((s) => jmespath.search(people, s)) });
  });

  it('runs in an imported n8n Code node, which the importer now keeps', async () => {
    const { workflow, report } = importN8nWorkflow({
      nodes: [
        { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          name: 'Find English',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [200, 0],
          parameters: {
            jsCode: 'return [{ json: { caption: $jmespath($input.first().json.items, "[?snippet.language == \'en\'] | [0]") } }];',
          },
        },
      ],
      connections: { Start: { main: [[{ node: 'Find English', type: 'main', index: 0 }]] } },
      pinData: { Start: [{ json: people }] },
    });
    expect(report.placeholders).toEqual([]);
    const execution = await engine.run(workflow!);
    const id = workflow!.nodes.find((n) => n.name === 'Find English')!.id;
    expect(execution.nodes[id]?.[0]?.output.main?.[0]?.json).toEqual({
      caption: jmespath.search(people.items, "[?snippet.language == 'en'] | [0]"),
    });
  });

  it('is loaded only for code that names it', async () => {
    expect((await loadCodeExtras('return $input.all();')).jmespath).toBeUndefined();
    expect((await loadCodeExtras('return $jmespath($json, "a");')).jmespath).toBe(GUEST_JMESPATH);
  });
});
