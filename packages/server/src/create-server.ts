import { OpenAPIHono } from '@hono/zod-openapi';
import type { Tracer } from '@opentelemetry/api';
import { cors } from 'hono/cors';
import { consoleLogger, type Engine, type Logger, type Workflow } from '@flowloom/engine';
import { createAuthenticator, type AuthOptions } from './auth/authenticate.js';
import { roleTable, type Policy, type RoleTable } from './auth/permissions.js';
import { ApiError } from './errors/api.error.js';
import { docsPage } from './http/docs-page.js';
import { fromZodError, toApiError } from './http/error-response.js';
import { withMemberRoles } from './members/member-roles.js';
import { createMemoryMemberStore, type MemberStore } from './members/member-store.js';
import { Members } from './members/members.js';
import { watchAlerts, type AlertOptions } from './monitoring/alerts.js';
import { runErrorWorkflows } from './monitoring/error-workflows.js';
import { ServerMetrics, type MetricsOptions } from './monitoring/metrics.js';
import { traceExecutions } from './monitoring/tracing.js';
import { Quotas, type QuotaOptions } from './quotas/quotas.js';
import { createMemoryActivationStore, type ActivationStore } from './routes/activation-store.js';
import { Activations } from './routes/activations.js';
import { analyticsRoutes } from './routes/analytics.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { catalogRoutes } from './routes/catalog.js';
import { credentialRoutes } from './routes/credentials.js';
import { executionEventRoutes } from './routes/execution-events.js';
import { OAUTH2_CALLBACK_PATH, oauth2Routes } from './routes/oauth2.js';
import { executionRoutes } from './routes/executions.js';
import { inviteRoutes } from './routes/invites.js';
import { memberRoutes } from './routes/members.js';
import { RunningExecutions } from './routes/running-executions.js';
import type { ServerApp, ServerContext, ServerEnv } from './routes/server-context.js';
import { variableRoutes } from './routes/variables.js';
import { teamRoutes } from './routes/teams.js';
import { templateRoutes } from './routes/templates.js';
import { usageRoutes } from './routes/usage.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workflowRunRoutes } from './routes/workflow-runs.js';
import { workflowRoutes } from './routes/workflows.js';
import { workspaceRoutes } from './routes/workspaces.js';

/** What `createServer` takes. */
export interface ServerOptions {
  /** The engine every route works through; its storage holds the tenants' records. */
  engine: Engine;
  /** How callers authenticate: API keys, embed tokens, or both. */
  auth: AuthOptions;
  /** Roles added to, or replacing, the built-in owner, admin, editor, operator and viewer. */
  roles?: RoleTable;
  /** The host's own rule over the roles (deny a node type, lock a workflow...). */
  policy?: Policy;
  /** Largest request body accepted, API and webhooks (default 1 MiB). */
  maxBodyBytes?: number;
  /** Where unexpected errors are logged (default: the console). */
  logger?: Logger;
  /** The time, for token expiry and record times (default `Date.now`). */
  now?: () => number;
  /** The API's title and version in its OpenAPI document. */
  info?: { title?: string; version?: string };
  /** Prometheus metrics at `/metrics` (default on, readable by anyone who reaches it); `false` turns them off. */
  metrics?: false | MetricsOptions;
  /**
   * Run a workflow's error workflow (`settings.errorWorkflow`) when one of
   * its executions fails, with the failed execution as input (default true).
   */
  errorWorkflows?: boolean;
  /**
   * OpenTelemetry spans for executions and their node runs (default on, through
   * `@opentelemetry/api`: a no-op until the host installs an SDK); `tracer`
   * replaces the global one; `false` turns them off.
   */
  tracing?: false | { tracer?: Tracer };
  /** Alert rules (failure rate over a window, duration over an SLA) and where their alerts go. */
  alerts?: AlertOptions;
  /**
   * The URL providers send users back to after connecting an OAuth2 account
   * (default: `/oauth2/callback` below wherever the server is mounted, on the
   * origin of the start request). Register it with each provider.
   */
  oauth2CallbackUrl?: string;
  /**
   * Workflow templates offered to every tenant (`GET /templates`, imported
   * with `POST /templates/{id}/import`): validated documents, such as the
   * repository's `templates/*.json` parsed with `engine.parseWorkflow`.
   */
  templates?: readonly Workflow[];
  /**
   * Where the active workflows are kept, so a restarted server activates them
   * again before it answers (default: memory, which a restart forgets).
   */
  activations?: ActivationStore;
  /**
   * Origins of the host's pages that call the API from the browser (an
   * embedded editor on another origin): answered with CORS headers. Calls
   * carry bearer tokens, never cookies. Default: none (same origin only).
   */
  corsOrigins?: string[];
  /** Per-tenant limits (executions a month, workflows, concurrent executions) and a request rate per caller. */
  quotas?: QuotaOptions;
  /**
   * Where each tenant's members, teams, invites and workspaces are kept
   * (default: memory, which a restart forgets). A member's role replaces the
   * role claim of its embed tokens.
   */
  members?: MemberStore;
}

