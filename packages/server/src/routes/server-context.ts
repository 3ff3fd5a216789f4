import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Engine } from '@flowloom/engine';
import type { ApiKeys } from '../auth/api-keys.js';
import type { Authenticator } from '../auth/authenticate.js';
import type { Policy, Principal, RoleTable } from '../auth/permissions.js';
import type { Members } from '../members/members.js';
import type { Quotas } from '../quotas/quotas.js';
import type { Activations } from './activations.js';
import type { RunningExecutions } from './running-executions.js';

/** What the routes share: the engine and the server's own state. */
export interface ServerContext {
  engine: Engine;
  authenticate: Authenticator;
  roles: RoleTable;
  policy: Policy | undefined;
  apiKeys: ApiKeys | undefined;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  activations: Activations;
  running: RunningExecutions;
  quotas: Quotas;
  /** The tenants' members, teams, invites and workspaces. */
  members: Members;
  now: () => number;
}

/** The Hono environment of the server's routes. */
export interface ServerEnv {
  Variables: {
    server: ServerContext;
    /** Set by a route's guard once the caller is authenticated and allowed. */
    principal: Principal;
  };
}

/** The app `createServer` returns. */
export type ServerApp = OpenAPIHono<ServerEnv>;
