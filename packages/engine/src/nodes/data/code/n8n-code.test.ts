import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createEngine, silentLogger, type CodeLibraries, type Execution } from '@flowloom/engine';
import { importN8nWorkflow } from '@flowloom/engine/n8n';
import { createNodeCodeSandbox, nodeModuleLibrary } from '@flowloom/engine/node';
import { createTestClock } from '@flowloom/engine/testing';

// n8n's Code node (both modes) and its legacy Function and Function Item nodes, imported and run.
// Each workflow is Manual Trigger -> nodes with pinned output, in a chain -> the code node under test.

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());

const START = Date.UTC(2024, 2, 31, 0, 30, 0);

type Json = Record<string, unknown>;
interface Upstream {
  name: string;
  items: Json[];
}

/** An n8n code node: Code (`mode` given) or the legacy Function / Function Item. */
function codeNode(kind: 'code' | 'function' | 'functionItem', source: string, mode?: 'runOnceForAllItems' | 'runOnceForEachItem') {
  if (kind === 'code') {
    return {
      name: 'Code',
      type: 'n8n-nodes-base.code',
      typeVersion: 2,
      position: [600, 0],
      parameters: { ...(mode ? { mode } : {}), jsCode: source },
    };
  }
  return {
    name: 'Code',
    type: `n8n-nodes-base.${kind}`,
    typeVersion: 1,
    position: [600, 0],
    parameters: { functionCode: source },
  };
}

