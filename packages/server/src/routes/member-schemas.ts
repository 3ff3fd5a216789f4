import { z } from '@hono/zod-openapi';

// Request bodies and response records of members, invites, teams, roles and workspaces.

const name = z.string().trim().min(1).max(200);
const teamIds = z.array(z.string().min(1).max(200)).max(100);

export const MemberSchema = z
  .object({
    userId: z.string().openapi({ description: 'The user’s id in the host’s embed tokens (`sub`).' }),
    email: z.string().optional(),
    role: z.string(),
    teamIds: z.array(z.string()),
    joinedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Member');

export const MemberUpdateSchema = z
  .object({ role: z.string().min(1) })
  .strict()
  .openapi('MemberUpdate');

export const RoleSchema = z
  .object({
    name: z.string(),
    permissions: z.array(z.string()),
    builtin: z.boolean().openapi({ description: 'One of owner, admin, editor, operator, viewer (the host may redefine it).' }),
  })
  .openapi('Role');

export const InviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    teamIds: z.array(z.string()),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().optional(),
    acceptedBy: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .openapi('Invite');

export const InviteInputSchema = z
  .object({
    email: z.email().max(320),
    role: z.string().min(1),
    teamIds: teamIds.optional().openapi({ description: 'Teams the invitee joins on accepting.' }),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .optional()
      .openapi({ description: 'How long the token admits its user (default 168, a week; at most 720).' }),
  })
  .strict()
  .openapi('InviteInput');

export const InviteAcceptSchema = z
  .object({ token: z.string().min(1).max(200).openapi({ description: 'The token `POST /invites` answered with.' }) })
  .strict()
  .openapi('InviteAccept');

export const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    memberIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Team');

export const TeamInputSchema = z
  .object({ name, description: z.string().max(2000).optional() })
  .strict()
  .openapi('TeamInput');

export const TeamUpdateSchema = z
  .object({ name: name.optional(), description: z.string().max(2000).optional() })
  .strict()
  .openapi('TeamUpdate');

export const WorkspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    teamIds: z.array(z.string()).openapi({ description: 'The teams whose members see what the workspace holds.' }),
    workflowIds: z.array(z.string()),
    credentialIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Workspace');

export const WorkspaceInputSchema = z.object({ name, teamIds: teamIds.optional() }).strict().openapi('WorkspaceInput');

export const WorkspaceUpdateSchema = z
  .object({ name: name.optional(), teamIds: teamIds.optional().openapi({ description: 'Replaces the list.' }) })
  .strict()
  .openapi('WorkspaceUpdate');

const pathId = (param: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: param, in: 'path' } });

/** A team and one of the tenant's users in the path. */
export const TeamMemberParams = z.object({ id: pathId('id'), userId: pathId('userId') });

/** A workspace and one of the tenant's workflows in the path. */
export const WorkspaceWorkflowParams = z.object({ id: pathId('id'), workflowId: pathId('workflowId') });

/** A workspace and one of the tenant's credentials in the path. */
export const WorkspaceCredentialParams = z.object({ id: pathId('id'), credentialId: pathId('credentialId') });
