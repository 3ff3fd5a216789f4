import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.keyFor('acme', 'editor');
  const nodes = (failing: boolean) => [
    { id: 'start', type: 'core.manualTrigger' },
    failing ? { id: 'fail', type: 'test.flaky', parameters: {} } : { id: 'pass', type: 'core.noOp' },
  ];
  await server.call('/workflows', {
    auth: editor,
    json: buildWorkflow({ id: 'ok', nodes: nodes(false), connections: [['start', 'pass']] }),
  });
  await server.call('/workflows', {
    auth: editor,
    json: buildWorkflow({ id: 'bad', nodes: nodes(true), connections: [['start', 'fail']] }),
  });
});
afterAll(async () => {
  await server?.close();
});

/** The value of one sample of the Prometheus text exposition, NaN when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return Number.NaN;
}

describe('/metrics', () => {
  it('serves the Prometheus text format without credentials', async () => {
    const answer = await server.call('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    expect(answer.text).toContain('# TYPE flowloom_executions_total counter');
    expect(answer.text).toContain('# TYPE flowloom_execution_duration_seconds histogram');
  });

  it('counts executions by status and mode, and their durations, as runs end', async () => {
    const before = (await server.call('/metrics')).text;
    for (let i = 0; i < 3; i++) await server.call('/workflows/ok/run', { auth: editor, json: {} });
    await server.call('/workflows/bad/run', { auth: editor, json: {} });
    const after = (await server.call('/metrics')).text;
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - (sample(before, name, labels) || 0);
    expect(delta('flowloom_executions_total', { status: 'success', mode: 'manual' })).toBe(3);
    expect(delta('flowloom_executions_total', { status: 'error', mode: 'manual' })).toBe(1);
    expect(delta('flowloom_execution_duration_seconds_count', { status: 'success', mode: 'manual' })).toBe(3);
    expect(delta('flowloom_node_duration_seconds_count', { status: 'success' })).toBeGreaterThanOrEqual(6);
    expect(sample(after, 'flowloom_executions_running', {})).toBe(0);
  });

  it('counts HTTP requests by route pattern, never by the ids in the path', async () => {
    const before = (await server.call('/metrics')).text;
    await server.call('/workflows/ok', { auth: editor });
    await server.call('/workflows/missing', { auth: editor });
    await server.call('/workflows', { auth: 'flk_wrong' });
    const after = (await server.call('/metrics')).text;
    const delta = (labels: Record<string, string>) =>
      sample(after, 'flowloom_http_requests_total', labels) - (sample(before, 'flowloom_http_requests_total', labels) || 0);
    expect(delta({ method: 'GET', route: '/workflows/:id', status: '200' })).toBe(1);
    expect(delta({ method: 'GET', route: '/workflows/:id', status: '404' })).toBe(1);
    expect(delta({ method: 'GET', route: '/workflows', status: '401' })).toBe(1);
    expect(after).not.toContain('/workflows/missing');
  });

  it('answers only the scraper’s token when one is set', async () => {
    const guarded = await startTestServer({ metrics: { token: 'scrape-secret' } });
    try {
      expect((await guarded.call('/metrics')).status).toBe(401);
      expect((await guarded.call('/metrics', { auth: 'scrape-secret' })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