/** Imports the chain trigger -> upstream... -> code node and runs it; the code node's run and the import report. */
async function runImported(
  node: ReturnType<typeof codeNode>,
  upstream: Upstream[],
  options: { timezone?: string; codeLibraries?: CodeLibraries } = {},
) {
  const names = ['When clicking', ...upstream.map((u) => u.name), node.name];
  const n8n = {
    name: 'Imported code',
    nodes: [
      { name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      ...upstream.map((u, i) => ({
        name: u.name,
        type: 'n8n-nodes-base.noOp',
        typeVersion: 1,
        position: [200 * (i + 1), 0],
        parameters: {},
      })),
      node,
    ],
    connections: Object.fromEntries(
      names.slice(0, -1).map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
    ),
    pinData: Object.fromEntries(upstream.map((u) => [u.name, u.items.map((json) => ({ json }))])),
    settings: options.timezone ? { timezone: options.timezone } : {},
  };
  const { workflow, report } = importN8nWorkflow(n8n);
  expect(report.placeholders, 'the code node is mapped, not kept as a placeholder').toEqual([]);
  const engine = createEngine({
    codeSandbox: sandbox,
    logger: silentLogger,
    clock: createTestClock({ start: START }),
    codeLibraries: options.codeLibraries,
  });
  const execution: Execution = await engine.run(workflow!, { vars: { region: 'eu' } });
  const id = workflow!.nodes.find((n) => n.name === node.name)!.id;
  const run = execution.nodes[id]![0]!;
  return { execution, run, json: run.output.main?.map((i) => i.json), error: run.error, report };
}

const people = [
  { name: 'Ada', age: 36 },
  { name: 'Linus', age: 21 },
];

describe('n8n Code node, run once for all items', () => {
  it('reads the input with $input.all(), first(), last() and items', async () => {
    const r = await runImported(
      codeNode(
        'code',
        'return [{ json: { n: $input.all().length, first: $input.first().json.name, last: $input.last().json.name, items: items.length } }];',
      ),
      [{ name: 'People', items: people }],
    );
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ n: 2, first: 'Ada', last: 'Linus', items: 2 }]);
  });

  it('binds $json and $input.item to the first item, as n8n does in this mode', async () => {
    const r = await runImported(codeNode('code', 'return { fromJson: $json.name, fromItem: $input.item.json.name };'), [
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual([{ fromJson: 'Ada', fromItem: 'Ada' }]);
  });

  it('lets the code declare its own items and item variables', async () => {
    const r = await runImported(codeNode('code', 'const items = $input.all();\nconst item = items[1];\nreturn [item];'), [
      { name: 'People', items: people },
    ]);
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([people[1]]);
  });

  it("reads other nodes with $('Name').all(), first(), last(), isExecuted and .item of a single-item node", async () => {
    const r = await runImported(
      codeNode(
        'code',
        "return { all: $('Config').all().length, first: $('Config').first().json.key, last: $('People').last().json.name, ran: $('Config').isExecuted, key: $('Config').item.json.key };",
      ),
      [
        { name: 'Config', items: [{ key: 'k1' }] },
        { name: 'People', items: people },
      ],
    );
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ all: 1, first: 'k1', last: 'Linus', ran: true, key: 'k1' }]);
  });

  it("reads the item paired with an input item with $('Name').itemMatching(index)", async () => {
    const r = await runImported(
      codeNode('code', "return $input.all().map((item, i) => ({ name: item.json.name, before: $('Before').itemMatching(i).json.tag }));"),
      [
        { name: 'Before', items: [{ tag: 'a' }, { tag: 'b' }] },
        { name: 'People', items: people },
      ],
    );
    expect(r.json).toEqual([
      { name: 'Ada', before: 'a' },
      { name: 'Linus', before: 'b' },
    ]);
  });

  it('reads $node["Name"].json (the first item here) and $items("Name")', async () => {
    const r = await runImported(
      codeNode('code', 'return { viaNode: $node["Config"].json.key, count: $items("People").length, input: $items().length };'),
      [
        { name: 'Config', items: [{ key: 'k1' }, { key: 'k2' }] },
        { name: 'People', items: people },
      ],
    );
    expect(r.json).toEqual([{ viaNode: 'k1', count: 2, input: 2 }]);
  });

  it('reads $item(index).$node["Name"].json', async () => {
    const r = await runImported(codeNode('code', 'return { second: $item(1).$node["Config"].json.key, own: $item("0").$json.name };'), [
      { name: 'Config', items: [{ key: 'k1' }, { key: 'k2' }] },
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual([{ second: 'k2', own: 'Ada' }]);
  });

  it('exposes $vars, $execution, $workflow, $runIndex and $prevNode', async () => {
    const r = await runImported(
      codeNode(
        'code',
        'return { region: $vars.region, id: typeof $execution.id, wf: $workflow.name, run: $runIndex, prev: $prevNode.name };',
      ),
      [{ name: 'People', items: people }],
    );
    expect(r.json).toEqual([{ region: 'eu', id: 'string', wf: 'Imported code', run: 0, prev: 'People' }]);
  });

  it('normalises plain objects, one object and { json } items to items', async () => {
    const plain = await runImported(codeNode('code', 'return [{ a: 1 }, { a: 2 }];'), [{ name: 'People', items: people }]);
    expect(plain.json).toEqual([{ a: 1 }, { a: 2 }]);
    const one = await runImported(codeNode('code', 'return { a: 1 };'), [{ name: 'People', items: people }]);
    expect(one.json).toEqual([{ a: 1 }]);
    const paired = await runImported(codeNode('code', 'return [{ json: { a: 1 }, pairedItem: 1 }];'), [{ name: 'People', items: people }]);
    expect(paired.run.output.main).toEqual([{ json: { a: 1 }, pairedItem: { item: 1 } }]);
  });

  it('refuses an item whose json is not an object, and keys beside json, as n8n does', async () => {
    const notObject = await runImported(codeNode('code', "return [{ json: 'text' }];"), [{ name: 'People', items: people }]);
    expect(notObject.error?.code).toBe('CODE_OUTPUT_INVALID');
    expect(notObject.error?.message).toContain("'json' at index 0 is a string");
    const extra = await runImported(codeNode('code', 'return [{ json: { a: 1 }, total: 3 }];'), [{ name: 'People', items: people }]);
    expect(extra.error?.code).toBe('CODE_OUTPUT_INVALID');
    expect(extra.error?.message).toContain("'total' at index 0");
  });

  it('captures console.log into the run', async () => {
    const r = await runImported(codeNode('code', "console.log('seen', $input.all().length); return [];"), [
      { name: 'People', items: people },
    ]);
    expect(r.run.logs).toEqual([{ level: 'log', message: 'seen 2' }]);
  });
});

