import { z } from '@hono/zod-openapi';
import { formatPath, itemSchema, type Item } from '@flowloom/engine';
import { invalidRequest } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { checkPolicy } from './guard.js';
import {
  ActivationSchema,
  errorResponses,
  ExecutionSchema,
  IdParams,
  jsonResponse,
  RunRequestSchema,
  RunStartedSchema,
} from './schemas.js';
import type { ServerApp } from './server-context.js';
import { storedWorkflow } from './workflow-document.js';

const tags = ['Workflows'];

const activateWorkflow = defineRoute({
  method: 'post',
  path: '/workflows/{id}/activate',
  operationId: 'activateWorkflow',
  summary: 'Make a workflow answer its webhooks and fire on its schedules',
  tags,
  permission: 'workflow:activate',
  request: { params: IdParams },
  responses: { 200: jsonResponse('Its webhooks and schedules.', ActivationSchema), ...errorResponses(404, 409, 422) },
});

const deactivateWorkflow = defineRoute({
  method: 'post',
  path: '/workflows/{id}/deactivate',
  operationId: 'deactivateWorkflow',
  summary: 'Stop a workflow’s webhooks and schedules',
  tags,
  permission: 'workflow:activate',
  request: { params: IdParams },
  responses: {
    200: jsonResponse('Whether it was active.', z.object({ workflowId: z.string(), wasActive: z.boolean() })),
    ...errorResponses(404),
  },
});

const runWorkflow = defineRoute({
  method: 'post',
  path: '/workflows/{id}/run',
  operationId: 'runWorkflow',
  summary: 'Run a stored workflow',
  description:
    'Runs to the end and answers with the execution (a failed run is a 200 with `status: "error"`), or with `async: true` answers 202 with the execution id as soon as it exists.',
  tags,
  permission: 'workflow:execute',
  request: { params: IdParams, body: { content: { 'application/json': { schema: RunRequestSchema } } } },
  responses: {
    200: jsonResponse('The finished execution.', ExecutionSchema),
    202: jsonResponse('The run started; follow it with GET /executions/{id}.', RunStartedSchema),
    ...errorResponses(400, 404, 413, 422),
  },
});

/** Activation and runs of stored workflows. */
export function workflowRunRoutes(app: ServerApp): void {
  handle(app, activateWorkflow, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const workflow = await storedWorkflow(server, principal, c.req.valid('param').id);
    await checkPolicy(server, { principal, permission: 'workflow:activate', operationId: 'activateWorkflow', workflow });
    return json(await server.activations.activate(principal.tenantId, workflow));
  });

  handle(app, deactivateWorkflow, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await storedWorkflow(server, c.var.principal, id);
    return json({ workflowId: id, wasActive: await server.activations.deactivate(tenantId, id) });
  });

  handle(app, runWorkflow, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const { tenantId } = principal;
    const workflow = await storedWorkflow(server, principal, c.req.valid('param').id);
    await checkPolicy(server, { principal, permission: 'workflow:execute', operationId: 'runWorkflow', workflow });
    const body = c.req.valid('json');
    const input = body.input?.map(toItem);
    await server.quotas.checkRun(tenantId);
    const run = server.running.start(tenantId, (signal, onEvent) =>
      server.engine.run(workflow, {
        tenantId,
        mode: 'manual',
        signal,
        onEvent,
        ...(input ? { input } : {}),
        ...(body.vars ? { vars: body.vars } : {}),
        ...(body.timeoutMs !== undefined ? { timeoutMs: body.timeoutMs } : {}),
        ...(body.startNode !== undefined ? { startNode: body.startNode } : {}),
      }),
    );
    if (!body.async) return json(await run.done);
    // Failures of a run nobody awaits are recorded in its execution; this only keeps them from going unhandled.
    run.done.catch(() => undefined);
    return json({ executionId: await run.id }, 202);
  });
}

/** An object with a `json` key is an item, checked as one; any other object becomes the `json` of one. */
function toItem(value: Record<string, unknown>, index: number): Item {
  if (!('json' in value)) return { json: value };
  const parsed = itemSchema.safeParse(value);
  if (parsed.success) return parsed.data as Item;
  throw invalidRequest(
    parsed.error.issues.map((issue) => ({
      in: 'body' as const,
      path: formatPath(['input', index, ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')]),
      message: issue.message,
    })),
    'INPUT_INVALID',
  );
}
