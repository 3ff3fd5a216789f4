/**
 * Escape and abuse attempts against the Code node, each with its safe
 * outcome. Shared by the Node run (vitest) and the Chromium run
 * (@web/test-runner), so both platforms are held to the same table.
 */
export interface SecurityCase {
  name: string;
  code: string;
  mode?: 'allItems' | 'eachItem';
  /** Per-node limits for this case. */
  limits?: { timeoutMs?: number; memoryMb?: number };
  tenantId?: string;
  /** A run made first, in the same engine (a previous run, maybe another tenant's). */
  before?: { code: string; tenantId?: string };
  input?: { json: Record<string, unknown> }[];
  expect: { status: 'success'; json: unknown[] } | { status: 'error'; codes: string[]; message?: string };
}

const ok = (json: unknown[]): SecurityCase['expect'] => ({ status: 'success', json });
const fails = (codes: string[], message?: string): SecurityCase['expect'] => ({
  status: 'error',
  codes,
  ...(message ? { message } : {}),
});

export const securityCases: SecurityCase[] = [
  // Host objects are not there.
  { name: 'process is not defined', code: 'return { t: typeof process };', expect: ok([{ t: 'undefined' }]) },
  {
    name: 'require is not defined',
    code: 'return { t: typeof require, m: typeof module };',
    expect: ok([{ t: 'undefined', m: 'undefined' }]),
  },
  {
    name: 'dynamic import() loads nothing',
    code: "try { await import('node:fs'); return { r: 'loaded' }; } catch (e) { return { r: 'blocked' }; }",
    expect: ok([{ r: 'blocked' }]),
  },
  {
    name: 'fetch is not defined',
    code: 'return { t: typeof fetch, x: typeof XMLHttpRequest };',
    expect: ok([{ t: 'undefined', x: 'undefined' }]),
  },
  {
    // setTimeout and setInterval are the guest's own, run on the engine's clock (code-sandbox/guest-timers.ts).
    name: "no host timers exist, only the guest's setTimeout and setInterval",
    code: 'return { a: typeof setTimeout, b: typeof setInterval, c: typeof setImmediate, d: typeof queueMicrotask, s: String(setTimeout).includes("[native code]") };',
    expect: ok([{ a: 'function', b: 'function', c: 'undefined', d: 'undefined', s: false }]),
  },
  { name: 'no WebAssembly inside the guest', code: 'return { t: typeof WebAssembly };', expect: ok([{ t: 'undefined' }]) },
  {
    name: "this.constructor.constructor('return process')() finds no process",
    code: "return { p: this.constructor.constructor('return process')() };",
    expect: fails(['CODE_ERROR'], "'process' is not defined"),
  },
  {
    name: 'Function chains reach only the guest global',
    code: "const g = Function('return this')(); return { host: ['process', 'require', 'fetch', 'setImmediate', 'global'].filter((k) => k in g) };",
    expect: ok([{ host: [] }]),
  },
  {
    name: "Buffer is the sandbox's own, made in the guest from a Uint8Array, with no way to the host",
    code: "const g = Function('return this')(); return { own: Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype, p: Buffer.from('x').constructor.constructor('return typeof process')() };",
    expect: ok([{ own: true, p: 'undefined' }]),
  },
  { name: 'eval sees no host', code: "return { t: eval('typeof process + typeof require') };", expect: ok([{ t: 'undefinedundefined' }]) },
  {
    name: 'async function constructor sees no host',
    code: "const AsyncFunction = (async () => {}).constructor; return { t: await AsyncFunction('return typeof require')() };",
    expect: ok([{ t: 'undefined' }]),
  },
  {
    name: 'Error.prepareStackTrace tricks stay inside',
    code: "Error.prepareStackTrace = (e, frames) => frames[0].getThis(); throw new Error('x');",
    expect: fails(['CODE_ERROR'], 'failed: x'),
  },
  // Returned values are data only.
  {
    name: 'a returned __proto__ key changes no prototype',
    code: 'return [JSON.parse(\'{"__proto__": {"polluted": "yes"}, "a": 1}\')];',
    expect: ok([JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}')]),
  },
  {
    name: 'a returned constructor.prototype key changes no prototype',
    code: "return [{ constructor: { prototype: { polluted: 'yes' } } }];",
    expect: ok([{ constructor: { prototype: { polluted: 'yes' } } }]),
  },
  {
    name: 'polluting Object.prototype inside the guest stays inside',
    code: "Object.prototype.polluted = 'yes'; Array.prototype.polluted = 'yes'; return [{ seen: ({}).polluted }];",
    expect: ok([{ seen: 'yes' }]),
  },
  { name: 'a returned getter becomes its value', code: 'return [{ get x() { return 41 + 1; } }];', expect: ok([{ x: 42 }]) },
  {
    name: 'a returned getter that never ends is stopped by the deadline',
    code: 'return [{ get x() { for (;;) {} } }];',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  {
    name: 'a returned Proxy becomes plain data',
    code: "return [new Proxy({}, { ownKeys: () => ['a'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }), get: () => 'trap' })];",
    expect: ok([{ a: 'trap' }]),
  },
  {
    name: 'a returned Proxy whose traps never end is stopped by the deadline',
    code: 'return [new Proxy({}, { ownKeys() { for (;;) {} } })];',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  { name: 'toJSON runs inside the guest', code: 'return [{ toJSON() { return { replaced: true }; } }];', expect: ok([{ replaced: true }]) },
  {
    name: 'a thrown object whose message getter never ends is stopped',
    code: 'throw { get message() { for (;;) {} } };',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  {
    name: 'a cyclic return value is a clear error',
    code: 'const a = {}; a.self = a; return [a];',
    expect: fails(['CODE_ERROR'], 'circular'),
  },
  { name: 'a BigInt return value is a clear error', code: 'return [{ n: 10n }];', expect: fails(['CODE_ERROR']) },
  // Time.
  { name: 'an endless loop is stopped', code: 'for (;;) {}', limits: { timeoutMs: 300 }, expect: fails(['CODE_TIMEOUT']) },
  {
    name: 'an endless chain of Promise jobs is stopped',
    code: 'const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {});',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  {
    name: 'catching the interrupt does not continue',
    code: 'for (;;) { try { for (;;) {} } catch (e) { /* try to carry on */ } }',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  {
    name: 'catching the interrupt across await does not continue',
    code: 'for (;;) { try { await null; for (;;) {} } catch (e) {} }',
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  {
    name: 'a catastrophic regular expression is stopped',
    code: "return [{ r: /(a+)+$/.test('a'.repeat(40) + 'b') }];",
    limits: { timeoutMs: 300 },
    expect: fails(['CODE_TIMEOUT']),
  },
  // Memory.
  { name: 'string doubling is stopped', code: "let s = 'x'; for (;;) s += s;", expect: fails(['CODE_MEMORY']) },
  {
    name: 'array growth is stopped',
    code: 'const keep = []; for (;;) keep.push(new Array(100000).fill(1));',
    expect: fails(['CODE_MEMORY']),
  },
  {
    name: "new Array(1e8).join('x') is stopped",
    code: "return [{ n: new Array(1e8).join('x').length }];",
    limits: { timeoutMs: 500 },
    expect: fails(['CODE_MEMORY', 'CODE_TIMEOUT']),
  },
  {
    name: 'memory errors caught by the code still end in a failure',
    code: "for (;;) { try { let s = 'x'; for (;;) s += s; } catch (e) { /* ignore */ } }",
    limits: { timeoutMs: 1000 },
    expect: fails(['CODE_TIMEOUT', 'CODE_MEMORY']),
  },
  { name: 'deep recursion is stopped', code: 'const f = (n) => f(n + 1); f(0);', expect: fails(['CODE_STACK']) },
  {
    name: 'deeply nested JSON is refused without crashing',
    code: "return [{ v: JSON.parse('['.repeat(1000000) + ']'.repeat(1000000)) }];",
    expect: fails(['CODE_STACK', 'CODE_ERROR', 'CODE_MEMORY']),
  },
  {
    name: '30 MB of output is refused',
    code: "const s = 'x'.repeat(10000); return Array.from({ length: 3100 }, (_, i) => ({ i, s }));",
    expect: fails(['CODE_OUTPUT_TOO_LARGE']),
  },
  {
    name: 'a console flood is capped',
    // Twenty times the lines a run keeps: enough to flood, and quick to run on a busy machine.
    code: 'for (let i = 0; i < 20000; i++) console.log(i); return [{ done: true }];',
    expect: ok([{ done: true }]),
  },
  // Nothing survives a run.
  {
    name: 'globals left by a previous run are gone',
    before: { code: "globalThis.leak = 'secret'; Object.prototype.leaked = 1; return [];" },
    code: 'return [{ leak: typeof leak, proto: ({}).leaked === undefined }];',
    expect: ok([{ leak: 'undefined', proto: true }]),
  },
  {
    name: "another tenant's globals are not visible",
    before: { code: "globalThis.leak = 'tenant a'; return [];", tenantId: 'tenant-a' },
    tenantId: 'tenant-b',
    code: 'return [{ leak: typeof leak }];',
    expect: ok([{ leak: 'undefined' }]),
  },
  // The web platform's base64 helpers are the guest's own, with the platform's checks.
  {
    name: 'btoa and atob round-trip Latin-1 and refuse other text with an InvalidCharacterError',
    code: "const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join(''); const thrown = (f) => { try { f(); return 'nothing'; } catch (e) { return e instanceof DOMException ? e.name : 'another error'; } }; return [{ same: atob(btoa(all)) === all, wide: thrown(() => btoa('\u20ac')), bad: thrown(() => atob('*')) }];",
    expect: ok([{ same: true, wide: 'InvalidCharacterError', bad: 'InvalidCharacterError' }]),
  },
  // Data never becomes code.
  {
    name: 'template text in item data stays text',
    input: [{ json: { body: '{{ $json.secret }}', call: "$eval('1 + 1')" } }],
    code: 'return $input.all();',
    expect: ok([{ body: '{{ $json.secret }}', call: "$eval('1 + 1')" }]),
  },
];

/** Abuse attempts through expressions in a node's parameter (`{{ }}`), each with its safe outcome. */
export interface ExpressionCase {
  name: string;
  /** The parameter value, holding the template. */
  template: string;
  input?: { json: Record<string, unknown> }[];
  expect: { status: 'success'; value: unknown } | { status: 'error'; codes: string[] };
}

export const expressionCases: ExpressionCase[] = [
  { name: 'a $pad bomb is refused', template: '{{ $pad("x", 200000000) }}', expect: { status: 'error', codes: ['EXPRESSION_BUDGET'] } },
  {
    name: 'a catastrophic regular expression runs in linear time',
    template: '{{ $match($pad("", -5000, "a") & "!", /^(a+)+$/) }}',
    expect: { status: 'success', value: undefined },
  },
  {
    name: 'template text in item data is not evaluated',
    template: '{{ $json.body }}',
    input: [{ json: { body: "{{ $eval('1 + 1') }}" } }],
    expect: { status: 'success', value: "{{ $eval('1 + 1') }}" },
  },
  { name: '$eval is not available', template: '{{ $eval("1 + 1") }}', expect: { status: 'error', codes: ['EXPRESSION_DISABLED'] } },
];