/** Routes outside the API's route table: they take no credentials and are not operations of the OpenAPI document. */
/** The tenant `/readyz` asks for: nobody's. */
const READYZ_TENANT = '\u001freadyz';

export const PUBLIC_ROUTES = ['/livez', '/readyz', '/openapi.json', '/docs', '/metrics', OAUTH2_CALLBACK_PATH] as const;

/**
 * Creates Flowloom's REST API as a Hono app: a Fetch-API handler that mounts
 * in any Node, Bun, Deno or edge host. Every route authenticates its caller
 * (API key or embed token), takes the tenant from that alone, and checks
 * the permission its role must grant.
 *
 * @example
 * import { serve } from '@hono/node-server';
 * serve({ fetch: createServer({ engine, auth: { apiKeys } }).fetch, port: 3000 });
 */
export function createServer(options: ServerOptions): ServerApp {
  const now = options.now ?? (() => Date.now());
  const logger = options.logger ?? consoleLogger;
  const roles = roleTable(options.roles);
  const members = new Members(options.members ?? createMemoryMemberStore(), { now });
  const server: ServerContext = {
    engine: options.engine,
    authenticate: withMemberRoles(createAuthenticator(options.auth, roles, now), members, roles),
    roles,
    policy: options.policy,
    apiKeys: options.auth.apiKeys,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    activations: new Activations(options.engine, options.activations ?? createMemoryActivationStore(), logger),
    running: new RunningExecutions(),
    quotas: new Quotas(options.engine, options.quotas ?? {}, now),
    members,
    now,
  };

  const app: ServerApp = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.target, result.error);
    },
  });
  if (options.corsOrigins?.length) {
    app.use(
      '*',
      cors({
        origin: options.corsOrigins,
        allowHeaders: ['authorization', 'content-type'],
        exposeHeaders: ['retry-after', 'www-authenticate'],
        maxAge: 600,
      }),
    );
  }
  const metrics = options.metrics === false ? undefined : new ServerMetrics(options.engine, options.metrics);
  if (metrics) app.use('*', metrics.observe);
  // Before the next middleware, so liveness never waits for anything.
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.use('*', async (c, next) => {
    c.set('server', server);
    // Webhooks, lists and saves see the active workflows of before a restart.
    await server.activations.restored;
    await next();
  });
  if (options.errorWorkflows !== false) runErrorWorkflows(options.engine, logger);
  if (options.tracing !== false) traceExecutions(options.engine, options.tracing?.tracer);
  if (options.alerts) watchAlerts(options.engine, options.alerts, { now, logger });
  app.onError((error, c) => {
    const apiError = toApiError(error, logger);
    c.status(apiError.status as 400);
    for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
    return c.json(apiError.body());
  });
  app.notFound((c) =>
    c.json(new ApiError(404, 'NOT_FOUND', `There is no route ${c.req.method} ${new URL(c.req.url).pathname}.`).body(), 404),
  );

  app.get('/readyz', async (c) => {
    try {
      await options.engine.ready();
      // The engine has no "closed" flag to read: a webhook call for a tenant nobody has is refused with
      // ENGINE_CLOSED once it is closed, and otherwise answered 404 without touching anyone's data.
      // The tenant id starts with a control character no tenant has (and every store, PostgreSQL included, takes).
      await options.engine.handleWebhook(new Request('http://readyz.invalid/webhook/readyz'), { tenantId: READYZ_TENANT });
      await options.engine.storage.workflows.list(READYZ_TENANT);
      return c.json({ status: 'ready' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return c.json({ status: 'not ready', reason }, 503);
    }
  });

  if (metrics) app.get('/metrics', metrics.handle);

  workflowRoutes(app);
  workflowRunRoutes(app);
  executionRoutes(app);
  executionEventRoutes(app);
  analyticsRoutes(app);
  credentialRoutes(app);
  oauth2Routes(app, { ...(options.oauth2CallbackUrl ? { callbackUrl: options.oauth2CallbackUrl } : {}) });
  variableRoutes(app);
  webhookRoutes(app);
  apiKeyRoutes(app);
  memberRoutes(app);
  inviteRoutes(app);
  teamRoutes(app);
  workspaceRoutes(app);
  usageRoutes(app);
  templateRoutes(app, options.templates ?? []);
  catalogRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (`flk_...`) or an embed token (a JWT the host signed).',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: options.info?.title ?? 'Flowloom API',
      version: options.info?.version ?? '0.1.0',
      description: 'Workflows, executions, credentials, variables, webhooks, members, teams and workspaces of the caller’s tenant.',
    },
  };
  let document: ReturnType<ServerApp['getOpenAPI31Document']> | undefined;
  const openApiDocument = () => (document ??= app.getOpenAPI31Document(documentConfig));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(docsPage(openApiDocument(), 'openapi.json')));
  return app;
}
