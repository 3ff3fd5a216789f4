import { z } from 'zod';
import { defineNode } from '@flowloom/engine';
import { buildWorkflow, testNodeTypes } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** A node that waits until the test opens its gate (which it may do before the node reaches it). */
let openGate!: () => void;
const gateOpen = new Promise<void>((resolve) => (openGate = resolve));
const gateNode = defineNode({
  type: 'test.gate',
  version: 1,
  displayName: 'Gate',
  description: 'Waits until the test opens it.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  async execute(ctx) {
    await gateOpen;
    return ctx.input();
  },
});

let server: TestServer;
let viewer: string;
let editor: string;
beforeAll(async () => {
  server = await startTestServer({ engine: { nodeTypes: [...testNodeTypes, gateNode] } });
  editor = await server.keyFor('acme', 'editor');
  viewer = await server.keyFor('acme', 'viewer');
  const workflow = buildWorkflow({
    id: 'gated',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'gate', name: 'Gate', type: 'test.gate' },
      { id: 'emit', name: 'Emit', type: 'test.emitItems', parameters: { items: [{ secret: 'item-data-not-streamed' }] } },
    ],
    connections: [
      ['start', 'gate'],
      ['gate', 'emit'],
    ],
  });
  await server.call('/workflows', { auth: editor, json: workflow });
});
afterAll(async () => {
  await server?.close();
});

interface SseEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** Reads a text/event-stream as the SSE specification frames it: blank-line separated, `event:` and `data:` fields. */
async function* events(response: Response): AsyncGenerator<SseEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = block.split('\n');
      const event = fields.find((f) => f.startsWith('event: '))?.slice(7) ?? 'message';
      const data = fields
        .filter((f) => f.startsWith('data: '))
        .map((f) => f.slice(6))
        .join('\n');
      yield { event, data: JSON.parse(data) };
    }
  }
}

describe('GET /executions/{id}/events', () => {
  it('streams the execution as it stands, then its nodes as they run, then its end', async () => {
    const started = await server.call('/workflows/gated/run', { auth: editor, json: { async: true } });
    const id = started.body.executionId as string;
    const response = await fetch(`${server.url}/executions/${id}/events`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const seen: SseEvent[] = [];
    for await (const event of events(response)) {
      seen.push(event);
      // The stream is open and listening: let the gate through.
      if (event.event === 'execution') openGate();
    }
    expect(seen[0]).toMatchObject({ event: 'execution', data: { id, status: 'running' } });
    const after = seen.slice(1).map((e) => [e.event, e.data.nodeId ?? e.data.run?.nodeId ?? e.data.status]);
    // Whether the trigger's events and the gate's start come before or after the stream began listening
    // depends on how soon the stream was opened; everything after the gate opened is certain.
    const opened = after.findIndex(([event, node]) => event === 'nodeFinish' && node === 'gate');
    expect(after.slice(0, opened).every(([, node]) => node === 'start' || node === 'gate')).toBe(true);
    expect(after.slice(opened)).toEqual([
      ['nodeFinish', 'gate'],
      ['nodeStart', 'emit'],
      ['nodeFinish', 'emit'],
      ['executionFinish', 'success'],
    ]);
    expect(JSON.stringify(seen)).not.toContain('item-data-not-streamed');
  });

  it('sends an ended execution’s record and end at once, and answers another tenant’s id with 404', async () => {
    const fine = buildWorkflow({ id: 'fine', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
    await server.call('/workflows', { auth: editor, json: fine });
    const id = (await server.call('/workflows/fine/run', { auth: editor, json: {} })).body.id as string;
    const response = await fetch(`${server.url}/executions/${id}/events`, { headers: { authorization: `Bearer ${viewer}` } });
    const seen: SseEvent[] = [];
    for await (const event of events(response)) seen.push(event);
    expect(seen.map((e) => [e.event, e.data.status])).toEqual([
      ['execution', 'success'],
      ['executionFinish', 'success'],
    ]);
    const other = await server.keyFor('globex', 'owner');
    expect((await server.call(`/executions/${id}/events`, { auth: other })).status).toBe(404);
  });
});
