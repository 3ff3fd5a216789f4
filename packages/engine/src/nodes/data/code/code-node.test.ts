import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type NodeRun, type Workflow } from '@flowloom/engine';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());

/** Start -> Before (passes the input through) -> Parse (the Code node). */
function workflow(parameters: Record<string, unknown>): Workflow {
  return buildWorkflow({
    id: 'wf-code',
    name: 'Code test',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger' },
      { id: 'b', name: 'Before', type: 'core.noOp' },
      { id: 'c', name: 'Parse', type: 'core.code', parameters },
    ],
    connections: [
      ['t', 'b'],
      ['b', 'c'],
    ],
  });
}

const twoItems = [{ json: { n: 1 } }, { json: { n: 2 } }];

async function run(
  code: string,
  options: {
    mode?: string;
    input?: { json: Record<string, unknown> }[];
    limits?: Record<string, number>;
    params?: Record<string, unknown>;
  } = {},
) {
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, limits: { code: options.limits } });
  const execution = await engine.run(engine.parseWorkflow(workflow({ code, mode: options.mode ?? 'allItems', ...options.params })), {
    input: options.input ?? twoItems,
    vars: { region: 'eu' },
  });
  const result = execution.nodes.c![0]!;
  return { execution, result, json: result.output.main?.map((i) => i.json), error: result.error };
}

