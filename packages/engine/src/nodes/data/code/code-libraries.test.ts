import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createEngine, silentLogger, type CodeLibraries } from '@flowloom/engine';
import { createNodeCodeSandbox, createNodeEngine, nodeModuleLibrary } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';

// Host-allowed libraries: lodash from node_modules, run in the sandbox, checked against lodash itself run here.

const require = createRequire(import.meta.url);
/** The oracle: lodash as Node loads it. */
const lodash = require('lodash') as Record<string, (...args: unknown[]) => unknown> & ((value: unknown) => { value(): unknown });

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());

const lodashMin = nodeModuleLibrary('lodash', { file: 'lodash.min.js' });

function workflow(code: string, parameters: Record<string, unknown> = {}) {
  return buildWorkflow({
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger' },
      { id: 'c', name: 'Parse', type: 'core.code', parameters: { mode: 'allItems', code, ...parameters } },
    ],
    connections: [['t', 'c']],
  });
}

async function run(code: string, codeLibraries: CodeLibraries | undefined, input: Record<string, unknown>[] = [{}], parameters = {}) {
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, codeLibraries });
  const execution = await engine.run(engine.parseWorkflow(workflow(code, parameters)), { input: input.map((json) => ({ json })) });
  const result = execution.nodes.c![0]!;
  return { result, json: result.output.main?.map((i) => i.json), error: result.error };
}

const people = [
  { name: 'Ada Lovelace', team: 'math', age: 36 },
  { name: 'Linus Torvalds', team: 'os', age: 21 },
  { name: 'Grace Hopper', team: 'math', age: 85 },
  { name: 'Ken Thompson', team: 'os', age: 21 },
];

describe('Code node require() of host libraries', () => {
  it('gives lodash the same results as lodash run in Node', async () => {
    const calls: [string, unknown[]][] = [
      ['chunk', [[1, 2, 3, 4, 5], 2]],
      ['groupBy', [people, 'team']],
      ['sortBy', [people, ['age', 'name']]],
      ['uniqBy', [people, 'age']],
      ['camelCase', ['Foo Bar--baz']],
      ['kebabCase', ['fooBar Baz']],
      ['snakeCase', ['Ünïcode Wörds here']],
      ['get', [{ a: [{ b: { c: 3 } }] }, 'a[0].b.c']],
      ['merge', [{ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }]],
      ['pick', [{ a: 1, b: '2', c: 3 }, ['a', 'c']]],
      [
        'difference',
        [
          [2, 1, 5, 7],
          [2, 3, 7],
        ],
      ],
      [
        'zipObject',
        [
          ['a', 'b'],
          [1, 2],
        ],
      ],
      ['truncate', ['hi-diddly-ho there, neighborino', { length: 24, separator: ' ' }]],
      ['padStart', ['42', 6, '0']],
      ['countBy', [[6.1, 4.2, 6.3], 'Math.floor']],
      ['escape', ['fred, barney, & <pebbles>']],
    ];
    const code = `const _ = require('lodash');
const calls = ${JSON.stringify(calls)};
return calls.map(([name, args]) => ({ name, out: name === 'countBy' ? _.countBy(args[0], Math.floor) : _[name](...args) }));`;
    const r = await run(code, { lodash: lodashMin });
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual(
      calls.map(([name, args]) => ({ name, out: name === 'countBy' ? lodash.countBy!(args[0], Math.floor) : lodash[name]!(...args) })),
    );
  });

  it("runs an n8n Function node's lodash chain as lodash does", async () => {
    // From the n8n workflow collection (workflows/Emailreadimap/0134_Emailreadimap_Nextcloud_Send.json, MIT).
    const sanitize = `str => _.chain(str)
  .replace(/[^A-Za-z0-9&.-]/g, '-')
  .replace(/-(?=-)/g, '')
  .trim('-')
  .truncate({ length: 60, omission: '-' })
  .value()`;
    const names = ['Ünïcode  Sender <a@b.c>', '--already--dashed--', 'x'.repeat(80), 'Invoice 2024/03 (final).pdf'];
    const r = await run(
      `const _ = require('lodash');\nconst sanitize = ${sanitize};\nreturn ${JSON.stringify(names)}.map((n) => ({ out: sanitize(n) }));`,
      {
        lodash: nodeModuleLibrary('lodash'),
      },
    );
    const oracle = new Function('_', `return ${sanitize};`)(lodash) as (s: string) => string;
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual(names.map((n) => ({ out: oracle(n) })));
  });

  it('evaluates a library once per run and calls its loader once per host', async () => {
    let loads = 0;
    const counter = () => {
      loads++;
      return 'globalThis.evaluations = (globalThis.evaluations || 0) + 1; module.exports = { evaluations: globalThis.evaluations };';
    };
    const code = "const a = require('counter'); const b = require('counter'); return { same: a === b, evaluations: a.evaluations };";
    const first = await run(code, { counter });
    const second = await run(code, { counter });
    expect(first.json).toEqual([{ same: true, evaluations: 1 }]);
    expect(second.json).toEqual([{ same: true, evaluations: 1 }]);
    expect(loads).toBe(1);
  });

  it('loads a UMD or browser build: luxon from its package, checked against luxon here', async () => {
    const r = await run(
      "const { DateTime } = require('luxon');\nreturn { iso: DateTime.fromISO('2024-03-10T12:00:00Z').setZone('America/New_York').toISO() };",
      {
        luxon: nodeModuleLibrary('luxon'),
      },
    );
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ iso: DateTime.fromISO('2024-03-10T12:00:00Z').setZone('America/New_York').toISO() }]);
  });
});

