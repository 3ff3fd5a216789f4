import { z } from '@hono/zod-openapi';
import type { Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { ApiError } from '../errors/api.error.js';
import { bodyWithinLimit, readRequestBody } from '../http/request-body.js';
import { defineRoute, handle, json } from './define-route.js';
import { errorResponses, jsonResponse, WebhookRegistrationSchema } from './schemas.js';
import type { ServerApp, ServerEnv } from './server-context.js';

const listWebhooks = defineRoute({
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  summary: 'List the webhooks the caller’s active workflows answer',
  tags: ['Webhooks'],
  permission: 'webhook:read',
  responses: {
    200: jsonResponse('Each webhook with the URL path senders call.', z.object({ webhooks: z.array(WebhookRegistrationSchema) })),
    ...errorResponses(),
  },
});

/** The public webhook endpoints: `/t/<tenant>/webhook/...` and `/t/<tenant>/webhook-waiting/<execution id>`. */
export const WEBHOOK_ROUTES = ['/t/:tenant/webhook/*', '/t/:tenant/webhook-waiting/*'] as const;

/** `GET /webhooks`, and the webhook endpoints themselves. */
export function webhookRoutes(app: ServerApp): void {
  handle(app, listWebhooks, async (c) => json({ webhooks: c.var.server.activations.webhooks(c.var.principal.tenantId) }));

  // Senders cannot authenticate to this server: the URL names the tenant, and only a webhook that tenant's
  // active workflows registered (or a waiting execution of that tenant) answers. No header is consulted.
  const forward: MiddlewareHandler<ServerEnv> = async (c) => {
    const server = c.var.server;
    // First: a body over the limit is refused (413) whatever the path. One of declared length goes on unread
    // (the engine reads it if a workflow answers); one sent in chunks is read here, up to the limit.
    const raw = c.req.raw;
    const body = bodyWithinLimit(raw, server.maxBodyBytes) ? undefined : await readRequestBody(raw, server.maxBodyBytes);
    const tenantId = c.req.param('tenant') ?? '';
    const url = new URL(c.req.url);
    // What follows `/t/<tenant>`, wherever the host mounted the server: the matched pattern says how many
    // segments come before it.
    const pattern = routePath(c);
    const skip = pattern.slice(0, pattern.indexOf('/t/:tenant/')).split('/').filter(Boolean).length + 2;
    const rest = `/${url.pathname.split('/').filter(Boolean).slice(skip).join('/')}`;
    const isWaiting = rest.startsWith('/webhook-waiting/');
    const hookPath = rest.replace(/^\/webhook\//, '');
    if (!isWaiting && !server.activations.answers(tenantId, c.req.method, hookPath)) {
      throw new ApiError(404, 'WEBHOOK_NOT_FOUND', `No active workflow answers ${c.req.method} ${url.pathname}.`);
    }
    await server.quotas.checkWebhookRate(tenantId);
    if (!isWaiting) await server.quotas.checkRun(tenantId);
    // The call goes as it came (its query included), routed by the path after the tenant.
    const request = body === undefined ? raw : new Request(raw.url, { method: raw.method, headers: raw.headers, body });
    return server.engine.handleWebhook(request, { tenantId, path: rest });
  };
  const router = app as unknown as Hono<ServerEnv>;
  for (const path of WEBHOOK_ROUTES) router.all(path, forward);
}
