// The security table in real Chromium: the Code node's QuickJS sandbox in a
// module Web Worker, driven by the built engine as a page would use it.
// Run with @web/test-runner (see web-test-runner.config.mjs).
import { createEngine, createWebWorkerSandbox, defineNode, silentLogger, type Workflow } from '@flowloom/engine';
import { expressionCases, securityCases } from './security-cases.js';

// Mocha's globals, as @web/test-runner provides them.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function after(body: () => Promise<unknown> | unknown): void;

const sandbox = createWebWorkerSandbox();
/** Emits the resolved value of its `value` parameter: a probe for expressions. */
const echo = defineNode({
  type: 'security.echo',
  version: 1,
  displayName: 'Echo',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  execute: (ctx) => [{ json: { value: ctx.params(0).value } }],
});
const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, nodeTypes: [echo] });

function workflow(code: string, extra: Record<string, unknown> = {}): Workflow {
  return engine.parseWorkflow({
    schemaVersion: 1,
    id: 'wf-security',
    name: 'Security',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
      { id: 'c', name: 'Code', type: 'core.code', typeVersion: 1, position: { x: 200, y: 0 }, parameters: { code, ...extra } },
    ],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: 'c', port: 'main' } }],
    settings: {},
  });
}

function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

describe('Code node security table (Chromium)', () => {
  after(() => sandbox.close());

  it('has at least 30 cases', () => {
    check(securityCases.length >= 30, `only ${securityCases.length} cases`);
  });

  for (const c of securityCases) {
    it(c.name, async () => {
      if (c.before) await engine.run(workflow(c.before.code), { tenantId: c.before.tenantId ?? c.tenantId ?? 'default' });
      const execution = await engine.run(workflow(c.code, { mode: c.mode ?? 'allItems', ...c.limits }), {
        tenantId: c.tenantId ?? 'default',
        input: c.input ?? [{ json: { n: 1 } }],
      });
      const run = execution.nodes.c![0]!;
      if (c.expect.status === 'success') {
        check(!run.error, `unexpected error: ${run.error?.message}`);
        const got = JSON.stringify(run.output.main?.map((i) => i.json));
        check(got === JSON.stringify(c.expect.json), `output ${got}`);
      } else {
        check(run.status === 'error', `expected a failure, got ${run.status}`);
        check(c.expect.codes.includes(run.error?.code ?? ''), `code ${run.error?.code}: ${run.error?.message}`);
        check(run.error?.message.startsWith("Code node 'Code' "), `message ${run.error?.message}`);
        if (c.expect.message) check(run.error?.message.includes(c.expect.message), `message ${run.error?.message}`);
      }
      // Nothing reached the page.
      check(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype was polluted');
      check((globalThis as Record<string, unknown>).leak === undefined, 'a global leaked into the page');
      check(Object.getPrototypeOf(run.output.main?.[0]?.json ?? {}) === Object.prototype, 'an output object has another prototype');
    });
  }

  it('keeps the page responsive while a Code node spins', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await engine.run(workflow('for (;;) {}', { timeoutMs: 300 }), { input: [{ json: {} }] });
    clearInterval(timer);
    check(ticks > 5, `the page's timers ran ${ticks} times during the run`);
  });
});

describe('expression security table (Chromium)', () => {
  for (const c of expressionCases) {
    it(c.name, async () => {
      const workflow = engine.parseWorkflow({
        schemaVersion: 1,
        id: 'wf-expr',
        name: 'Expressions',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
          { id: 'e', name: 'Echo', type: 'security.echo', typeVersion: 1, position: { x: 200, y: 0 }, parameters: { value: c.template } },
        ],
        connections: [{ from: { node: 't', port: 'main' }, to: { node: 'e', port: 'main' } }],
        settings: {},
      });
      const execution = await engine.run(workflow, { input: c.input ?? [{ json: {} }] });
      const run = execution.nodes.e![0]!;
      if (c.expect.status === 'success') {
        check(!run.error, `unexpected error: ${run.error?.message}`);
        check(
          JSON.stringify(run.output.main?.[0]?.json.value) === JSON.stringify(c.expect.value),
          `value ${JSON.stringify(run.output.main?.[0]?.json)}`,
        );
      } else {
        check(c.expect.codes.includes(run.error?.code ?? ''), `code ${run.error?.code}: ${run.error?.message}`);
      }
    });
  }
});