describe('Code node require() refusals', () => {
  it.each(['fs', 'child_process', 'left-pad'])("refuses require('%s'), naming the module and the host's list", async (name) => {
    const r = await run(`const m = require('${name}');\nreturn [];`, { lodash: lodashMin });
    expect(r.error?.code).toBe('CODE_ERROR');
    expect(r.error?.message).toMatch(
      new RegExp(
        `^Code node 'Parse' failed: Module '${name}' is not allowed by the host: a Code node may require only 'lodash'\\. \\(line 1, column \\d+\\)\\.$`,
      ),
    );
  });

  it('refuses every module when the host lists none', async () => {
    const r = await run("require('fs');", undefined);
    expect(r.error?.message).toBe(
      "Code node 'Parse' failed: Module 'fs' is not allowed by the host: this host lets Code nodes require no modules (line 1, column 1).",
    );
  });

  it('says an allowed library must be named in a plain string', async () => {
    const r = await run("const name = 'lod' + 'ash';\nreturn require(name);", { lodash: lodashMin });
    expect(r.error?.message).toContain(
      "Module 'lodash' is allowed by the host, but is sent into the sandbox only when the code names it in a plain string",
    );
  });

  it('fails the node, naming the library, when its loader fails', async () => {
    const r = await run("require('broken');", {
      broken: () => {
        throw new Error('disk gone');
      },
    });
    expect(r.error?.code).toBe('CODE_LIBRARY_UNAVAILABLE');
    expect(r.error?.message).toBe("Code node 'Parse': the library 'broken' could not be loaded: disk gone.");
  });

  it('reports an error thrown while a library loads at the line of the require', async () => {
    const r = await run("const a = 1;\nconst b = require('bad');", { bad: "throw new TypeError('bad library');" });
    expect(r.error?.message).toMatch(/^Code node 'Parse' failed: TypeError: bad library \(line 2, column \d+\)\.$/);
  });
});

describe('Code node limits apply to library code', () => {
  it('stops a library that never finishes loading at the deadline', async () => {
    const r = await run("require('spin');", { spin: 'for (;;) {}' }, [{}], { timeoutMs: 300 });
    expect(r.error?.code).toBe('CODE_TIMEOUT');
    expect(r.error?.message).toBe("Code node 'Parse' exceeded its 300 ms limit.");
  });

  it('stops lodash running past the deadline', async () => {
    const r = await run("const _ = require('lodash');\nlet n = 0;\n_.times(1e10, () => n++);", { lodash: lodashMin }, [{}], {
      timeoutMs: 300,
    });
    expect(r.error?.code).toBe('CODE_TIMEOUT');
  });

  it('stops lodash allocating past the memory limit', async () => {
    const r = await run("const _ = require('lodash');\nreturn { n: _.range(5e7).length };", { lodash: lodashMin }, [{}], { memoryMb: 16 });
    expect(r.error?.code).toBe('CODE_MEMORY');
    expect(r.error?.message).toBe("Code node 'Parse' ran out of memory: it exceeded its 16 MiB limit.");
  });
});

describe('nodeModuleLibrary', () => {
  it('refuses a package that is not installed, and a file outside the package', () => {
    expect(() => nodeModuleLibrary('no-such-package-anywhere')).toThrow("the package 'no-such-package-anywhere' is not installed");
    expect(() => nodeModuleLibrary('lodash', { file: '../luxon/package.json' })).toThrow("is outside the package 'lodash'");
    expect(() => nodeModuleLibrary('lodash', { file: 'nope.js' })).toThrow("the package 'lodash' has no file 'nope.js'");
  });
});

describe('libraries in isolated executions', () => {
  it('reach Code nodes in an execution worker', async () => {
    const engine = createNodeEngine({ isolation: 'worker', logger: silentLogger, codeLibraries: { lodash: lodashMin } });
    try {
      const execution = await engine.run(
        engine.parseWorkflow(workflow("const _ = require('lodash');\nreturn { out: _.kebabCase('Isolated Run') };")),
      );
      expect(execution.nodes.c![0]!.output.main?.map((i) => i.json)).toEqual([{ out: lodash.kebabCase!('Isolated Run') }]);
    } finally {
      await engine.close();
    }
  });
});