describe('Code node modes', () => {
  it('runs once for all items with $input.all()', async () => {
    const r = await run('return $input.all().map((item) => ({ double: item.json.n * 2 }));');
    expect(r.execution.status).toBe('success');
    expect(r.json).toEqual([{ double: 2 }, { double: 4 }]);
  });

  it('offers $input.first(), $input.last() and the legacy items array', async () => {
    const r = await run('return { first: $input.first().json.n, last: $input.last().json.n, count: items.length };');
    expect(r.json).toEqual([{ first: 1, last: 2, count: 2 }]);
  });

  it('runs once for each item with $json, $itemIndex and $input.item', async () => {
    const r = await run('return { n: $json.n, index: $itemIndex, same: $input.item.json.n === $json.n, viaItem: item.json.n };', {
      mode: 'eachItem',
    });
    expect(r.json).toEqual([
      { n: 1, index: 0, same: true, viaItem: 1 },
      { n: 2, index: 1, same: true, viaItem: 2 },
    ]);
    expect(r.result.output.main?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('drops an item when the code returns nothing for it in each-item mode', async () => {
    const r = await run('if ($json.n === 2) return { kept: $json.n };', { mode: 'eachItem' });
    expect(r.json).toEqual([{ kept: 2 }]);
  });

  it('keeps order and pairing of a large each-item output, which leaves the worker in parts', async () => {
    const input = Array.from({ length: 12_000 }, (_, n) => ({ json: { n, label: `row ${n}` } }));
    const r = await run('return $itemIndex % 3 === 0 ? undefined : { n: $json.n, label: $json.label.toUpperCase() };', {
      mode: 'eachItem',
      input,
    });
    expect(r.execution.status).toBe('success');
    const out = r.result.output.main!;
    expect(out).toHaveLength(8000);
    expect(
      out.every((item) => item.json.label === `ROW ${item.json.n as number}` && (item.pairedItem as { item: number }).item === item.json.n),
    ).toBe(true);
  });

  it('supports async and await inside the code', async () => {
    const r = await run('const wait = (v) => Promise.resolve(v); const a = await wait(20); return [{ total: a + (await wait(22)) }];');
    expect(r.json).toEqual([{ total: 42 }]);
  });

  it('fails clearly when the code awaits something that never settles', async () => {
    const r = await run('await new Promise(() => {}); return [];');
    expect(r.execution.status).toBe('error');
    expect(r.error?.message).toContain('never finishes');
  });
});

describe('Code node bindings', () => {
  it("reads another node's output by name with $('Name')", async () => {
    const r = await run("return $('Before').all().map((i) => ({ seen: i.json.n, first: $('Before').first().json.n }));");
    expect(r.json).toEqual([
      { seen: 1, first: 1 },
      { seen: 2, first: 1 },
    ]);
  });

  it("reads another node's first item with $node['Name'].json", async () => {
    const r = await run("return [{ n: $node['Before'].json.n, count: $node['Before'].items.length }];");
    expect(r.json).toEqual([{ n: 1, count: 2 }]);
  });

  it('says when a node is not in the workflow', async () => {
    const r = await run("return $('Nowhere').all();");
    expect(r.error?.message).toContain("There is no node named 'Nowhere' in this workflow.");
  });

  it('says when a node name is built at run time, so its output was not sent', async () => {
    const r = await run("const name = 'Bef' + 'ore'; return $(name).all();");
    expect(r.error?.message).toContain("No output from node 'Before': write its name as a plain string in the code");
  });

  it('exposes $vars, $execution, $workflow and $runIndex', async () => {
    const r = await run(
      'return { region: $vars.region, exec: typeof $execution.id, mode: $execution.mode, wf: $workflow.name, run: $runIndex };',
    );
    expect(r.json).toEqual([{ region: 'eu', exec: 'string', mode: 'manual', wf: 'Code test', run: 0 }]);
    expect(r.execution.id).toBeTruthy();
  });

  it('captures console output into the NodeRun', async () => {
    const r = await run(
      "console.log('hello', { a: 1 }); console.info(2); console.warn('careful'); console.error(new Error('bad')); return [];",
    );
    expect(r.result.logs?.map((l) => l.level)).toEqual(['log', 'info', 'warn', 'error']);
    expect(r.result.logs?.[0]?.message).toBe('hello {"a":1}');
    expect(r.result.logs?.[3]?.message).toContain('Error: bad');
  });

  it('keeps console output of a run that then fails', async () => {
    const r = await run("console.log('before'); throw new Error('after');");
    expect(r.execution.status).toBe('error');
    expect(r.result.logs).toEqual([{ level: 'log', message: 'before' }]);
  });
});

describe('Code node btoa and atob', () => {
  const latin1 = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
  const encodeInputs = ['', 'a', 'ab', 'abc', 'hello, world', 'é\u00ff\u0000', latin1, '€', 'caf\u00e9 \u2014', '\ud83d\ude00', null, 12];
  const decodeInputs = [
    ...['', 'a', 'ab', 'abc', 'hello, world', latin1].map((text) => Buffer.from(text, 'latin1').toString('base64')),
    'YQ',
    'YWI',
    'YR==',
    ' YW\nJj\t',
    'YQ=',
    'YQ===',
    'YWJj=',
    'ab=c',
    'abc*',
    'a',
    'YWJjZ',
    '====',
    '-_-_',
    '\u00a0YQ==',
    'YQ==\u00e9',
    null,
  ];
  // What each call gives: its value, or the name, code and type of what it throws.
  const outcomes = `(fn, inputs) => inputs.map((input) => {
    try {
      return { value: fn(input) };
    } catch (e) {
      return { name: e.name, code: e.code, isError: e instanceof Error, isDOMException: e instanceof DOMException };
    }
  })`;
  const platform = new Function(`return ${outcomes};`)() as (fn: (input: unknown) => string, inputs: unknown[]) => unknown[];

  it("encodes with btoa as the platform's own does, refusing characters past Latin-1", async () => {
    const r = await run(`return { out: (${outcomes})(btoa, ${JSON.stringify(encodeInputs)}) };`);
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ out: platform(btoa as (input: unknown) => string, encodeInputs) }]);
  });

  it("decodes with atob as the platform's own does, refusing text that is not base64", async () => {
    const r = await run(`return { out: (${outcomes})(atob, ${JSON.stringify(decodeInputs)}) };`);
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ out: platform(atob as (input: unknown) => string, decodeInputs) }]);
  });

  it('handles long text, undefined and missing arguments as the platform does', async () => {
    const long = `Array.from({ length: 50000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')`;
    const r = await run(
      `const long = ${long};
const missing = (fn) => { try { fn(); return 'no error'; } catch (e) { return e.name; } };
return { encoded: btoa(long), same: atob(btoa(long)) === long, fromUndefined: (${outcomes})(atob, [undefined]), b: btoa(undefined), missing: [missing(btoa), missing(atob)] };`,
    );
    const missing = (fn: () => unknown) => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return (e as Error).name;
      }
    };
    expect(r.json).toEqual([
      {
        encoded: btoa(new Function(`return ${long};`)() as string),
        same: true,
        fromUndefined: platform(atob as (input: unknown) => string, [undefined]),
        b: btoa(undefined as unknown as string),
        missing: [missing(() => (btoa as () => string)()), missing(() => (atob as () => string)())],
      },
    ]);
  });

  it('fails the node with an InvalidCharacterError that the code did not catch, naming the line', async () => {
    const r = await run("const ok = btoa('fine');\nreturn [{ v: btoa('\u20ac') }];");
    expect(r.error?.message).toContain('InvalidCharacterError: Invalid character');
    expect(r.error?.details).toMatchObject({ line: 2 });
  });
});

