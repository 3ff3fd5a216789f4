// Whole-execution isolation in real Chromium: executions in module Web
// Workers, Code nodes one level down, a runaway node ended by the watchdog.
import { createEngine, createWebExecutionIsolation, silentLogger, type Workflow } from '@flowloom/engine';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function after(body: () => Promise<unknown> | unknown): void;

const isolation = createWebExecutionIsolation();
const engine = createEngine({
  isolation,
  nodeModules: [new URL('./fixtures/spin-nodes.mjs', import.meta.url).href],
  logger: silentLogger,
});

function chain(type: string, parameters: Record<string, unknown> = {}): Workflow {
  return engine.parseWorkflow({
    schemaVersion: 1,
    id: 'wf-iso',
    name: 'Isolated',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
      { id: 'n', name: 'Step', type, typeVersion: 1, position: { x: 200, y: 0 }, parameters },
    ],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: 'n', port: 'main' } }],
    settings: {},
  });
}

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
});
