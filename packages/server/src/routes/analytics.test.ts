import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const clock = createTestClock({ start: Date.UTC(2026, 5, 10, 12) });
let server: TestServer;
let viewer: string;
const failures: Record<string, string[]> = { a: [], b: [] };

beforeAll(async () => {
  server = await startTestServer({ now: () => clock.now(), engine: { clock } });
  const editor = await server.keyFor('acme', 'editor');
  viewer = await server.keyFor('acme', 'viewer');
  const workflow = (id: string, fail: boolean) =>
    buildWorkflow({
      id,
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        fail ? { id: 'x', type: 'test.flaky', parameters: { message: `${id} broke` } } : { id: 'x', type: 'core.noOp' },
      ],
      connections: [['start', 'x']],
    });
  for (const id of ['a', 'b', 'ok']) await server.call('/workflows', { auth: editor, json: workflow(id, id !== 'ok') });
  const run = async (id: string) => {
    const execution = (await server.call(`/workflows/${id}/run`, { auth: editor, json: {} })).body;
    if (execution.status === 'error') failures[id]!.push(execution.id);
    clock.advance(60_000);
  };
  for (const id of ['a', 'b', 'a', 'ok', 'ok', 'a']) await run(id);
});
afterAll(async () => {
  await server?.close();
});

describe('GET /analytics', () => {
  it('gives the engine’s figures for the tenant, and the workflows failing most with their last error', async () => {
    const answer = await server.call('/analytics', { auth: viewer });
    expect(answer.status).toBe(200);
    const { failingWorkflows, ...figures } = answer.body;
    const oracle = await server.engine.executions.analytics({ tenantId: 'acme', now: () => clock.now() });
    expect(figures).toEqual(JSON.parse(JSON.stringify(oracle)));
    expect(figures).toMatchObject({ total: 6, byStatus: { success: 2, error: 4 } });
    expect(failingWorkflows).toEqual([
      {
        workflowId: 'a',
        failed: 3,
        lastError: { executionId: failures['a']!.at(-1), startedAt: expect.any(String), message: expect.stringContaining('a broke') },
      },
      {
        workflowId: 'b',
        failed: 1,
        lastError: { executionId: failures['b']![0], startedAt: expect.any(String), message: expect.stringContaining('b broke') },
      },
    ]);
  });

  it('narrows to one workflow and a window, and refuses an unknown parameter', async () => {
    const one = await server.call('/analytics?workflowId=a&failingWorkflows=1', { auth: viewer });
    expect(one.body).toMatchObject({ total: 3, failingWorkflows: [{ workflowId: 'a', failed: 3 }] });
    const later = await server.call(`/analytics?from=${encodeURIComponent(new Date(clock.now()).toISOString())}`, { auth: viewer });
    expect(later.body).toMatchObject({ total: 0, failingWorkflows: [] });
    const bad = await server.call('/analytics?period=week', { auth: viewer });
    expect(bad.body.error.issues).toEqual([{ in: 'query', path: 'period', message: 'is not a known field' }]);
  });

  it('shows nothing of another tenant', async () => {
    const other = await server.keyFor('globex', 'viewer');
    expect((await server.call('/analytics', { auth: other })).body).toMatchObject({ total: 0, failingWorkflows: [] });
  });
});
