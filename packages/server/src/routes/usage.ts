import { z } from '@hono/zod-openapi';
import { defineRoute, handle, json } from './define-route.js';
import { errorResponses, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const Counted = z.object({ used: z.number().int(), limit: z.number().int().optional() });

const getUsage = defineRoute({
  method: 'get',
  path: '/usage',
  operationId: 'getUsage',
  summary: 'The tenant’s use against its limits this month, for billing',
  tags: ['Usage'],
  permission: 'usage:read',
  responses: {
    200: jsonResponse(
      'Counts and limits.',
      z
        .object({ tenantId: z.string(), month: z.string(), executions: Counted, workflows: Counted, runningExecutions: Counted })
        .openapi('Usage'),
    ),
    ...errorResponses(),
  },
});

/** `GET /usage`. */
export function usageRoutes(app: ServerApp): void {
  handle(app, getUsage, async (c) => json(await c.var.server.quotas.usage(c.var.principal.tenantId)));
}
