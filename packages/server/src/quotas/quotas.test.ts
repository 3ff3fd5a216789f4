import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { QuotaOptions } from './quotas.js';

// Engine and server read one test clock, so time moves only when a test moves it.
const START = Date.UTC(2026, 5, 30, 23, 0, 0);
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serverWith(quotas: QuotaOptions) {
  const clock = createTestClock({ start: START });
  const server = await startTestServer({ quotas, now: () => clock.now(), engine: { clock } });
  servers.push(server);
  const owner = await server.keyFor('acme', 'owner');
  return { server, owner, clock };
}

const quick = (id: string) => buildWorkflow({ id, nodes: [{ id: 'start', type: 'core.manualTrigger' }] });

describe('request rates', () => {
  it('limit each API key to its bucket, answering 429 with Retry-After, and refill with time', async () => {
    const { server, owner, clock } = await serverWith({ rate: { capacity: 2, refillPerSecond: 1 } });
    const other = await server.keyFor('acme', 'viewer');
    expect((await server.call('/workflows', { auth: owner })).status).toBe(200);
    expect((await server.call('/workflows', { auth: owner })).status).toBe(200);
    const limited = await server.call('/workflows', { auth: owner });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.error.message).toContain('try again in 1 s');
    expect((await server.call('/workflows', { auth: other })).status).toBe(200);
    clock.advance(1000);
    expect((await server.call('/workflows', { auth: owner })).status).toBe(200);
    expect((await server.call('/workflows', { auth: owner })).status).toBe(429);
  });
});

describe('webhook rates', () => {
  it('limit each tenant’s webhook calls, answering 429 with Retry-After, before anything runs', async () => {
    const { server, owner, clock } = await serverWith({ webhookRate: { capacity: 1, refillPerSecond: 0.5 } });
    const hook = buildWorkflow({ id: 'hook', nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'in' } }] });
    await server.call('/workflows', { auth: owner, json: hook });
    await server.call('/workflows/hook/activate', { method: 'POST', auth: owner });
    expect((await server.call('/t/acme/webhook/in', { json: {} })).status).toBe(200);
    const limited = await server.call('/t/acme/webhook/in', { json: {} });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(limited.headers.get('retry-after')).toBe('2');
    await server.engine.idle();
    expect((await server.engine.executions.list({}, { tenantId: 'acme' })).items).toHaveLength(1);
    clock.advance(2_000);
    expect((await server.call('/t/acme/webhook/in', { json: {} })).status).toBe(200);
  });
});

describe('tenant quotas', () => {
  it('stop runs past the month’s executions, on the API and on webhooks, until the month ends', async () => {
    const { server, owner } = await serverWith({ limits: { executionsPerMonth: 2 } });
    await server.call('/workflows', { auth: owner, json: quick('wf') });
    // Answering with the last node's output: the call returns once its execution has ended, and counted.
    const hook = buildWorkflow({
      id: 'hook',
      nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'in', responseMode: 'lastNode' } }],
    });
    await server.call('/workflows', { auth: owner, json: hook });
    await server.call('/workflows/hook/activate', { method: 'POST', auth: owner });
    expect((await server.call('/workflows/wf/run', { auth: owner, json: {} })).status).toBe(200);
    expect((await server.call('/t/acme/webhook/in', { json: {} })).status).toBe(200);

    const refused = await server.call('/workflows/wf/run', { auth: owner, json: {} });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'QUOTA_EXCEEDED', quota: 'executionsPerMonth', limit: 2 } } });
    // The test clock stands one hour before July: that is when more executions may start.
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect((await server.call('/t/acme/webhook/in', { json: {} })).status).toBe(429);
    expect((await server.engine.executions.list({}, { tenantId: 'acme' })).items).toHaveLength(2);
    const other = await server.keyFor('globex', 'owner');
    await server.call('/workflows', { auth: other, json: quick('wf') });
    expect((await server.call('/workflows/wf/run', { auth: other, json: {} })).status).toBe(200);

    expect((await server.call('/usage', { auth: owner })).body).toEqual({
      tenantId: 'acme',
      month: '2026-06',
      executions: { used: 2, limit: 2 },
      workflows: { used: 2 },
      runningExecutions: { used: 0 },
    });
  });

  it('stop runs past the concurrent executions until one ends', async () => {
    const { server, owner } = await serverWith({ limits: { concurrentExecutions: 1 } });
    const slow = buildWorkflow({
      id: 'slow',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'sleep', type: 'test.sleep', parameters: { ms: 600_000 } },
      ],
      connections: [['start', 'sleep']],
    });
    await server.call('/workflows', { auth: owner, json: slow });
    const first = (await server.call('/workflows/slow/run', { auth: owner, json: { async: true } })).body.executionId as string;
    const second = await server.call('/workflows/slow/run', { auth: owner, json: { async: true } });
    expect(second).toMatchObject({ status: 429, body: { error: { quota: 'concurrentExecutions' } } });
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await server.call('/usage', { auth: owner })).body.runningExecutions).toEqual({ used: 1, limit: 1 });
    const ended = server.finished(first);
    await server.call(`/executions/${first}/cancel`, { method: 'POST', auth: owner });
    await ended;
    const third = await server.call('/workflows/slow/run', { auth: owner, json: { async: true } });
    expect(third.status).toBe(202);
    await server.call(`/executions/${third.body.executionId}/cancel`, { method: 'POST', auth: owner });
  });

  it('refuse a workflow past the tenant’s maximum with 403, storing nothing', async () => {
    const { server, owner } = await serverWith({ limits: (tenantId) => (tenantId === 'acme' ? { maxWorkflows: 1 } : {}) });
    expect((await server.call('/workflows', { auth: owner, json: quick('one') })).status).toBe(201);
    const refused = await server.call('/workflows', { auth: owner, json: quick('two') });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'QUOTA_EXCEEDED', quota: 'maxWorkflows', limit: 1 } } });
    expect(await server.engine.storage.workflows.get('acme', 'two')).toBeUndefined();
    // Saving a new version of an existing workflow is not a new workflow.
    expect((await server.call('/workflows/one', { method: 'PUT', auth: owner, json: quick('one') })).status).toBe(200);
  });

  it('keep the tenant’s history to its retention, pruned before runs when due', async () => {
    const { server, owner, clock } = await serverWith({
      limits: { retention: { maxCount: 2, maxAgeMs: 86_400_000 } },
      retentionCheckMs: 60_000,
    });
    await server.call('/workflows', { auth: owner, json: quick('wf') });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await server.call('/workflows/wf/run', { auth: owner, json: {} })).body.id);
      clock.advance(1_000);
    }
    // Pruned before the first run only (nothing to prune then); the next check is due a minute later.
    expect((await server.engine.executions.list({}, { tenantId: 'acme' })).items).toHaveLength(4);
    clock.advance(60_000);
    ids.push((await server.call('/workflows/wf/run', { auth: owner, json: {} })).body.id);
    const kept = (await server.engine.executions.list({ order: 'asc' }, { tenantId: 'acme' })).items.map((e) => e.id);
    expect(kept).toEqual([ids[2], ids[3], ids[4]]);
    // A day later, everything older than a day goes at the next check.
    clock.advance(86_400_000 + 60_000);
    ids.push((await server.call('/workflows/wf/run', { auth: owner, json: {} })).body.id);
    expect((await server.engine.executions.list({}, { tenantId: 'acme' })).items.map((e) => e.id)).toEqual([ids[5]]);
  });
});
