import { z } from '@hono/zod-openapi';
import { listExecutionPage, type ExecutionQuery } from '@flowloom/engine';
import { ApiError, notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import {
  errorResponses,
  ExecutionPageSchema,
  ExecutionQuerySchema,
  ExecutionSchema,
  IdParams,
  jsonResponse,
  RunStartedSchema,
} from './schemas.js';
import type { ServerApp, ServerContext } from './server-context.js';

const tags = ['Executions'];

const RetryRequestSchema = z
  .object({
    workflow: z
      .enum(['original', 'current'])
      .optional()
      .openapi({ description: 'Run the workflow as it was (`original`, the default) or as stored now (`current`).' }),
    async: z.boolean().optional(),
  })
  .strict()
  .openapi('RetryRequest');

const listExecutions = defineRoute({
  method: 'get',
  path: '/executions',
  operationId: 'listExecutions',
  summary: 'Query the caller’s executions, newest first, a page at a time',
  tags,
  permission: 'execution:read',
  request: { query: ExecutionQuerySchema },
  responses: { 200: jsonResponse('One page and the cursor of the next.', ExecutionPageSchema), ...errorResponses(400) },
});

const countExecutions = defineRoute({
  method: 'get',
  path: '/executions/count',
  operationId: 'countExecutions',
  summary: 'Count the caller’s executions that match the filters',
  tags,
  permission: 'execution:read',
  request: { query: ExecutionQuerySchema },
  responses: {
    200: jsonResponse('How many match; `limit` and `cursor` are ignored.', z.object({ count: z.number().int() })),
    ...errorResponses(400),
  },
});

const getExecution = defineRoute({
  method: 'get',
  path: '/executions/{id}',
  operationId: 'getExecution',
  summary: 'Get an execution with its node runs',
  tags,
  permission: 'execution:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The execution.', ExecutionSchema), ...errorResponses(404) },
});

const exportExecution = defineRoute({
  method: 'get',
  path: '/executions/{id}/export',
  operationId: 'exportExecution',
  summary: 'Export an execution with its node runs as a JSON document',
  tags,
  permission: 'execution:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The export document.', z.record(z.string(), z.unknown())), ...errorResponses(404) },
});

const exportExecutions = defineRoute({
  method: 'get',
  path: '/executions/export',
  operationId: 'exportExecutions',
  summary: 'Export every execution matching the filters (up to 1,000) with its node runs, as one JSON document',
  tags,
  permission: 'execution:read',
  request: { query: ExecutionQuerySchema },
  responses: { 200: jsonResponse('The export document.', z.record(z.string(), z.unknown())), ...errorResponses(400) },
});

const cancelExecution = defineRoute({
  method: 'post',
  path: '/executions/{id}/cancel',
  operationId: 'cancelExecution',
  summary: 'Cancel a running execution started through this server',
  tags,
  permission: 'workflow:execute',
  request: { params: IdParams },
  responses: {
    202: jsonResponse('Canceling: the execution ends `canceled`.', z.object({ id: z.string(), canceling: z.literal(true) })),
    ...errorResponses(404, 409),
  },
});

const retryExecution = defineRoute({
  method: 'post',
  path: '/executions/{id}/retry',
  operationId: 'retryExecution',
  summary: 'Run a failed execution again from the node that failed',
  tags,
  permission: 'workflow:execute',
  request: { params: IdParams, body: { content: { 'application/json': { schema: RetryRequestSchema } } } },
  responses: {
    200: jsonResponse('The new execution (mode `retry`).', ExecutionSchema),
    202: jsonResponse('The retry started.', RunStartedSchema),
    ...errorResponses(400, 404, 409),
  },
});

const deleteExecution = defineRoute({
  method: 'delete',
  path: '/executions/{id}',
  operationId: 'deleteExecution',
  summary: 'Delete an execution and its node runs',
  tags,
  permission: 'execution:delete',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses(404, 409) },
});

async function existing(server: ServerContext, tenantId: string, id: string) {
  const execution = await server.engine.storage.executions.get(tenantId, id);
  if (!execution) throw notFound('execution', id);
  return execution;
}

/** Execution history: query, read, export, cancel, retry, delete. */
export function executionRoutes(app: ServerApp): void {
  handle(app, listExecutions, async (c) => {
    const query: ExecutionQuery = c.req.valid('query');
    return json(await listExecutionPage(c.var.server.engine.storage.executions, c.var.principal.tenantId, query));
  });

  // Registered before `/executions/{id}`, so `count` and `export` are never read as ids.
  handle(app, countExecutions, async (c) => {
    const query: ExecutionQuery = c.req.valid('query');
    return json({ count: await c.var.server.engine.storage.executions.count(c.var.principal.tenantId, query) });
  });

  handle(app, exportExecutions, async (c) => {
    const { limit: _limit, cursor: _cursor, ...query } = c.req.valid('query') as ExecutionQuery;
    return json(await c.var.server.engine.executions.export(query, { tenantId: c.var.principal.tenantId }));
  });

  handle(app, getExecution, async (c) => {
    const {
      workflow: _snapshot,
      state: _state,
      ...execution
    } = await existing(c.var.server, c.var.principal.tenantId, c.req.valid('param').id);
    return json(execution);
  });

  handle(app, exportExecution, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await existing(server, tenantId, id);
    return json(await server.engine.executions.export(id, { tenantId }));
  });

  handle(app, cancelExecution, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    if (server.running.cancel(tenantId, id)) return json({ id, canceling: true }, 202);
    const execution = await existing(server, tenantId, id);
    throw new ApiError(
      409,
      'EXECUTION_NOT_CANCELABLE',
      `Execution '${id}' is ${execution.status}; only a running execution started through this server can be canceled.`,
    );
  });

  handle(app, retryExecution, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await existing(server, tenantId, id);
    await server.quotas.checkRun(tenantId);
    const run = server.running.start(tenantId, (signal, onEvent) =>
      server.engine.executions.retry(id, { tenantId, signal, onEvent, ...(body.workflow ? { workflow: body.workflow } : {}) }),
    );
    if (!body.async) return json(await run.done);
    run.done.catch(() => undefined);
    return json({ executionId: await run.id }, 202);
  });

  handle(app, deleteExecution, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    const execution = await existing(server, tenantId, id);
    if (execution.status === 'running') {
      throw new ApiError(409, 'EXECUTION_RUNNING', `Execution '${id}' is still running; cancel it first.`);
    }
    await server.engine.storage.executions.delete(tenantId, [id]);
    return json(undefined, 204);
  });
}
