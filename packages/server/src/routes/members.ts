import { z } from '@hono/zod-openapi';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import { findMember, memberView, OWNER_ROLE, removeMember, setMemberRole } from '../members/directory-members.js';
import { defineRoute, handle, json } from './define-route.js';
import { MemberSchema, MemberUpdateSchema, RoleSchema } from './member-schemas.js';
import { checkGrantableRole } from './role-grant.js';
import { errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const tags = ['Members'];

const listMembers = defineRoute({
  method: 'get',
  path: '/members',
  operationId: 'listMembers',
  summary: 'List the members of the caller’s tenant, with their roles and teams',
  tags,
  permission: 'member:read',
  responses: { 200: jsonResponse('The members.', z.object({ members: z.array(MemberSchema) })), ...errorResponses() },
});

const getMember = defineRoute({
  method: 'get',
  path: '/members/{id}',
  operationId: 'getMember',
  summary: 'Get a member by user id',
  tags,
  permission: 'member:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The member.', MemberSchema), ...errorResponses(404) },
});

const updateMember = defineRoute({
  method: 'patch',
  path: '/members/{id}',
  operationId: 'updateMember',
  summary: 'Give a member another role',
  description:
    'Only an owner makes an owner or changes an owner’s role; the last owner keeps the role. The caller must hold every permission of the role it gives.',
  tags,
  permission: 'member:manage',
  request: { params: IdParams, body: { content: { 'application/json': { schema: MemberUpdateSchema } }, required: true } },
  responses: { 200: jsonResponse('The member.', MemberSchema), ...errorResponses(400, 404, 409, 413) },
});

const removeMemberRoute = defineRoute({
  method: 'delete',
  path: '/members/{id}',
  operationId: 'removeMember',
  summary: 'Remove a member from the tenant and its teams',
  description: 'Only an owner removes an owner, and never the last one.',
  tags,
  permission: 'member:manage',
  request: { params: IdParams },
  responses: { 204: { description: 'Removed.' }, ...errorResponses(404, 409) },
});

const listRoles = defineRoute({
  method: 'get',
  path: '/roles',
  operationId: 'listRoles',
  summary: 'List the roles this server defines, with their permissions',
  tags,
  permission: 'member:read',
  responses: { 200: jsonResponse('The roles.', z.object({ roles: z.array(RoleSchema) })), ...errorResponses() },
});

/** Members of the caller's tenant, and the roles they may hold. */
export function memberRoutes(app: ServerApp): void {
  handle(app, listMembers, async (c) => {
    const directory = await c.var.server.members.read(c.var.principal.tenantId);
    return json({ members: directory.members.map((m) => memberView(directory, m)) });
  });

  handle(app, getMember, async (c) => {
    const directory = await c.var.server.members.read(c.var.principal.tenantId);
    return json(memberView(directory, findMember(directory, c.req.valid('param').id)));
  });

  handle(app, updateMember, async (c) => {
    const { server, principal } = c.var;
    const { role } = c.req.valid('json');
    checkGrantableRole(server, principal, role);
    const userId = c.req.valid('param').id;
    const at = server.members.at();
    const member = await server.members.change(principal.tenantId, (d) =>
      setMemberRole(d, { userId, role, callerIsOwner: principal.role === OWNER_ROLE, at }),
    );
    return json(member);
  });

  handle(app, removeMemberRoute, async (c) => {
    const { server, principal } = c.var;
    const userId = c.req.valid('param').id;
    const at = server.members.at();
    await server.members.change(principal.tenantId, (d) => removeMember(d, { userId, callerIsOwner: principal.role === OWNER_ROLE, at }));
    return json(undefined, 204);
  });

  handle(app, listRoles, async (c) => {
    const roles = Object.entries(c.var.server.roles).map(([name, permissions]) => ({
      name,
      permissions: [...permissions],
      builtin: Object.hasOwn(DEFAULT_ROLES, name),
    }));
    return json({ roles });
  });
}