describe('Code node return values', () => {
  it.each([
    ['an array of objects', 'return [{ a: 1 }, { a: 2 }];', [{ a: 1 }, { a: 2 }]],
    ['an array of { json } items', 'return [{ json: { a: 1 } }, { json: { a: 2 } }];', [{ a: 1 }, { a: 2 }]],
    ['one object', 'return { a: 1 };', [{ a: 1 }]],
    ['one { json } item', 'return { json: { a: 1 } };', [{ a: 1 }]],
    ['nothing', 'const x = 1;', []],
  ])('accepts %s', async (_label, code, expected) => {
    const r = await run(code);
    expect(r.execution.status).toBe('success');
    expect(r.json ?? []).toEqual(expected);
  });

  it.each([
    ['a number', 'return 42;', 'returned a number'],
    ['a string in the array', "return [{ a: 1 }, 'x'];", 'a string at index 1'],
    ['an array per item in each-item mode', 'return [$json];', 'an array for item 0'],
  ])('refuses %s with a clear message', async (_label, code, expected) => {
    const r = await run(code, { mode: code.includes('$json') ? 'eachItem' : 'allItems' });
    expect(r.execution.status).toBe('error');
    expect(r.error?.code).toBe('CODE_OUTPUT_INVALID');
    expect(r.error?.message).toContain(`Code node 'Parse' returned`);
    expect(r.error?.message).toContain(expected);
  });

  it('keeps binary references and pairedItem of returned items', async () => {
    const r = await run("return [{ json: { a: 1 }, binary: { file: { id: 'b1', mimeType: 'text/plain' } }, pairedItem: { item: 1 } }];");
    expect(r.result.output.main?.[0]).toEqual({
      json: { a: 1 },
      binary: { file: { id: 'b1', mimeType: 'text/plain' } },
      pairedItem: { item: 1 },
    });
  });

  it('does not change the input items', async () => {
    const input = [{ json: { n: 1, nested: { k: 'v' } } }];
    await run('$input.first().json.n = 99; $input.first().json.nested.k = "changed"; return $input.all();', { input });
    expect(input).toEqual([{ json: { n: 1, nested: { k: 'v' } } }]);
  });
});

