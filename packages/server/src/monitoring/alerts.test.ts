import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { Alert } from './alerts.js';

const clock = createTestClock({ start: Date.UTC(2026, 5, 1) });
const delivered: Alert[] = [];
let receiver: TestHttpServer;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  // Stands in for the on-call webhook and Slack's incoming webhook: it records what it receives.
  receiver = await startTestHttpServer((_request, res) => void res.writeHead(200).end('ok'));
  server = await startTestServer({
    now: () => clock.now(),
    engine: { clock },
    alerts: {
      rules: [
        {
          name: 'checkout failing',
          kind: 'failureRate',
          workflowId: 'checkout',
          threshold: 0.5,
          windowMs: 60_000,
          minExecutions: 4,
          notify: [
            { webhook: `${receiver.url}/oncall` },
            { slack: `${receiver.url}/services/T0/B0/x` },
            { send: async (a) => void delivered.push(a) },
          ],
        },
        { name: 'slow', kind: 'duration', maxDurationMs: 1_000, notify: [{ send: async (a) => void delivered.push(a) }] },
      ],
    },
  });
  editor = await server.keyFor('acme', 'editor');
  const checkout = (fail: boolean) =>
    buildWorkflow({
      id: 'checkout',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        fail ? { id: 'pay', type: 'test.flaky', parameters: {} } : { id: 'pay', type: 'core.noOp' },
      ],
      connections: [['start', 'pay']],
    });
  await server.call('/workflows', { auth: editor, json: checkout(false) });
  runAs = async (fail) => {
    await server.call('/workflows/checkout', { method: 'PUT', auth: editor, json: checkout(fail) });
    return (await server.call('/workflows/checkout/run', { auth: editor, json: {} })).body.status;
  };
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

let runAs: (fail: boolean) => Promise<string>;

describe('alert rules', () => {
  it('fire once the failure rate over the window reaches the threshold, to a webhook and to Slack', async () => {
    expect([await runAs(false), await runAs(false), await runAs(true)]).toEqual(['success', 'success', 'error']);
    expect(delivered).toEqual([]);
    await runAs(true);
    expect(delivered).toEqual([
      expect.objectContaining({
        rule: 'checkout failing',
        kind: 'failureRate',
        tenantId: 'acme',
        workflowId: 'checkout',
        executions: { finished: 4, failed: 2 },
      }),
    ]);
    expect(delivered[0]!.message).toBe(
      "50% of the executions of workflow 'checkout' failed (2 of 4) in the last 60 s, at or above the 50% of rule 'checkout failing'.",
    );
    await receiver.received(2);
    const byPath = Object.fromEntries(receiver.requests.map((r) => [r.url, JSON.parse(r.body.toString('utf8'))]));
    expect(byPath['/oncall']).toEqual(delivered[0]);
    expect(byPath['/services/T0/B0/x']).toEqual({ text: `:rotating_light: ${delivered[0]!.message}` });
  });

  it('stay quiet during the cooldown, and count only the executions inside the window', async () => {
    await runAs(true);
    expect(delivered.filter((a) => a.kind === 'failureRate')).toHaveLength(1);
    clock.advance(61_000);
    // The window is empty again: three failures are fewer than the rule's minimum of four.
    for (let i = 0; i < 3; i++) await runAs(true);
    expect(delivered.filter((a) => a.kind === 'failureRate')).toHaveLength(1);
    await runAs(true);
    expect(delivered.filter((a) => a.kind === 'failureRate')).toHaveLength(2);
  });

  it('fire when an execution takes longer than its SLA', async () => {
    const slow = buildWorkflow({
      id: 'slow',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'sleep', type: 'test.sleep', parameters: { ms: 600_000 } },
      ],
      connections: [['start', 'sleep']],
    });
    await server.call('/workflows', { auth: editor, json: slow });
    const id = (await server.call('/workflows/slow/run', { auth: editor, json: { async: true } })).body.executionId as string;
    const ended = server.finished(id);
    clock.advance(5_000);
    await server.call(`/executions/${id}/cancel`, { method: 'POST', auth: editor });
    await ended;
    expect(delivered.filter((a) => a.kind === 'duration')).toEqual([
      expect.objectContaining({ rule: 'slow', tenantId: 'acme', workflowId: 'slow', executionId: id, durationMs: 5_000 }),
    ]);
  });
});
