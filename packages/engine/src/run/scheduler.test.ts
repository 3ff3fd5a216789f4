import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';

const START = Date.UTC(2026, 0, 1, 0, 0, 0); // a Thursday, winter time in Europe

function setup(parameters: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  const clock = createTestClock({ start: START });
  const engine = createEngine({ clock });
  const runs: Execution[] = [];
  engine.on('executionFinish', (e) => runs.push(e.execution));
  const workflow = buildWorkflow({
    id: 'sched',
    nodes: [
      { id: 'tick', name: 'Every morning', type: 'core.scheduleTrigger', parameters },
      { id: 'after', type: 'core.noOp' },
    ],
    connections: [['tick', 'after']],
    settings,
  });
  return { clock, engine, runs, workflow };
}

/** Waits for the runs started by fired timers to finish. */
const settle = (engine: Engine) => engine.idle();
const ticks = (runs: Execution[]) => runs.map((r) => r.nodes.tick![0]!.output.main![0]!.json.timestamp);

describe('scheduler', () => {
  it('fires an interval schedule every interval while started', async () => {
    const { clock, engine, runs, workflow } = setup({ mode: 'interval', interval: 1, unit: 'minutes' });
    await engine.activate(workflow);
    await engine.startScheduler();
    clock.advance(59_999);
    await settle(engine);
    expect(runs).toHaveLength(0);
    clock.advance(1);
    await settle(engine);
    clock.advance(60_000);
    await settle(engine);
    expect(ticks(runs)).toEqual(['2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z']);
    expect(runs[0]!.mode).toBe('schedule');
    expect(runs[0]!.status).toBe('success');
    engine.stopScheduler();
  });

  it('fires a 5-field cron expression in its time zone', async () => {
    const { clock, engine, runs, workflow } = setup({ mode: 'cron', cronExpression: '0 9 * * *', timezone: 'Europe/Paris' });
    await engine.activate(workflow);
    await engine.startScheduler();
    clock.advance(8 * 3_600_000 - 1);
    await settle(engine);
    expect(runs).toHaveLength(0);
    clock.advance(1);
    await settle(engine);
    expect(ticks(runs)).toEqual(['2026-01-01T08:00:00.000Z']);
    expect(runs[0]!.nodes.tick![0]!.output.main![0]!.json).toMatchObject({ timezone: 'Europe/Paris', cronExpression: '0 9 * * *' });
    engine.stopScheduler();
  });

  it("uses the workflow's time zone when the node sets none, and 6-field expressions with seconds", async () => {
    const a = setup({ mode: 'cron', cronExpression: '0 0 9 * * *' }, { timezone: 'America/New_York' });
    await a.engine.activate(a.workflow);
    await a.engine.startScheduler();
    clock24(a.clock);
    await settle(a.engine);
    expect(ticks(a.runs)).toEqual(['2026-01-01T14:00:00.000Z']);
    a.engine.stopScheduler();

    const b = setup({ mode: 'cron', cronExpression: '*/20 * * * * *' });
    await b.engine.activate(b.workflow);
    await b.engine.startScheduler();
    b.clock.advance(20_000);
    await settle(b.engine);
    b.clock.advance(20_000);
    await settle(b.engine);
    expect(ticks(b.runs)).toEqual(['2026-01-01T00:00:20.000Z', '2026-01-01T00:00:40.000Z']);
    b.engine.stopScheduler();
  });

  it('fires a tick missed while stopped once when started again, never twice', async () => {
    const { clock, engine, runs, workflow } = setup({ mode: 'cron', cronExpression: '*/5 * * * *' });
    await engine.activate(workflow);
    await engine.startScheduler();
    clock.advance(5 * 60_000);
    await settle(engine);
    expect(runs).toHaveLength(1);
    engine.stopScheduler();
    clock.advance(17 * 60_000); // 00:22: ticks at 10, 15 and 20 were missed
    await settle(engine);
    expect(runs).toHaveLength(1);
    await engine.startScheduler();
    await settle(engine);
    expect(ticks(runs)).toEqual(['2026-01-01T00:05:00.000Z', '2026-01-01T00:20:00.000Z']);
    engine.stopScheduler();
    await engine.startScheduler(); // stopping and starting again at once replays nothing
    await settle(engine);
    expect(runs).toHaveLength(2);
    clock.advance(3 * 60_000);
    await settle(engine);
    expect(ticks(runs).at(-1)).toBe('2026-01-01T00:25:00.000Z');
    expect(runs).toHaveLength(3);
    engine.stopScheduler();
  });

  it('stops firing when the workflow is deactivated', async () => {
    const { clock, engine, runs, workflow } = setup({ mode: 'interval', interval: 10, unit: 'seconds' });
    await engine.activate(workflow);
    await engine.startScheduler();
    engine.deactivate('sched');
    clock.advance(60_000);
    await settle(engine);
    expect(runs).toHaveLength(0);
    engine.stopScheduler();
  });

  it('refuses bad schedules on activation, naming the node and parameter', async () => {
    const bad = async (parameters: Record<string, unknown>) => {
      const { engine, workflow } = setup(parameters);
      return engine.activate(workflow).then(
        () => 'activated',
        (e: Error) => e.message,
      );
    };
    expect(await bad({ mode: 'cron' })).toContain(
      "node 'Every morning' (Schedule Trigger): parameter 'cronExpression' is required when mode is \"cron\"",
    );
    expect(await bad({ mode: 'cron', cronExpression: '* * *' })).toContain("parameter 'cronExpression' must have 5 fields");
    expect(await bad({ mode: 'cron', cronExpression: '99 * * * *' })).toContain(
      "Node 'Every morning': parameter 'cronExpression' is not a valid schedule",
    );
    expect(await bad({ mode: 'cron', cronExpression: '* * * * *', timezone: 'Mars/Olympus' })).toContain(
      "parameter 'timezone' must be an IANA time zone",
    );
    expect(await bad({ mode: 'interval', interval: -1 })).toContain("parameter 'interval'");
  });

  it('emits one item with the time in a manual run', async () => {
    const { engine, workflow } = setup({});
    const e = await engine.run(workflow);
    expect(e.nodes.tick![0]!.output.main![0]!.json.timestamp).toBe('2026-01-01T00:00:00.000Z');
  });
});

function clock24(clock: { advance(ms: number): void }) {
  for (let h = 0; h < 24; h++) clock.advance(3_600_000);
}
