// Expression evaluation throughput: each case beside the equivalent plain JS
// function, measured in the same run. Pure data references take the
// synchronous fast path; everything else is JSONata compiled once (cached) to
// synchronous JavaScript closures, and shown beside JSONata's interpreter.
import { createEngine, createExpressionResolver, silentLogger } from '../packages/engine/dist/index.js';
import { fmt, row, section, timeInterleaved } from './lib.mjs';

const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, price: (i % 97) + 0.5, qty: (i % 7) + 1 }));
const item = { json: { name: 'Ana', first: 'Ana', last: 'Lima', a: { b: 42 }, rows } };
const workflow = { schemaVersion: 1, id: 'wf', name: 'Bench', nodes: [], connections: [], settings: {} };
const scope = {
  item,
  itemIndex: 0,
  items: [item],
  runIndex: 0,
  node: { id: 'n', name: 'N', type: 'core.noOp', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
  workflow,
  execution: { id: 'ex', mode: 'manual', tenantId: 't' },
  nodeOutput: () => undefined,
  vars: {},
  env: {},
  now: Date.now(),
};

// 64 items of the same shape, read in turn, so neither side can hoist the read out of the loop.
const defaultScopes = Array.from({ length: 64 }, (_, i) => {
  const it = { json: { ...item.json, name: `Ana${i}`, first: `Ana${i}`, a: { b: i } } };
  return { ...scope, item: it, items: [it] };
});

const resolver = createExpressionResolver();
const interpreter = createExpressionResolver({ compile: false });
// Warm: load JSONata and compile every template once.
const cases = [
  { label: '{{ $json.name }}', template: '{{ $json.name }}', plain: (s) => s.item.json.name, batch: 100_000, reference: true },
  { label: '{{ $json.a.b }}', template: '{{ $json.a.b }}', plain: (s) => s.item.json.a.b, batch: 100_000, reference: true },
  {
    label: '{{ $uppercase($json.name) }}',
    template: '{{ $uppercase($json.name) }}',
    plain: (s) => s.item.json.name.toUpperCase(),
    batch: 100_000,
    interpreterDivisor: 50,
  },
  {
    label: 'Hi {{ $json.first }} {{ $json.last }}! (text + 2 refs)',
    template: 'Hi {{ $json.first }} {{ $json.last }}!',
    plain: (s) => `Hi ${s.item.json.first} ${s.item.json.last}!`,
    batch: 50_000,
    reference: true,
  },
  {
    label: 'Hi {{ $json.first }}, {{ $uppercase($json.last) }}',
    template: 'Hi {{ $json.first }}, {{ $uppercase($json.last) }}',
    plain: (s) => `Hi ${s.item.json.first}, ${s.item.json.last.toUpperCase()}`,
    batch: 100_000,
    interpreterDivisor: 50,
  },
  {
    label: '{{ $sum($json.rows.(price * qty)) }} (1,000 rows)',
    template: '{{ $sum($json.rows.(price * qty)) }}',
    plain: (s) => s.item.json.rows.reduce((t, r) => t + r.price * r.qty, 0),
    batch: 1_000,
    interpreterDivisor: 100,
  },
  {
    label: '{{ $sum($input.all.json.price) }} (1,000 items)',
    template: '{{ $sum($input.all.json.price) }}',
    plain: (s) => s.items.reduce((t, i) => t + i.json.price, 0),
    batch: 1_000,
    interpreterDivisor: 50,
    scope: 'items',
  },
];

// The same 1,000 rows as input items, for the last case.
const rowItems = rows.map((r) => ({ json: r }));
const itemScopes = defaultScopes.map((s) => ({ ...s, items: rowItems }));

for (const c of cases) {
  const sc = c.scope === 'items' ? itemScopes[0] : scope;
  const got = await resolver.evaluateTemplate(c.template, sc);
  const want = c.plain(sc);
  if (Math.abs(Number(got) - Number(want)) > 1e-6 && got !== want) throw new Error(`${c.label}: got ${got}, want ${want}`);
}

section('Expressions: evaluations per second (batch time, ms; ratio = times slower than plain JS)');
let sink = 0;
/** Times one template on one resolver against the plain JS function; prints a row. */
async function measure(label, c, using) {
  const { template, plain, batch } = c;
  const scopes = c.scope === 'items' ? itemScopes : defaultScopes;
  await using.evaluateTemplate(template, scopes[0]);
  const sync = !(using.evaluateTemplate(template, scopes[0]) instanceof Promise);
  const runs = sync ? batch : Math.max(1, Math.floor(batch / (c.interpreterDivisor ?? 1)));
  // Measured in alternation with the plain function, so both meet the machine's ups and downs alike.
  const [ms, refMs] = await timeInterleaved(
    [
      sync
        ? () => {
            for (let i = 0; i < runs; i++) sink += using.evaluateTemplate(template, scopes[i & 63]) === undefined ? 1 : 0;
          }
        : async () => {
            for (let i = 0; i < runs; i++) sink += (await using.evaluateTemplate(template, scopes[i & 63])) === undefined ? 1 : 0;
          },
      () => {
        for (let i = 0; i < runs; i++) sink += plain(scopes[i & 63]) === undefined ? 1 : 0;
      },
    ],
    { minMs: 500 },
  );
  row(label, ms, refMs, `${fmt((runs / ms) * 1000)} evals/s${sync ? ' (sync)' : ''}`);
}
for (const c of cases) {
  await measure(c.label, c, resolver);
  if (!c.reference) await measure('  same, JSONata interpreter', c, interpreter);
}
const stats = resolver.stats();
console.log(`Compiled to closures: ${stats.compiled} expressions; fell back to the interpreter: ${stats.interpreted}.`);

// Edit Fields over 10,000 items with five expression fields (references, calls, a conditional),
// run through the engine, beside a hand-written function producing the same items.
section('Edit Fields, 10,000 items, five expression fields (ms per run; ratio = times slower than plain JS)');
const people = Array.from({ length: 10_000 }, (_, i) => ({
  json: {
    id: i,
    first: `ana${i}`,
    last: `lima${i % 50}`,
    price: (i % 97) + 0.5,
    qty: (i % 7) + 1,
    tags: ['a', 'b', 'c'].slice(0, (i % 3) + 1),
  },
}));
const editFields = [
  { name: 'name', type: 'expression', value: '{{ $json.first & " " & $uppercase($json.last) }}' },
  { name: 'total', type: 'expression', value: '{{ $json.price * $json.qty }}' },
  { name: 'size', type: 'expression', value: '{{ $json.qty > 3 ? "large" : "small" }}' },
  { name: 'tagCount', type: 'expression', value: '{{ $count($json.tags) }}' },
  { name: 'label', type: 'expression', value: 'Order {{ $json.id }} for {{ $trim($json.first) }}' },
];
const editWorkflow = {
  schemaVersion: 1,
  id: 'edit',
  name: 'Edit',
  nodes: [
    { id: 'start', name: 'start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
    { id: 'edit', name: 'edit', type: 'core.set', typeVersion: 1, position: { x: 200, y: 0 }, parameters: { fields: editFields } },
  ],
  connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'edit', port: 'main' } }],
  settings: {},
};
const editByHand = (items) =>
  items.map(({ json }) => {
    const out = {};
    for (const key in json) if (Object.hasOwn(json, key)) out[key] = json[key];
    out.name = `${json.first} ${json.last.toUpperCase()}`;
    out.total = json.price * json.qty;
    out.size = json.qty > 3 ? 'large' : 'small';
    out.tagCount = json.tags.length;
    out.label = `Order ${json.id} for ${json.first.trim()}`;
    return { json: out };
  });
for (const [label, expressions] of [
  ['10,000 items, Edit Fields, 5 expressions', createExpressionResolver()],
  ['  same, JSONata interpreter', createExpressionResolver({ compile: false })],
]) {
  const engine = createEngine({ logger: silentLogger, expressions });
  const workflow = engine.parseWorkflow(editWorkflow);
  const execution = await engine.run(workflow, { input: people });
  if (execution.status !== 'success') throw new Error(`Edit Fields run failed: ${execution.error?.message}`);
  const got = JSON.stringify(execution.nodes.edit[0].output.main.map((i) => i.json));
  if (got !== JSON.stringify(editByHand(people).map((i) => i.json))) throw new Error('Edit Fields and the hand-written function disagree');
  const fresh = () => createEngine({ logger: silentLogger, expressions });
  const [engineMs, refMs] = await timeInterleaved([() => fresh().run(workflow, { input: people }), () => editByHand(people)], {
    warmup: 1,
    minRuns: 5,
    minMs: 0,
  });
  row(label, engineMs, refMs, `${fmt((people.length / engineMs) * 1000)} items/s`);
}
if (sink < 0) console.log(sink);
