import { z } from '@hono/zod-openapi';
import { allExecutions } from '@flowloom/engine';
import { defineRoute, handle, json } from './define-route.js';
import { errorResponses, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const AnalyticsQuerySchema = z
  .object({
    workflowId: z.string().min(1).optional(),
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started at or after (default: 30 days ago).' }),
    to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started before (default: no end).' }),
    slowestNodes: z.coerce.number().int().min(1).max(100).optional(),
    nodeSample: z.coerce.number().int().min(1).max(1000).optional(),
    failingWorkflows: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .openapi({ description: 'How many failing workflows to list (default 10).' }),
  })
  .strict();

const AnalyticsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    successRate: z.number().optional(),
    durationMs: z.object({ average: z.number(), p50: z.number(), p95: z.number() }).optional(),
    perDay: z.array(z.object({ day: z.string(), total: z.number(), success: z.number(), failed: z.number() })),
    slowestNodes: z.array(z.record(z.string(), z.unknown())),
    failingWorkflows: z.array(
      z.object({
        workflowId: z.string(),
        failed: z.number().int(),
        lastError: z.object({ executionId: z.string(), startedAt: z.string(), message: z.string() }),
      }),
    ),
  })
  .openapi('Analytics');

const getAnalytics = defineRoute({
  method: 'get',
  path: '/analytics',
  operationId: 'getAnalytics',
  summary: 'Executions per day, success rate, durations, the slowest nodes and the workflows failing most',
  tags: ['Executions'],
  permission: 'execution:read',
  request: { query: AnalyticsQuerySchema },
  responses: { 200: jsonResponse('The figures for the window.', AnalyticsSchema), ...errorResponses(400) },
});

/** `GET /analytics`: what a monitoring dashboard shows. */
export function analyticsRoutes(app: ServerApp): void {
  handle(app, getAnalytics, async (c) => {
    const { engine, now } = c.var.server;
    const { tenantId } = c.var.principal;
    const { failingWorkflows: top = 10, ...query } = c.req.valid('query');
    const figures = await engine.executions.analytics({ ...query, tenantId, now });
    // The engine's figures have no per-workflow failures: count them from the failed executions of the window, newest first.
    const from = query.from ?? new Date(now() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const failing = new Map<
      string,
      { workflowId: string; failed: number; lastError: { executionId: string; startedAt: string; message: string } }
    >();
    const filter = {
      status: ['error', 'crashed'] as const,
      startedFrom: from,
      ...(query.to ? { startedTo: query.to } : {}),
      ...(query.workflowId ? { workflowId: query.workflowId } : {}),
    };
    for await (const execution of allExecutions(engine.storage.executions, tenantId, filter)) {
      const entry = failing.get(execution.workflowId);
      if (entry) entry.failed++;
      else {
        failing.set(execution.workflowId, {
          workflowId: execution.workflowId,
          failed: 1,
          lastError: {
            executionId: execution.id,
            startedAt: execution.startedAt,
            message: execution.error?.message ?? `The execution ended ${execution.status}.`,
          },
        });
      }
    }
    const failingWorkflows = [...failing.values()]
      .sort((a, b) => b.failed - a.failed || a.workflowId.localeCompare(b.workflowId))
      .slice(0, top);
    return json({ ...figures, failingWorkflows });
  });
}
