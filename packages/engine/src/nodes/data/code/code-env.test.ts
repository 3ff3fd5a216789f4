import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, silentLogger } from '@flowloom/engine';
import { createNodeCodeSandbox, createNodeExecutionIsolation } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';

// $env in the Code node: the values the host passes as `env`, the same that expressions read
// as {{ $env.x }}; read-only; empty when the host passes none.

const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
const isolation = createNodeExecutionIsolation({ heapMb: 64 });
afterAll(() => Promise.all([sandbox.close(), isolation.close()]));

const ENV = { REGION: 'eu-west', LIMITS: { perDay: 10, tags: ['a', 'b'] } };

/** Start -> Set (reads $env.REGION in an expression, as the oracle: `fromExpression`) -> Code (the given code and mode). */
async function run(code: string, options: { mode?: 'allItems' | 'eachItem'; env?: Record<string, unknown> } = {}) {
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, ...(options.env ? { env: options.env } : {}) });
  const workflow = buildWorkflow({
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger' },
      {
        id: 's',
        name: 'Set',
        type: 'core.set',
        parameters: { mode: 'json', json: { n: '{{ $json.n }}', fromExpression: '{{ $env.REGION }}' } },
      },
      { id: 'c', name: 'Code', type: 'core.code', parameters: { code, mode: options.mode ?? 'allItems' } },
    ],
    connections: [
      ['t', 's'],
      ['s', 'c'],
    ],
  });
  const execution = await engine.run(engine.parseWorkflow(workflow), { input: [{ json: { n: 1 } }, { json: { n: 2 } }] });
  const result = execution.nodes.c![0]!;
  return { json: result.output.main?.map((i) => i.json), error: result.error };
}

describe('$env in the Code node', () => {
  it('shows the values the host passes as env, as expressions see them', async () => {
    const code =
      'return [{ json: { region: $env.REGION, fromExpression: $json.fromExpression, perDay: $env.LIMITS.perDay, keys: Object.keys($env) } }];';
    const r = await run(code, { env: ENV });
    expect(r.error).toBeUndefined();
    expect(r.json).toEqual([{ region: 'eu-west', fromExpression: 'eu-west', perDay: 10, keys: ['REGION', 'LIMITS'] }]);
  });

  it('is there in each-item mode too', async () => {
    const r = await run('return { n: $json.n, region: $env.REGION };', { mode: 'eachItem', env: ENV });
    expect(r.json).toEqual([
      { n: 1, region: 'eu-west' },
      { n: 2, region: 'eu-west' },
    ]);
  });

  it('is read-only, to its nested values', async () => {
    const code = `'use strict';
      const tries = [() => { $env.REGION = 'x'; }, () => { $env.LIMITS.perDay = 0; }, () => { $env.LIMITS.tags.push('c'); }, () => { delete $env.REGION; }];
      return [{ json: { errors: tries.map((t) => { try { t(); return null; } catch (e) { return e.name; } }), region: $env.REGION, limits: $env.LIMITS } }];`;
    const r = await run(code, { env: ENV });
    expect(r.json).toEqual([{ errors: ['TypeError', 'TypeError', 'TypeError', 'TypeError'], region: 'eu-west', limits: ENV.LIMITS }]);
  });

  it('does not change what the host passed, nor what the next run sees', async () => {
    const env = { COUNT: 1 };
    await run('$env.COUNT = 2; return [];', { env });
    const r = await run('return [{ json: { count: $env.COUNT } }];', { env });
    expect(env).toEqual({ COUNT: 1 });
    expect(r.json).toEqual([{ count: 1 }]);
  });

  it('reaches a Code node in an isolated execution (run in a worker)', async () => {
    const engine = createEngine({ isolation, env: ENV, logger: silentLogger });
    const workflow = buildWorkflow({
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        { id: 'c', name: 'Code', type: 'core.code', parameters: { code: 'return [{ json: { region: $env.REGION } }];' } },
      ],
      connections: [['t', 'c']],
    });
    const execution = await engine.run(engine.parseWorkflow(workflow));
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    expect(execution.nodes.c?.[0]?.output.main?.map((i) => i.json)).toEqual([{ region: 'eu-west' }]);
  });

  it('is empty when the host passes no env: nothing from the server environment', async () => {
    process.env.FLOWLOOM_CODE_ENV_PROBE = 'secret';
    try {
      const r = await run(
        'return [{ json: { probe: $env.FLOWLOOM_CODE_ENV_PROBE ?? null, keys: Object.keys($env), home: $env.HOME ?? null } }];',
      );
      expect(r.json).toEqual([{ probe: null, keys: [], home: null }]);
    } finally {
      delete process.env.FLOWLOOM_CODE_ENV_PROBE;
    }
  });
});
