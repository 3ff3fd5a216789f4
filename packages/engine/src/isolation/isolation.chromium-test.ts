// Whole-execution isolation in real Chromium: executions in module Web
// Workers, Code nodes one level down, a runaway node ended by the watchdog.
import { createEngine, createWebExecutionIsolation, silentLogger, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function after(body: () => Promise<unknown> | unknown): void;
declare const location: { href: string; hostname: string };

const isolation = createWebExecutionIsolation();
const engine = createEngine({
  isolation,
  nodeModules: [new URL('./fixtures/spin-nodes.mjs', import.meta.url).href],
  logger: silentLogger,
});

function chain(type: string, parameters: Record<string, unknown> = {}): Workflow {
  return engine.parseWorkflow(
    buildWorkflow({
      id: 'wf-iso',
      name: 'Isolated',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        { id: 'n', name: 'Step', type, parameters },
      ],
      connections: [['t', 'n']],
    }),
  );
}

// Credentials, waits and the rest that cross the bridge. The page's dev server is on loopback: allow it.
const services = createEngine({
  isolation,
  nodeModules: [new URL('./fixtures/web-services-nodes.mjs', import.meta.url).href],
  logger: silentLogger,
  http: { allowPrivateNetworks: true },
});

function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

describe('whole-execution isolation (Chromium)', () => {
  after(() => isolation.close());

  it('runs an execution with a Code node in a worker and stores it in the page', async () => {
    const execution = await engine.run(chain('core.code', { code: 'return [{ n: $input.first().json.n * 2 }];' }), {
      input: [{ json: { n: 21 } }],
    });
    check(execution.status === 'success', `status ${execution.status}: ${execution.error?.message}`);
    check(execution.nodes.n?.[0]?.output.main?.[0]?.json.n === 42, JSON.stringify(execution.nodes.n));
    const stored = await engine.storage.executions.get('default', execution.id);
    check(stored?.status === 'success', `stored status ${stored?.status}`);
  });

  it('ends an execution that never yields and keeps the page alive', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const execution = await engine.run(chain('fixture.spin'), { timeoutMs: 300 });
    clearInterval(timer);
    check(execution.status === 'error', `status ${execution.status}`);
    check(execution.error?.code === 'EXECUTION_TIMEOUT', `code ${execution.error?.code}`);
    check(ticks > 5, `the page's timers ran ${ticks} times`);
  });

  it('signs a request with a credential on the page and reads the answer in the worker', async () => {
    await services.credentials.create({
      id: 'key',
      name: 'Dev server',
      type: 'apiKey',
      data: { key: 'web-secret-123', name: 'X-Api-Key', allowedDomains: [location.hostname] },
    });
    const wf = services.parseWorkflow(
      buildWorkflow({
        id: 'wf-cred',
        name: 'Credential',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger' },
          {
            id: 'n',
            name: 'Fetch',
            type: 'core.httpRequest',
            parameters: { url: new URL('/package.json', location.href).href },
            credentials: { auth: 'key' },
          },
        ],
        connections: [['t', 'n']],
      }),
    );
    const execution = await services.run(wf);
    check(execution.status === 'success', `status ${execution.status}: ${execution.error?.message}`);
    check(typeof execution.nodes.n?.[0]?.output.main?.[0]?.json.name === 'string', JSON.stringify(execution.nodes.n));
    const audit = await services.credentials.auditTrail({ executionId: execution.id });
    check(audit.length === 1 && audit[0]?.nodeName === 'Fetch', JSON.stringify(audit));
  });

  it('resumes a waiting execution in a worker', async () => {
    const wf = services.parseWorkflow(
      buildWorkflow({
        id: 'wf-wait',
        name: 'Wait',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger' },
          { id: 'w', name: 'Wait', type: 'core.wait', parameters: { resume: 'webhook' } },
          { id: 'n', name: 'Where', type: 'web.where' },
        ],
        connections: [
          ['t', 'w'],
          ['w', 'n'],
        ],
      }),
    );
    const waiting = await services.run(wf);
    check(waiting.status === 'waiting', `status ${waiting.status}: ${waiting.error?.message}`);
    const resumed = await services.resume(waiting.id, { item: { json: { ok: 1 } } });
    check(resumed.status === 'success', `status ${resumed.status}: ${resumed.error?.message}`);
    const json = resumed.nodes.n?.[0]?.output.main?.[0]?.json;
    check(json?.ok === 1 && json.inWorker === true, JSON.stringify(json));
  });
});
