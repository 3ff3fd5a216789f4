// n8n's workflow static data in the Code node. The oracle is n8n's documentation of getWorkflowStaticData
// (docs.n8n.io, "getWorkflowStaticData"): an object the code reads, sets and deletes properties of; `global` is
// shared by every node of the workflow, `node` is one node's own; n8n saves it when it changed, after runs that are
// not manual tests of the workflow.
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Engine, type Execution, type ExecutionMode, type Workflow } from '@flowloom/engine';
import { createNodeCodeSandbox, createNodeExecutionIsolation } from '@flowloom/engine/node';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';

const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
afterAll(() => sandbox.close());

const COUNTER =
  "const data = $getWorkflowStaticData('global');\ndata.count = (data.count ?? 0) + 1;\nreturn [{ json: { count: data.count } }];";

/** Start -> the Code nodes, one after the other; `codes` maps node ids to code. */
function workflow(codes: Record<string, string>, mode = 'allItems'): Workflow {
  const ids = Object.keys(codes);
  return buildWorkflow({
    id: 'wf-static',
    name: 'Static data',
    nodes: [
      { id: 'start', name: 'Start', type: 'core.manualTrigger' },
      ...ids.map((id) => ({ id, name: `Code ${id}`, type: 'core.code', parameters: { mode, code: codes[id] } })),
    ],
    connections: ids.map((id, i): [string, string] => [i === 0 ? 'start' : ids[i - 1]!, id]),
  });
}

function engineWith(): Engine {
  return createEngine({ codeSandbox: sandbox, logger: silentLogger });
}

/** Runs the workflow as a trigger would start it (not a manual test), and answers the node's output JSON. */
async function runAs(engine: Engine, wf: Workflow, mode: ExecutionMode = 'trigger', input = [{ json: {} }]): Promise<Execution> {
  return engine.run(wf, { mode, startNode: 'start', input });
}

const jsonOf = (execution: Execution, id: string) => execution.nodes[id]?.[0]?.output.main?.map((i) => i.json);
const kept = (engine: Engine, key: string) => engine.storage.keyValue!.get('default', 'workflow.staticData:wf-static', key);

