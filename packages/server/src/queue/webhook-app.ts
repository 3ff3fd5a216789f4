import { FlowloomError, type Engine, type Logger } from '@flowloom/engine';
import { Hono, type Context } from 'hono';
import { ApiError } from '../errors/api.error.js';
import { toApiError } from '../http/error-response.js';
import { readRequestBody } from '../http/request-body.js';
import type { ServerMetrics } from '../monitoring/metrics.js';
import type { Quotas } from '../quotas/quotas.js';
import type { QueueHandover } from './queue-isolation.js';
import type { ActivationFollower } from './shared-activations.js';

/** What a webhook process serves with. */
export interface WebhookAppOptions {
  /** The process's engine: its isolation hands every run to the queue. */
  engine: Engine;
  handover: QueueHandover;
  activations: ActivationFollower;
  quotas: Quotas;
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  metrics?: ServerMetrics;
  /** Whether the process is ready: Redis, PostgreSQL and the routes of the active workflows. */
  ready(): Promise<string | undefined>;
  logger: Logger;
}

/**
 * The HTTP app of a webhook process: the same public webhook endpoints as
 * the API's (`/t/<tenant>/webhook/...` and `/t/<tenant>/webhook-waiting/<id>`),
 * the same quotas, and health; nothing else. A call is answered once its run
 * is a job in Redis. A call no route answers makes the process read the
 * tenant's active workflows again before it says 404, so a workflow answers
 * here as soon as its activation returned on main.
 */
export function createWebhookApp(options: WebhookAppOptions): Hono {
  const { engine, quotas, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const app = new Hono();
  const fail = (c: Context, error: unknown) => {
    const apiError = toApiError(error, logger);
    for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
    return c.json(apiError.body(), apiError.status as 400);
  };
  if (options.metrics) app.use('*', options.metrics.observe);
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const reason = await options.ready();
    return reason === undefined ? c.json({ status: 'ready' }) : c.json({ status: 'not ready', reason }, 503);
  });
  if (options.metrics) app.get('/metrics', options.metrics.handle);

  const forward = async (c: Context) => {
    try {
      // First: a body over the limit is refused (413) whatever the path.
      const raw = c.req.raw;
      const body = await readRequestBody(raw, maxBodyBytes);
      const tenantId = c.req.param('tenant') ?? '';
      const url = new URL(c.req.url);
      const rest = `/${url.pathname.split('/').filter(Boolean).slice(2).join('/')}`;
      const waiting = rest.startsWith('/webhook-waiting/');
      await quotas.checkWebhookRate(tenantId);
      if (!waiting) await quotas.checkRun(tenantId);
      const call = () =>
        engine.handleWebhook(new Request(new URL(`${rest}${url.search}`, url.origin), { method: raw.method, headers: raw.headers, body }), {
          tenantId,
        });
      let response = await call();
      if (response.status === 404 && !waiting) {
        await options.activations.refreshTenant(tenantId);
        response = await call();
      }
      return await answerOnceQueued(response, options.handover);
    } catch (error) {
      return fail(c, error);
    }
  };
  app.all('/t/:tenant/webhook/*', forward);
  app.all('/t/:tenant/webhook-waiting/*', forward);
  app.notFound((c) =>
    fail(
      c,
      new ApiError(
        404,
        'NOT_FOUND',
        `A webhook process answers webhooks only: there is no route ${c.req.method} ${new URL(c.req.url).pathname}.`,
      ),
    ),
  );
  app.onError((error, c) => fail(c, error));
  return app;
}

/**
 * Holds an answer that names an execution (`{ executionId }`, the answer of
 * a webhook that responds at once) until that run is a job in Redis; an
 * answer that names none is sent as it is.
 */
async function answerOnceQueued(response: Response, handover: QueueHandover): Promise<Response> {
  if (response.status >= 300 || !response.headers.get('content-type')?.includes('json')) return response;
  const text = await response.text();
  let executionId: unknown;
  try {
    executionId = (JSON.parse(text) as { executionId?: unknown }).executionId;
  } catch {
    executionId = undefined;
  }
  const resumed = text.includes('"resumed":true');
  if (typeof executionId === 'string' && !resumed && !response.headers.has('x-flowloom-execution-id')) {
    try {
      await handover.handedOver(executionId);
    } catch (error) {
      if (error instanceof FlowloomError && error.code === 'QUEUE_UNAVAILABLE') {
        throw new ApiError(503, error.code, error.message, { headers: { 'retry-after': '1' } });
      }
      throw error;
    }
  }
  return new Response(text, { status: response.status, headers: response.headers });
}
