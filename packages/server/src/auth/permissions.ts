import type { Workflow } from '@flowloom/engine';

/** Every permission a route can require. */
export const PERMISSIONS = [
  'workflow:read',
  'workflow:write',
  'workflow:execute',
  'workflow:activate',
  'execution:read',
  'execution:delete',
  'credential:read',
  'credential:use',
  'credential:write',
  'variable:read',
  'variable:write',
  'webhook:read',
  'member:read',
  'member:manage',
  'invite:accept',
  'usage:read',
] as const;

/** A permission string such as `workflow:write`. */
export type Permission = (typeof PERMISSIONS)[number];

/** The built-in roles. */
export type BuiltinRole = 'owner' | 'admin' | 'editor' | 'operator' | 'viewer';

/** Role name -> the permissions it grants. */
export type RoleTable = Readonly<Record<string, readonly Permission[]>>;

// Every role may see who else is in the tenant, and accept an invite made out to its user.
const READ: readonly Permission[] = [
  'workflow:read',
  'execution:read',
  'credential:read',
  'variable:read',
  'webhook:read',
  'member:read',
  'invite:accept',
];

/**
 * The built-in roles. An owner and an admin may do everything; an editor
 * builds and runs workflows and manages credentials and variables; an
 * operator runs, activates and watches workflows without changing them; a
 * viewer only reads (credentials masked). Every role sees the tenant's
 * members, teams and roles, and may accept an invite; only owners and
 * admins manage them (`member:manage`).
 */
export const DEFAULT_ROLES: Readonly<Record<BuiltinRole, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  editor: [...READ, 'workflow:write', 'workflow:execute', 'workflow:activate', 'credential:use', 'credential:write', 'variable:write'],
  operator: [...READ, 'workflow:execute', 'workflow:activate', 'credential:use'],
  viewer: READ,
};

/** Who is calling, as authentication established it. Routes take the tenant from here alone. */
export interface Principal {
  tenantId: string;
  role: string;
  /** What the caller may do: its role's permissions, narrowed by an API key's own list. */
  permissions: ReadonlySet<Permission>;
  via: 'apiKey' | 'embedToken';
  /** The end user an embed token names (`sub`). */
  userId?: string;
  /** The API key used, by id. */
  apiKeyId?: string;
}

/** What a `policy` hook is asked about. */
export interface PolicyRequest {
  principal: Principal;
  /** The permission the route requires (already granted by the role). */
  permission: Permission;
  /** The route's OpenAPI operation id, as `saveWorkflow`. */
  operationId: string;
  /** The workflow the request writes, runs or activates, on the routes that have it in hand. */
  workflow?: Workflow;
}

/** A policy's answer: allow (`true` or nothing), or deny with a sentence the caller reads. */
export type PolicyDecision = boolean | undefined | void | { deny: string };

/**
 * A host's rule over the roles: deny a node type, lock a workflow, close a
 * route to embed tokens. Called for every request whose role allows it, and
 * again with `workflow` on the routes that save, run or activate one.
 *
 * @example
 * const policy: Policy = ({ workflow }) =>
 *   workflow?.nodes.some((n) => n.type === 'core.code') ? { deny: 'Code nodes are not available on your plan.' } : true;
 */
export type Policy = (request: PolicyRequest) => PolicyDecision | Promise<PolicyDecision>;

/** The role table in force: the built-in roles with the host's added or replaced. */
export function roleTable(custom: RoleTable = {}): RoleTable {
  for (const [role, permissions] of Object.entries(custom)) {
    for (const p of permissions) {
      if (!(PERMISSIONS as readonly string[]).includes(p)) {
        throw new TypeError(`createServer: role '${role}' names the permission '${p}', which is not one of ${PERMISSIONS.join(', ')}.`);
      }
    }
  }
  return { ...DEFAULT_ROLES, ...custom };
}

/** The permissions of a role, or undefined for a role the table does not know. */
export function permissionsOf(roles: RoleTable, role: string): ReadonlySet<Permission> | undefined {
  return Object.hasOwn(roles, role) ? new Set(roles[role]) : undefined;
}
