import { createRoute, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Permission } from '../auth/permissions.js';
import { ApiError } from '../errors/api.error.js';
import { checkPolicy } from './guard.js';
import type { ServerApp, ServerEnv } from './server-context.js';

/** A route of the API: an OpenAPI operation and the permission it requires. */
export type RouteSpec = Omit<RouteConfig, 'middleware' | 'hide' | 'operationId' | 'security'> & {
  operationId: string;
  permission: Permission;
};

/** The OpenAPI extension field that carries a route's permission, in the route table and the document alike. */
export const PERMISSION_FIELD = 'x-permission';

/**
 * Declares a route. Its permission is required: the guard that checks it is
 * the route's first middleware, before its input is read, so a caller
 * without it learns nothing from validation errors. The permission is also
 * written into the OpenAPI document as `x-permission`.
 */
export function defineRoute<const S extends RouteSpec>(spec: S) {
  const { permission, ...config } = spec;
  const middleware: MiddlewareHandler<ServerEnv>[] = [guard(permission, spec.operationId), limitBody, jsonGate];
  return createRoute({
    ...(config as Omit<S, 'permission'>),
    [PERMISSION_FIELD]: permission,
    security: [{ bearer: [] }],
    middleware,
  });
}

/** The context a route's handler receives, typed by its route. */
export type RouteContext<R extends RouteConfig> = Parameters<RouteHandler<R, ServerEnv>>[0];

/** Registers a route's handler. Handlers answer with `json(...)`, whose body the route's response schema documents. */
export function handle<R extends RouteConfig>(app: ServerApp, route: R, handler: (c: RouteContext<R>) => Promise<Response>): void {
  app.openapi(route, handler as never);
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

function guard(permission: Permission, operationId: string): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const server = c.var.server;
    const principal = await server.authenticate(c.req.raw);
    await server.quotas.checkRate(principal);
    if (!principal.permissions.has(permission)) {
      throw new ApiError(
        403,
        'PERMISSION_DENIED',
        `This call needs the permission '${permission}', which the role '${principal.role}' does not grant.`,
        {
          details: { permission, role: principal.role },
        },
      );
    }
    c.set('principal', principal);
    await checkPolicy(server, { principal, permission, operationId });
    await next();
  };
}

const limitBody: MiddlewareHandler<ServerEnv> = async (c, next) =>
  bodyLimit({
    maxSize: c.var.server.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${c.var.server.maxBodyBytes} bytes.`);
    },
  })(c, next);

/** Refuses a JSON body that does not parse, naming where parsing stopped, before any validator reads it. */
const jsonGate: MiddlewareHandler<ServerEnv> = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (c.req.raw.body && /^application\/([a-z.-]+\+)?json/i.test(type)) {
    const text = await c.req.text();
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
      } catch (error) {
        const message = (error as Error).message;
        throw new ApiError(400, 'BAD_JSON', `The request body is not valid JSON: ${message}.`, {
          details: { issues: [{ in: 'body', path: '(document)', message }] },
        });
      }
    }
  }
  await next();
};
