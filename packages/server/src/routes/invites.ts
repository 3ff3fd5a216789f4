import { z } from '@hono/zod-openapi';
import { ApiError } from '../errors/api.error.js';
import { inviteView, OWNER_ROLE, revokeInvite } from '../members/directory-members.js';
import { defineRoute, handle, json } from './define-route.js';
import { InviteAcceptSchema, InviteInputSchema, InviteSchema, MemberSchema } from './member-schemas.js';
import { actorOf, checkGrantableRole } from './role-grant.js';
import { errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const tags = ['Members'];

const listInvites = defineRoute({
  method: 'get',
  path: '/invites',
  operationId: 'listInvites',
  summary: 'List the tenant’s invites and where each stands (never their tokens)',
  tags,
  permission: 'member:manage',
  responses: { 200: jsonResponse('The invites.', z.object({ invites: z.array(InviteSchema) })), ...errorResponses() },
});

const createInvite = defineRoute({
  method: 'post',
  path: '/invites',
  operationId: 'createInvite',
  summary: 'Invite someone to the tenant with a role (and teams); the token is in this answer only',
  description:
    'Hand the token to the invitee (a link of your product); the user your embed token names accepts it with POST /invites/accept. Only an owner invites an owner.',
  tags,
  permission: 'member:manage',
  request: { body: { content: { 'application/json': { schema: InviteInputSchema } }, required: true } },
  responses: {
    201: jsonResponse('The token, shown once, and the invite.', z.object({ token: z.string(), invite: InviteSchema })),
    ...errorResponses(400, 409, 413),
  },
});

const revokeInviteRoute = defineRoute({
  method: 'delete',
  path: '/invites/{id}',
  operationId: 'revokeInvite',
  summary: 'Revoke an invite that has not been accepted; its token admits nobody',
  tags,
  permission: 'member:manage',
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked.' }, ...errorResponses(404, 409) },
});

const acceptInvite = defineRoute({
  method: 'post',
  path: '/invites/accept',
  operationId: 'acceptInvite',
  summary: 'Accept an invite as the user of the embed token: that user becomes a member with the invite’s role and teams',
  description:
    'Needs an embed token of the invite’s tenant; the member is the token’s user (`sub`), never anything in the body. An invite is accepted once, before it expires.',
  tags,
  permission: 'invite:accept',
  request: { body: { content: { 'application/json': { schema: InviteAcceptSchema } }, required: true } },
  responses: {
    201: jsonResponse('The new member.', z.object({ member: MemberSchema, invite: InviteSchema })),
    ...errorResponses(400, 404, 409, 413),
  },
});

/** Invites to the caller's tenant, and their acceptance. */
export function inviteRoutes(app: ServerApp): void {
  handle(app, listInvites, async (c) => {
    const { members } = c.var.server;
    const now = members.now();
    const directory = await members.read(c.var.principal.tenantId);
    return json({ invites: directory.invites.map((i) => inviteView(i, now)) });
  });

  handle(app, createInvite, async (c) => {
    const { server, principal } = c.var;
    const body = c.req.valid('json');
    checkGrantableRole(server, principal, body.role);
    if (body.role === OWNER_ROLE && principal.role !== OWNER_ROLE) {
      throw new ApiError(403, 'OWNER_REQUIRED', 'Only an owner may invite an owner.', { details: { role: OWNER_ROLE } });
    }
    const created = await server.members.invite(principal.tenantId, body, actorOf(principal));
    return json(created, 201, { 'cache-control': 'no-store' });
  });

  handle(app, revokeInviteRoute, async (c) => {
    const { members } = c.var.server;
    const { id } = c.req.valid('param');
    const at = members.at();
    const now = members.now();
    await members.change(c.var.principal.tenantId, (d) => revokeInvite(d, { id, at, now }));
    return json(undefined, 204);
  });

  handle(app, acceptInvite, async (c) => {
    const { server, principal } = c.var;
    const { token } = c.req.valid('json');
    if (principal.via !== 'embedToken' || principal.userId === undefined || principal.userId === '') {
      throw new ApiError(
        403,
        'EMBED_TOKEN_REQUIRED',
        'An invite is accepted by a user: call with an embed token naming the user (`sub`) and the invite’s tenant, not an API key.',
      );
    }
    return json(await server.members.accept(principal.tenantId, token, principal.userId), 201);
  });
}
