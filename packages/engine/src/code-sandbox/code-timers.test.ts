import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Clock, type Execution } from '@flowloom/engine';
import { importN8nWorkflow } from '@flowloom/engine/n8n';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';

// Timers in the Code node (setTimeout, setInterval and their clear functions), run in QuickJS in a worker
// and driven by the engine's clock. The expected behaviour is Node's (nodejs.org/api/timers.html), which
// n8n's Code node runs on: timers fire by due time, those due together in the order they were set, extra
// arguments go to the callback, a delay below 1 ms is 1 ms, and a cleared timer never fires.

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function engineWith(clock: Clock, code: { waitMs?: number; timeoutMs?: number } = {}) {
  return createEngine({ codeSandbox: sandbox, clock, logger: silentLogger, limits: { code } });
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

const outputOf = (execution: Execution) => execution.nodes.code?.[0]?.output.main?.map((item) => item.json);
const errorOf = (execution: Execution) => execution.nodes.code?.[0]?.error;

describe('timers in the Code node', () => {
  it("waits for setTimeout on the engine's clock: the corpus's 5-second wait ends when the clock reaches it", async () => {
    // The legacy Function node of Manual/0074_Manual_HTTP_Monitor_Webhook.json, as exported.
    const { workflow } = importN8nWorkflow({
      name: 'Wait 5 seconds',
      nodes: [
        { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          name: 'Wait',
          type: 'n8n-nodes-base.function',
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            functionCode: 'return new Promise((resolve, reject) => {\n      setTimeout(() => { resolve([{ json: {} }]) }, 5000);\n    })\n',
          },
        },
      ],
      connections: { Start: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] } },
    });
    const { clock, held } = holdingClock(5000);
    const engine = engineWith(clock);
    let finished = false;
    const run = engine.run(workflow!).then((execution) => ((finished = true), execution));
    const timer = await held;
    expect(finished).toBe(false);
    timer.fire();
    const execution = await run;
    expect(execution.status).toBe('success');
    const wait = Object.values(execution.nodes)
      .flatMap((runs) => runs)
      .find((r) => r.nodeName === 'Wait');
    expect(wait?.output.main).toEqual([{ json: {} }]);
    await engine.close();
  });

  it('fires timers by due time, those due together in the order they were set, with their extra arguments', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(
      codeWorkflow(`
        const seen = [];
        await new Promise((resolve) => {
          setTimeout((a, b) => seen.push('b' + a + b), 20, 1, 2);
          setTimeout(() => seen.push('a'), 10);
          setTimeout(() => seen.push('c'), 20);
          setTimeout(() => seen.push('zero'), 0);
          setTimeout(resolve, 30);
        });
        return [{ seen }];`),
    );
    expect(execution.status).toBe('success');
    expect(outputOf(execution)).toEqual([{ seen: ['zero', 'a', 'b12', 'c'] }]);
    await engine.close();
  });

  it('never fires a cleared timer, and repeats an interval until it is cleared', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(
      codeWorkflow(`
        const ticks = [];
        const never = setTimeout(() => ticks.push('cleared'), 5);
        clearTimeout(never);
        await new Promise((resolve) => {
          const every = setInterval(() => {
            ticks.push(ticks.length);
            if (ticks.length === 3) { clearInterval(every); resolve(); }
          }, 100);
        });
        return [{ ticks }];`),
    );
    expect(outputOf(execution)).toEqual([{ ticks: [0, 1, 2] }]);
    await engine.close();
  });

  it('refuses code given as a string instead of a function, naming the line', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(codeWorkflow(`\nsetTimeout("items.push(1)", 10);\nreturn [];`));
    expect(execution.status).toBe('error');
    expect(errorOf(execution)?.message).toMatch(
      /^Code node 'Code' failed: TypeError: setTimeout needs a function to call, got string \(code given as a string is not run\) \(line 2, /,
    );
    await engine.close();
  });

  it('allows at most 100 pending timers', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(codeWorkflow(`for (let i = 0; i <= 100; i++) setTimeout(() => {}, 10);\nreturn [];`));
    expect(errorOf(execution)?.message).toMatch(
      /^Code node 'Code' failed: RangeError: setTimeout: 100 timers are already pending, the most a Code node may have/,
    );
    await engine.close();
  });

  it('fails at once, without waiting, when its timers would wait past the limit for timers', async () => {
    const clock = createTestClock({ start: START, autoAdvance: true });
    const engine = engineWith(clock, { waitMs: 1000 });
    const execution = await engine.run(
      codeWorkflow(`await new Promise((r) => setTimeout(r, 600)); await new Promise((r) => setTimeout(r, 600)); return [];`),
    );
    // The first wait ran on the clock (600 ms), the second would end past 1 s.
    expect(clock.now()).toBe(START + 600);
    expect(errorOf(execution)?.code).toBe('CODE_TIMERS');
    expect(errorOf(execution)?.message).toBe(
      "Code node 'Code' waited on its timers past its 1 s limit for timers (its timers would wait 1200 ms, past its 1000 ms limit for timers).",
    );
    await engine.close();
  });

  it('fails with the error a timer callback throws', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(
      codeWorkflow(`await new Promise(() => setTimeout(() => { throw new Error('late failure'); }, 10));\nreturn [];`),
    );
    expect(errorOf(execution)?.message).toMatch(/^Code node 'Code' failed: late failure \(line 1, /);
    await engine.close();
  });

  it('says so when the code awaits a promise no timer will settle', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }));
    const execution = await engine.run(codeWorkflow(`setTimeout(() => {}, 10);\nawait new Promise(() => {});\nreturn [];`));
    expect(errorOf(execution)?.message).toMatch(/awaits something that never finishes \(no timer is pending/);
    await engine.close();
  });

  it('counts the time every timer callback runs against the time limit', async () => {
    const engine = engineWith(createTestClock({ start: START, autoAdvance: true }), { timeoutMs: 300 });
    const execution = await engine.run(
      codeWorkflow(`await new Promise(() => setInterval(() => { const end = Date.now() + 50; while (Date.now() < end); }, 1000));`),
    );
    expect(errorOf(execution)?.code).toBe('CODE_TIMEOUT');
    await engine.close();
  });

  it("stops waiting when the run is cancelled, leaving no timer on the engine's clock", async () => {
    const { clock, held } = holdingClock(30000);
    const engine = engineWith(clock);
    const abort = new AbortController();
    const run = engine.run(codeWorkflow(`await new Promise((r) => setTimeout(r, 30000)); return [];`), { signal: abort.signal });
    const timer = await held;
    abort.abort();
    const execution = await run;
    expect(execution.status).toBe('canceled');
    expect(timer.cancelled).toBe(true);
    await engine.close();
  });
});