describe('$getWorkflowStaticData in the Code node', () => {
  it('keeps a counter across two scheduled runs of an active workflow', async () => {
    const clock = createTestClock({ start: Date.UTC(2026, 0, 1) });
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, clock });
    const runs: Execution[] = [];
    engine.on('executionFinish', (e) => runs.push(e.execution));
    const wf = buildWorkflow({
      id: 'wf-static',
      nodes: [
        { id: 'tick', name: 'Every minute', type: 'core.scheduleTrigger', parameters: { mode: 'interval', interval: 1, unit: 'minutes' } },
        { id: 'count', name: 'Count', type: 'core.code', parameters: { code: COUNTER } },
      ],
      connections: [['tick', 'count']],
    });
    await engine.activate(wf);
    await engine.startScheduler();
    clock.advance(60_000);
    await engine.idle();
    clock.advance(60_000);
    await engine.idle();
    engine.stopScheduler();
    expect(runs.map((r) => [r.mode, r.status])).toEqual([
      ['schedule', 'success'],
      ['schedule', 'success'],
    ]);
    expect(runs.map((r) => jsonOf(r, 'count'))).toEqual([[{ count: 1 }], [{ count: 2 }]]);
    expect(await kept(engine, 'global')).toEqual({ count: 2 });
  });

  it("gives every node the same 'global' object and each node its own 'node' object", async () => {
    const engine = engineWith();
    const code = (mark: string) =>
      "const g = $getWorkflowStaticData('global'); const mine = $getWorkflowStaticData('node');\n" +
      `g.visits = (g.visits ?? 0) + 1; mine.runs = (mine.runs ?? 0) + 1; mine.mark = '${mark}';\n` +
      'return [{ json: { visits: g.visits, mine: { ...mine } } }];';
    const wf = workflow({ a: code('a'), b: code('b') });
    await runAs(engine, wf);
    const second = await runAs(engine, wf);
    expect(jsonOf(second, 'a')).toEqual([{ visits: 3, mine: { runs: 2, mark: 'a' } }]);
    expect(jsonOf(second, 'b')).toEqual([{ visits: 4, mine: { runs: 2, mark: 'b' } }]);
    expect(await kept(engine, 'global')).toEqual({ visits: 4 });
    expect(await kept(engine, 'node:a')).toEqual({ runs: 2, mark: 'a' });
    expect(await kept(engine, 'node:b')).toEqual({ runs: 2, mark: 'b' });
  });

  it('keeps deleted properties deleted', async () => {
    const engine = engineWith();
    await runAs(engine, workflow({ c: "const d = $getWorkflowStaticData('global'); d.a = 1; d.b = 2; return [];" }));
    await runAs(engine, workflow({ c: "delete $getWorkflowStaticData('global').a; return [];" }));
    expect(await kept(engine, 'global')).toEqual({ b: 2 });
  });

  it('keeps nothing from a run whose code throws', async () => {
    const engine = engineWith();
    const wf = workflow({
      c: `${COUNTER.replace(/\nreturn .*$/, '')}\nif ($json.fail) throw new Error('stop');\nreturn [{ json: { count: data.count } }];`,
    });
    expect(jsonOf(await runAs(engine, wf), 'c')).toEqual([{ count: 1 }]);
    const failed = await runAs(engine, wf, 'trigger', [{ json: { fail: true } }]);
    expect(failed.status).toBe('error');
    expect(failed.error?.message).toContain('stop');
    expect(await kept(engine, 'global')).toEqual({ count: 1 });
    expect(jsonOf(await runAs(engine, wf), 'c')).toEqual([{ count: 2 }]);
  });

  it('keeps nothing from a run whose code returns what a node may not return', async () => {
    const engine = engineWith();
    await runAs(engine, workflow({ c: "$getWorkflowStaticData('global').seen = true; return 42;" }));
    expect(await kept(engine, 'global')).toBeUndefined();
  });

  it('lets a manual run read what runs kept, and keeps nothing of its own changes', async () => {
    const engine = engineWith();
    const wf = workflow({ c: COUNTER });
    await runAs(engine, wf);
    const manual = await engine.run(wf);
    expect(manual.mode).toBe('manual');
    expect(jsonOf(manual, 'c')).toEqual([{ count: 2 }]);
    expect(await kept(engine, 'global')).toEqual({ count: 1 });
    expect(jsonOf(await runAs(engine, wf), 'c')).toEqual([{ count: 2 }]);
  });

  it('shares one object across the items of a run once for each item', async () => {
    const engine = engineWith();
    const wf = workflow(
      { c: "const d = $getWorkflowStaticData('node'); d.seen = [...(d.seen ?? []), $json.n]; return { seen: d.seen.length };" },
      'eachItem',
    );
    const run = await runAs(engine, wf, 'webhook', [{ json: { n: 1 } }, { json: { n: 2 } }]);
    expect(jsonOf(run, 'c')).toEqual([{ seen: 1 }, { seen: 2 }]);
    expect(await kept(engine, 'node:c')).toEqual({ seen: [1, 2] });
  });

  it('keeps values as JSON keeps them: a Date as its ISO text, functions and undefined left out', async () => {
    const engine = engineWith();
    const code =
      "const d = $getWorkflowStaticData('global'); d.at = new Date(Date.UTC(2026, 0, 2)); d.fn = () => 1; d.none = undefined; return [];";
    await runAs(engine, workflow({ c: code }));
    expect(await kept(engine, 'global')).toEqual({ at: '2026-01-02T00:00:00.000Z' });
  });

  it('fails the node, naming it and the scope, when the data holds a value JSON cannot hold', async () => {
    const engine = engineWith();
    const run = await runAs(engine, workflow({ c: "const d = $getWorkflowStaticData('node'); d.self = d; return [];" }));
    const error = run.nodes.c![0]!.error;
    expect(error?.code).toBe('CODE_STATIC_DATA_INVALID');
    expect(error?.message).toBe(
      "Code node 'Code c' cannot keep its workflow static data: $getWorkflowStaticData('node') holds a value JSON cannot hold (circular reference). Static data is kept as JSON.",
    );
    expect(await kept(engine, 'node:c')).toBeUndefined();
  });

  it('fails the node when one scope would hold more than 1 MiB of JSON', async () => {
    const engine = engineWith();
    const run = await runAs(engine, workflow({ c: "$getWorkflowStaticData('global').blob = 'x'.repeat(1100000); return [];" }));
    const error = run.nodes.c![0]!.error;
    expect(error?.code).toBe('CODE_STATIC_DATA_TOO_LARGE');
    expect(error?.message).toContain("Code node 'Code c' left 1.0 MiB of JSON in $getWorkflowStaticData('global'), over the 1 MiB limit");
    expect(await kept(engine, 'global')).toBeUndefined();
  });

  it("refuses a scope other than 'global' or 'node'", async () => {
    const run = await runAs(engineWith(), workflow({ c: "$getWorkflowStaticData('workflow'); return [];" }));
    expect(run.nodes.c![0]!.error?.message).toBe(
      "Code node 'Code c' failed: TypeError: $getWorkflowStaticData takes 'global' or 'node', not 'workflow' (line 1, column 23).",
    );
  });

  it('keeps the data in the host storage when the execution runs in an isolated worker', async () => {
    const isolation = createNodeExecutionIsolation({ heapMb: 64 });
    try {
      const engine = createEngine({ isolation, logger: silentLogger });
      const wf = workflow({ c: COUNTER });
      const first = await runAs(engine, wf);
      expect(first.error).toBeUndefined();
      const second = await runAs(engine, wf);
      expect(jsonOf(second, 'c')).toEqual([{ count: 2 }]);
      expect(await kept(engine, 'global')).toEqual({ count: 2 });
    } finally {
      await isolation.close();
    }
  });
});
