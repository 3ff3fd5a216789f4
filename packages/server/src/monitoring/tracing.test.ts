import {
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanOptions,
  type SpanStatus,
  type Tracer,
} from '@opentelemetry/api';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** A span as the recording tracer keeps it. */
interface Recorded {
  name: string;
  attributes: Attributes;
  status?: SpanStatus;
  parent?: Recorded;
  ended: boolean;
  spanId: string;
}

/**
 * A tracer that records spans in memory through the API's interfaces, standing in for an SDK (none is
 * installed here); parents are read back with the API's own `trace.getSpan`.
 */
function recordingTracer(spans: Recorded[]): Tracer {
  let next = 0;
  const startSpan = (name: string, options: SpanOptions = {}, ctx?: Context): Span => {
    const parentSpan = ctx ? trace.getSpan(ctx) : undefined;
    const parentId = parentSpan?.spanContext().spanId;
    const record: Recorded = {
      name,
      attributes: { ...options.attributes },
      ended: false,
      spanId: String(++next).padStart(16, '0'),
      ...(parentId ? { parent: spans.find((s) => s.spanId === parentId)! } : {}),
    };
    spans.push(record);
    const span: Span = {
      spanContext: () => ({ traceId: '0'.repeat(31) + '1', spanId: record.spanId, traceFlags: 1 }),
      setAttribute: (key, value) => ((record.attributes[key] = value), span),
      setAttributes: (attributes) => (Object.assign(record.attributes, attributes), span),
      addEvent: () => span,
      addLink: () => span,
      addLinks: () => span,
      setStatus: (status) => ((record.status = status), span),
      updateName: (n) => ((record.name = n), span),
      end: () => void (record.ended = true),
      isRecording: () => !record.ended,
      recordException: () => undefined,
    };
    return span;
  };
  return { startSpan, startActiveSpan: (() => undefined) as unknown as Tracer['startActiveSpan'] };
}

const spans: Recorded[] = [];
let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer({ tracing: { tracer: recordingTracer(spans) } });
  editor = await server.keyFor('acme', 'editor');
});
afterAll(async () => {
  await server?.close();
});

describe('OpenTelemetry spans', () => {
  it('record an execution with a child span per node run, and a failure as an error status', async () => {
    const workflow = buildWorkflow({
      id: 'traced',
      nodes: [
        { id: 'start', name: 'Start', type: 'core.manualTrigger' },
        { id: 'fail', name: 'Charge', type: 'test.flaky', parameters: { message: 'card declined' } },
      ],
      connections: [['start', 'fail']],
    });
    await server.call('/workflows', { auth: editor, json: workflow });
    const execution = (await server.call('/workflows/traced/run', { auth: editor, json: {} })).body;

    const root = spans.find((s) => s.name === 'flowloom.execution' && s.attributes['flowloom.execution.id'] === execution.id)!;
    expect(root).toMatchObject({
      ended: true,
      attributes: {
        'flowloom.workflow.id': 'traced',
        'flowloom.tenant.id': 'acme',
        'flowloom.execution.mode': 'manual',
        'flowloom.execution.status': 'error',
      },
      status: { code: SpanStatusCode.ERROR },
    });
    const children = spans.filter((s) => s.parent === root);
    expect(children.map((s) => [s.name, s.attributes['flowloom.node.status'], s.ended])).toEqual([
      ['flowloom.node Start', 'success', true],
      ['flowloom.node Charge', 'error', true],
    ]);
    expect(children[1]!.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringContaining('card declined') });
  });
});
