// The page side of the IndexedDB kill test: bundled with the engine and the adapter, served from 127.0.0.1.
import { createEngine, createMemoryStorage, defineNode, silentLogger, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { z } from 'zod';
import { openIndexedDbStorage } from '../indexeddb/index.js';

const page = globalThis as unknown as Record<string, unknown> & {
  localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
};

/** Adds to n; counts its real runs in localStorage, which outlives the tab. */
const step = defineNode({
  type: 'crash.step',
  version: 1,
  displayName: 'Step',
  description: 'Test helper: adds to n, counting runs.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ add: z.number() }),
  execute(ctx) {
    page.localStorage.setItem('runs', `${page.localStorage.getItem('runs') ?? ''}${ctx.node.id},`);
    return ctx.input().map((item) => ({ json: { ...item.json, n: Number(item.json['n']) + ctx.params().add } }));
  },
});

/** While localStorage `hang` is set, signals and never finishes: the test crashes the tab then. */
const gate = defineNode({
  type: 'crash.gate',
  version: 1,
  displayName: 'Gate',
  description: 'Test helper: signals, then waits forever while a flag is set.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  async execute(ctx) {
    page.localStorage.setItem('runs', `${page.localStorage.getItem('runs') ?? ''}${ctx.node.id},`);
    if (page.localStorage.getItem('hang') === 'yes') {
      page['atGate'] = true;
      await new Promise(() => {});
    }
    return ctx.input();
  },
});

const workflow = buildWorkflow({
  id: 'crash',
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'a', type: 'crash.step', parameters: { add: 1 } },
    { id: 'b', type: 'crash.step', parameters: { add: 10 } },
    { id: 'gate', type: 'crash.gate' },
    { id: 'c', type: 'crash.step', parameters: { add: 100 } },
  ],
  connections: [
    ['start', 'a'],
    ['a', 'b'],
    ['b', 'gate'],
    ['gate', 'c'],
  ],
});
const input = [{ json: { n: 0 } }, { json: { n: 5 } }];
const nodeTypes = [step, gate];
const output = (e: Execution | undefined) => e?.nodes['c']?.[0]?.output['main']?.map((i) => i.json);

/** Starts a run that stops at the gate. */
page['startRun'] = async () => {
  page.localStorage.setItem('hang', 'yes');
  const storage = await openIndexedDbStorage('crash-test');
  void createEngine({ storage, nodeTypes, logger: silentLogger }).run(workflow, { mode: 'webhook', input });
};

/** After the crash: recovery, the stored execution, the retry and an uninterrupted reference run. */
page['recover'] = async () => {
  page.localStorage.setItem('hang', 'no');
  const runsBefore = page.localStorage.getItem('runs');
  const storage = await openIndexedDbStorage('crash-test');
  const engine = createEngine({ storage, nodeTypes, logger: silentLogger });
  const report = await engine.executions.recovered;
  const id = report.crashed[0]?.executionId ?? '';
  const crashed = await storage.executions.get('default', id);
  const retried = await engine.executions.retry(id);
  const reference = await createEngine({ storage: createMemoryStorage(), nodeTypes, logger: silentLogger }).run(workflow, { input });
  await storage.close();
  return {
    crashedCount: report.crashed.length,
    status: crashed?.status,
    storedNodes: Object.keys(crashed?.nodes ?? {}).sort(),
    storedB: crashed?.nodes['b']?.[0]?.output['main']?.map((i) => i.json['n']),
    runsBefore,
    runsAfter: page.localStorage.getItem('runs'),
    retried: { status: retried.status, retryOf: retried.retryOf, reused: ['start', 'a', 'b'].map((n) => retried.nodes[n]?.[0]?.reused) },
    output: output(retried),
    reference: output(reference),
  };
};
page['pageReady'] = true;
