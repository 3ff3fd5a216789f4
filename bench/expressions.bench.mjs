// Expression evaluation throughput: each case beside the equivalent plain JS
// function, measured in the same run. Pure data references take the
// synchronous fast path; everything else is JSONata (compiled once, cached).
import { createExpressionResolver } from '../packages/engine/dist/index.js';
import { fmt, row, section, time } from './lib.mjs';

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
// Warm: load JSONata and compile every template once.
const cases = [
  { label: '{{ $json.name }}', template: '{{ $json.name }}', plain: (s) => s.item.json.name, batch: 100_000 },
  { label: '{{ $json.a.b }}', template: '{{ $json.a.b }}', plain: (s) => s.item.json.a.b, batch: 100_000 },
  {
    label: '{{ $uppercase($json.name) }}',
    template: '{{ $uppercase($json.name) }}',
    plain: (s) => s.item.json.name.toUpperCase(),
    batch: 2_000,
  },
  {
    label: 'Hi {{ $json.first }} {{ $json.last }}! (text + 2 refs)',
    template: 'Hi {{ $json.first }} {{ $json.last }}!',
    plain: (s) => `Hi ${s.item.json.first} ${s.item.json.last}!`,
    batch: 50_000,
  },
  {
    label: 'Hi {{ $json.first }}, {{ $uppercase($json.last) }}',
    template: 'Hi {{ $json.first }}, {{ $uppercase($json.last) }}',
    plain: (s) => `Hi ${s.item.json.first}, ${s.item.json.last.toUpperCase()}`,
    batch: 2_000,
  },
  {
    label: '{{ $sum($json.rows.(price * qty)) }} (1,000 rows)',
    template: '{{ $sum($json.rows.(price * qty)) }}',
    plain: (s) => s.item.json.rows.reduce((t, r) => t + r.price * r.qty, 0),
    batch: 20,
  },
  {
    label: '{{ $sum($input.all.json.price) }} (1,000 items)',
    template: '{{ $sum($input.all.json.price) }}',
    plain: (s) => s.items.reduce((t, i) => t + i.json.price, 0),
    batch: 20,
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
for (const c of cases) {
  const { template, plain, batch } = c;
  const scopes = c.scope === 'items' ? itemScopes : defaultScopes;
  const sync = !(resolver.evaluateTemplate(template, scope) instanceof Promise);
  const ms = await time(
    sync
      ? () => {
          for (let i = 0; i < batch; i++) sink += resolver.evaluateTemplate(template, scopes[i & 63]) === undefined ? 1 : 0;
        }
      : async () => {
          for (let i = 0; i < batch; i++) sink += (await resolver.evaluateTemplate(template, scopes[i & 63])) === undefined ? 1 : 0;
        },
  );
  const refMs = await time(() => {
    for (let i = 0; i < batch; i++) sink += plain(scopes[i & 63]) === undefined ? 1 : 0;
  });
  const perSecond = (batch / ms) * 1000;
  row(c.label, ms, refMs, `${fmt(perSecond)} evals/s${sync ? ' (sync fast path)' : ''}`);
}
if (sink < 0) console.log(sink);
