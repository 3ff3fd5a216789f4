import { z } from '@hono/zod-openapi';
import type { EngineEvent, Execution, NodeRun } from '@flowloom/engine';
import { streamSSE } from 'hono/streaming';
import { notFound } from '../errors/api.error.js';
import { defineRoute, handle } from './define-route.js';
import { errorResponses, IdParams } from './schemas.js';
import type { ServerApp } from './server-context.js';

const streamExecutionEvents = defineRoute({
  method: 'get',
  path: '/executions/{id}/events',
  operationId: 'streamExecutionEvents',
  summary: 'Follow an execution live, as Server-Sent Events',
  description:
    'First an `execution` event with the record as it stands, then `nodeStart` and `nodeFinish` as nodes run (runs without their items), ' +
    'then `executionFinish`, after which the stream ends. An execution that has already ended sends `execution` and `executionFinish` at once.',
  tags: ['Executions'],
  permission: 'execution:read',
  request: { params: IdParams },
  responses: {
    200: { description: 'The event stream.', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(404),
  },
});

const ENDED = new Set<Execution['status']>(['success', 'error', 'canceled', 'crashed', 'waiting']);

/** A node run without its items: what a progress view needs, and never a run's data on the wire twice. */
function runSummary(run: Readonly<NodeRun>) {
  const { input: _input, output: _output, logs: _logs, ...summary } = run;
  return summary;
}

/** The record without node data, workflow snapshot or run state. */
function executionSummary(execution: Readonly<Execution>) {
  const { nodes: _nodes, workflow: _workflow, state: _state, wait: _wait, ...summary } = execution;
  return summary;
}

/** `GET /executions/{id}/events`. */
export function executionEventRoutes(app: ServerApp): void {
  handle(app, streamExecutionEvents, async (c) => {
    const { engine } = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    // Listen before reading the record, so nothing that happens in between is missed.
    const queue: EngineEvent[] = [];
    let wake: (() => void) | undefined;
    const push = (event: EngineEvent) => {
      queue.push(event);
      wake?.();
    };
    const offs = [
      engine.on('nodeStart', (e) => e.executionId === id && push(e)),
      engine.on('nodeFinish', (e) => e.executionId === id && push(e)),
      engine.on('executionFinish', (e) => e.execution.id === id && e.execution.tenantId === tenantId && push(e)),
    ];
    const stop = () => offs.forEach((off) => off());
    const execution = await engine.storage.executions.get(tenantId, id);
    if (!execution) {
      stop();
      throw notFound('execution', id);
    }
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'execution', data: JSON.stringify(executionSummary(execution)) });
        if (ENDED.has(execution.status)) {
          await stream.writeSSE({ event: 'executionFinish', data: JSON.stringify(executionSummary(execution)) });
          return;
        }
        for (;;) {
          while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
          if (closed) return;
          const event = queue.shift()!;
          if (event.type === 'nodeStart') {
            const { type: _type, ...data } = event;
            await stream.writeSSE({ event: 'nodeStart', data: JSON.stringify(data) });
          } else if (event.type === 'nodeFinish') {
            await stream.writeSSE({ event: 'nodeFinish', data: JSON.stringify({ executionId: id, run: runSummary(event.run) }) });
          } else if (event.type === 'executionFinish') {
            await stream.writeSSE({ event: 'executionFinish', data: JSON.stringify(executionSummary(event.execution)) });
            return;
          }
        }
      } finally {
        stop();
      }
    });
  });
}