describe('Code node errors', () => {
  it('reports a runtime error with its line and column in the user code', async () => {
    const r = await run('const a = 1;\nconst b = 2;\n  missing.call();\nreturn [];');
    expect(r.error?.code).toBe('CODE_ERROR');
    expect(r.error?.message).toBe(`Code node 'Parse' failed: ReferenceError: 'missing' is not defined (line 3, column 3).`);
    expect(r.error?.details).toEqual({ line: 3, column: 3 });
  });

  it('reports a column on the first line relative to the user code', async () => {
    const r = await run('nope();');
    expect(r.error?.details).toEqual({ line: 1, column: 1 });
  });

  it('reports a syntax error with its position', async () => {
    const r = await run('const a = 1;\nconst b = ;\nreturn [];');
    expect(r.error?.code).toBe('CODE_SYNTAX');
    expect(r.error?.message).toMatch(/^Code node 'Parse' has a syntax error: .+ \(line 2, column \d+\)\.$/);
    expect((r.error?.details as { line: number }).line).toBe(2);
  });

  it('reports a thrown non-error value', async () => {
    const r = await run("throw 'plain text';");
    expect(r.error?.message).toContain('Non-error value thrown: plain text');
  });

  it('routes a failure to the error output when the node asks for it', async () => {
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger });
    const wf = workflow({ code: "throw new Error('nope');" });
    (wf.nodes[2] as { onError?: string }).onError = 'continue';
    const execution = await engine.run(engine.parseWorkflow(wf), { input: twoItems });
    expect(execution.status).toBe('success');
    expect(execution.nodes.c![0]!.output.main?.[0]?.json.error).toMatchObject({ code: 'CODE_ERROR' });
  });
});

describe('Code node limits', () => {
  it('fails a run that passes its deadline, naming the node and the limit', async () => {
    const r = await run('for (;;) {}', { params: { timeoutMs: 300 } });
    expect(r.error?.code).toBe('CODE_TIMEOUT');
    expect(r.error?.message).toBe(`Code node 'Parse' exceeded its 300 ms limit.`);
  });

  it('uses the host ceiling as the deadline when the node sets none', async () => {
    const r = await run('for (;;) {}', { limits: { timeoutMs: 400 } });
    expect(r.error?.message).toBe(`Code node 'Parse' exceeded its 400 ms limit.`);
  });

  it('never lets a node raise its limit past the host ceiling', async () => {
    const r = await run('for (;;) {}', { limits: { timeoutMs: 300 }, params: { timeoutMs: 60_000 } });
    expect(r.error?.message).toBe(`Code node 'Parse' exceeded its 300 ms limit.`);
  });

  it('fails a run that uses more memory than its limit', async () => {
    const r = await run('const keep = []; for (;;) keep.push(new Array(10000).fill(Math.random()));', { params: { memoryMb: 16 } });
    expect(r.error?.code).toBe('CODE_MEMORY');
    expect(r.error?.message).toBe(`Code node 'Parse' ran out of memory: it exceeded its 16 MiB limit.`);
  });

  it('fails a run whose output is over the output limit', async () => {
    const r = await run("return [{ big: 'x'.repeat(3 * 1024 * 1024) }];", { limits: { outputMb: 2 } });
    expect(r.error?.code).toBe('CODE_OUTPUT_TOO_LARGE');
    expect(r.error?.message).toBe(`Code node 'Parse' exceeded its 2 MiB output limit (over 3.0 MiB of JSON).`);
  });

  it('fails deep recursion with a stack limit error', async () => {
    const r = await run('const f = (n) => f(n + 1) + 1; return [{ v: f(0) }];');
    expect(r.error?.code).toBe('CODE_STACK');
    expect(r.error?.message).toBe(`Code node 'Parse' exceeded its stack limit (recursion too deep).`);
  });

  it('runs normally after a run broke a limit', async () => {
    await run('for (;;) {}', { params: { timeoutMs: 200 } });
    const r = await run('return [{ ok: true }];');
    expect(r.json).toEqual([{ ok: true }]);
  });
});

describe('Code node run record', () => {
  it('records no logs field when the code wrote nothing', async () => {
    const r = await run('return [];');
    expect((r.result as NodeRun).logs).toBeUndefined();
  });
});