describe('n8n Code node, run once for each item', () => {
  it('binds $json, $input.item and the index of each item', async () => {
    const r = await runImported(
      codeNode(
        'code',
        'return { name: $json.name, same: $input.item.json === $json, first: $input.first().json.name };',
        'runOnceForEachItem',
      ),
      [{ name: 'People', items: people }],
    );
    expect(r.json).toEqual([
      { name: 'Ada', same: true, first: 'Ada' },
      { name: 'Linus', same: true, first: 'Ada' },
    ]);
  });

  it("reads the paired item of an earlier node with $('Name').item and $node['Name'].json", async () => {
    const r = await runImported(
      codeNode('code', "return { json: { ...$json, ...$('Before').item.json, legacy: $node['Before'].json.tag } };", 'runOnceForEachItem'),
      [
        { name: 'Before', items: [{ tag: 'a' }, { tag: 'b' }] },
        { name: 'People', items: people },
      ],
    );
    expect(r.json).toEqual([
      { ...people[0], tag: 'a', legacy: 'a' },
      { ...people[1], tag: 'b', legacy: 'b' },
    ]);
  });

  it("fails $('Name').item clearly when the counts do not pair the items", async () => {
    const r = await runImported(codeNode('code', "return $('Before').item.json;", 'runOnceForEachItem'), [
      { name: 'Before', items: [{ tag: 'a' }, { tag: 'b' }, { tag: 'c' }] },
      { name: 'People', items: people },
    ]);
    expect(r.error?.message).toContain("Node 'Before' has no item 0 to pair with this item (it has 3 items, this node 2)");
  });

  it('returns the changed $input.item', async () => {
    const r = await runImported(codeNode('code', '$input.item.json.adult = $json.age >= 18;\nreturn $input.item;', 'runOnceForEachItem'), [
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual(people.map((p) => ({ ...p, adult: true })));
  });
});

describe('n8n Luxon in code', () => {
  it('offers DateTime, Duration, $now and $today in the workflow time zone, on the engine clock', async () => {
    const zone = 'Europe/Berlin';
    const r = await runImported(
      codeNode(
        'code',
        `return {
  now: $now.toISO(),
  today: $today.toISO(),
  parsed: DateTime.fromISO('2024-03-31T01:30:00Z').toFormat('yyyy-LL-dd HH:mm ZZZZ'),
  week: Duration.fromObject({ days: 7 }).as('hours'),
  rfc: DateTime.fromISO('2024-01-05T10:00:00Z').toRFC2822(),
};`,
      ),
      [{ name: 'People', items: people }],
      { timezone: zone },
    );
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([
      {
        now: DateTime.fromMillis(START, { zone }).toISO(),
        today: DateTime.fromMillis(START, { zone }).startOf('day').toISO(),
        parsed: DateTime.fromISO('2024-03-31T01:30:00Z', { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ'),
        week: 168,
        rfc: DateTime.fromISO('2024-01-05T10:00:00Z', { zone }).toRFC2822(),
      },
    ]);
  });

  it('returns a DateTime as its ISO text', async () => {
    const r = await runImported(codeNode('code', 'return { createdAt: $now };', 'runOnceForEachItem'), [{ name: 'People', items: [{}] }]);
    expect(r.json).toEqual([{ createdAt: DateTime.fromMillis(START, { zone: 'UTC' }).toISO() }]);
  });

  it('formats with Intl.DateTimeFormat as the platform does', async () => {
    const options: Intl.DateTimeFormatOptions = {
      timeZone: 'America/Chicago',
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hour12: true,
    };
    const r = await runImported(
      codeNode(
        'code',
        `return { text: new Intl.DateTimeFormat('en-US', ${JSON.stringify(options)}).format(new Date('2024-06-01T15:00:00Z')) };`,
      ),
      [{ name: 'People', items: people }],
    );
    expect(r.json).toEqual([{ text: new Intl.DateTimeFormat('en-US', options).format(new Date('2024-06-01T15:00:00Z')) }]);
  });
});

describe('n8n legacy Function and Function Item nodes', () => {
  it('Function changes items in place and returns them', async () => {
    const r = await runImported(
      codeNode('function', 'for (item of items) {\n  item.json.upper = item.json.name.toUpperCase();\n}\nreturn items;'),
      [{ name: 'People', items: people }],
    );
    expect(r.json).toEqual(people.map((p) => ({ ...p, upper: p.name.toUpperCase() })));
  });

  it('Function may declare const item = items[0]', async () => {
    const r = await runImported(codeNode('function', 'const item = items[0];\nreturn [{ json: { name: item.json.name } }];'), [
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual([{ name: 'Ada' }]);
  });

  it('Function Item sees the item JSON as item and returns the new JSON', async () => {
    const r = await runImported(codeNode('functionItem', 'item.initial = item.name[0];\nreturn item;'), [
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual(people.map((p) => ({ ...p, initial: p.name[0] })));
  });

  it('Function Item reads $item(0).$node["Name"].json', async () => {
    const r = await runImported(codeNode('functionItem', 'item.key = $item(0).$node["Config"].json.key;\nreturn item;'), [
      { name: 'Config', items: [{ key: 'k1' }] },
      { name: 'People', items: people },
    ]);
    expect(r.json).toEqual(people.map((p) => ({ ...p, key: 'k1' })));
  });
});

describe('n8n code errors', () => {
  it('names a node that is not in the workflow', async () => {
    const r = await runImported(codeNode('code', "return $('Nowhere').all();"), [{ name: 'People', items: people }]);
    expect(r.error?.message).toContain("There is no node named 'Nowhere' in this workflow.");
  });

  it('says a name built at run time cannot be read', async () => {
    const r = await runImported(codeNode('code', "const name = 'Peo' + 'ple'; return $(name).all();"), [{ name: 'People', items: people }]);
    expect(r.error?.message).toContain('write its name as a plain string');
  });

  it('says only the last run and the main output of a node are kept', async () => {
    const run = await runImported(codeNode('code', "return $items('People', 0, 1);"), [{ name: 'People', items: people }]);
    expect(run.error?.message).toContain("Only the last run of node 'People' is kept, so run 1 cannot be read.");
    const branch = await runImported(codeNode('code', "return $('People').all(1);"), [{ name: 'People', items: people }]);
    expect(branch.error?.message).toContain("Only the main output of node 'People' can be read here, not output 1.");
  });
});

describe('n8n code requiring modules', () => {
  it('keeps a node that requires a library, with a warning, and runs it where the host allows the library', async () => {
    const r = await runImported(
      codeNode('function', "const _ = require('lodash');\nreturn _.sortBy(items, (i) => i.json.age);"),
      [{ name: 'People', items: people }],
      { codeLibraries: { lodash: nodeModuleLibrary('lodash', { file: 'lodash.min.js' }) } },
    );
    expect(r.report.problems).toContainEqual(expect.objectContaining({ code: 'code-require', severity: 'warning', node: 'Code' }));
    expect(r.json).toEqual([people[1], people[0]]);
  });

  it("keeps a node that requires Node's own modules as a placeholder", () => {
    const { report } = importN8nWorkflow({
      nodes: [codeNode('code', "const crypto = require('crypto');\nreturn [];")],
      connections: {},
    });
    expect(report.placeholders[0]).toMatchObject({ node: 'Code', parameter: 'jsCode' });
    expect(report.placeholders[0]!.reason).toContain("require('crypto')");
  });
});

describe('n8n Python code', () => {
  it('keeps a Python Code node as a placeholder that says why, with its source', () => {
    const source = 'for item in _input.all():\n  item.json.seen = True\nreturn _input.all()';
    const { workflow, report } = importN8nWorkflow({
      nodes: [{ ...codeNode('code', ''), parameters: { language: 'python', pythonCode: source } }],
      connections: {},
    });
    expect(report.placeholders[0]).toMatchObject({ node: 'Code', parameter: 'language' });
    expect(report.placeholders[0]!.reason).toContain("Flowloom's Code node runs JavaScript only");
    expect(JSON.stringify(workflow?.nodes[0]?.parameters)).toContain('_input.all()');
  });
});
