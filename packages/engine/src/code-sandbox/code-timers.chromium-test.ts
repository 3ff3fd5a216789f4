// Timers in the Code node in real Chromium: the QuickJS sandbox in a module Web Worker, driven by the built
// engine, its timers waiting on the engine's clock as in Node (see code-timers.test.ts for the behaviour's source).
// Run with @web/test-runner (see web-test-runner.config.mjs).
import { createEngine, createWebWorkerSandbox, silentLogger, type Clock, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '../testing/build-workflow.js';
import { createTestClock } from '../testing/test-clock.js';

// Mocha's globals, as @web/test-runner provides them.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function after(body: () => Promise<unknown> | unknown): void;

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const sandbox = createWebWorkerSandbox();

function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

/** A simulated clock that holds back the one timer of `ms` (the code's), until the test fires it. */
function holdingClock(ms: number) {
  const inner = createTestClock({ start: START, autoAdvance: true });
  let arm: (timer: { fire: () => void; cancelled: boolean }) => void = () => {};
  const held = new Promise<{ fire: () => void; cancelled: boolean }>((resolve) => (arm = resolve));
  const clock: Clock = {
    now: () => inner.now(),
    setTimer(delay, fn) {
      if (delay !== ms) return inner.setTimer(delay, fn);
      const timer = { fire: fn, cancelled: false };
      arm(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return { clock, held };
}

function codeWorkflow(code: string) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'code', name: 'Code', type: 'core.code', parameters: { code } },
    ],
    connections: [['start', 'code']],
  });
}

const outputOf = (execution: Execution) => JSON.stringify(execution.nodes.code?.[0]?.output.main?.map((item) => item.json));

describe('timers in the Code node (Chromium)', () => {
  after(() => sandbox.close());

  it('fires timers by due time, those due together in the order they were set, with their extra arguments', async () => {
    const engine = createEngine({
      codeSandbox: sandbox,
      logger: silentLogger,
      clock: createTestClock({ start: START, autoAdvance: true }),
    });
    const execution = await engine.run(
      codeWorkflow(`
        const seen = [];
        await new Promise((resolve) => {
          setTimeout((a, b) => seen.push('b' + a + b), 20, 1, 2);
          setTimeout(() => seen.push('a'), 10);
          const never = setTimeout(() => seen.push('cleared'), 15);
          clearTimeout(never);
          setTimeout(() => seen.push('c'), 20);
          setTimeout(resolve, 30);
        });
        return [{ seen }];`),
    );
    check(outputOf(execution) === '[{"seen":["a","b12","c"]}]', `output ${outputOf(execution)}`);
  });

  it("waits for setTimeout until the engine's clock fires it", async () => {
    const { clock, held } = holdingClock(5000);
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, clock });
    let finished = false;
    const run = engine
      .run(codeWorkflow(`return new Promise((resolve) => setTimeout(() => resolve([{ waited: true }]), 5000));`))
      .then((execution) => ((finished = true), execution));
    const timer = await held;
    check(!finished, 'the run finished before its timer fired');
    timer.fire();
    const execution = await run;
    check(outputOf(execution) === '[{"waited":true}]', `output ${outputOf(execution)}`);
  });

  it('stops waiting when the run is cancelled, cancelling the timer on the clock', async () => {
    const { clock, held } = holdingClock(30000);
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, clock });
    const abort = new AbortController();
    const run = engine.run(codeWorkflow(`await new Promise((r) => setTimeout(r, 30000)); return [];`), { signal: abort.signal });
    const timer = await held;
    abort.abort();
    const execution = await run;
    check(execution.status === 'canceled', `status ${execution.status}`);
    check(timer.cancelled, 'the timer is still set on the clock');
  });
});
