// The rules over a tenant's members and invites, as changes of its directory. Each function is given a
// copy it may change, and throws an ApiError (nothing kept) when the change is refused.
import { ApiError, notFound, type RequestIssue } from '../errors/api.error.js';
import type { InviteRecord, MemberRecord, TenantDirectory } from './member-store.js';

/** The role the last member of a tenant holding it cannot lose or be removed with. */
export const OWNER_ROLE = 'owner';

/** Accepted, revoked and expired invites are kept this long after they expire, then dropped. */
const KEEP_SPENT_INVITES_MS = 30 * 24 * 3600 * 1000;

/** A member as the API shows it: its record and the teams it is in. */
export interface MemberView extends MemberRecord {
  teamIds: string[];
}

/** Where an invite stands. */
export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** An invite as the API shows it: no hash, and its status. */
export type InviteView = Omit<InviteRecord, 'hash'> & { status: InviteStatus };

/** A 409 whose cause may be a field of the body. */
export function conflict(code: string, message: string, bodyPath?: string): ApiError {
  const issues: RequestIssue[] | undefined = bodyPath ? [{ in: 'body', path: bodyPath, message }] : undefined;
  return new ApiError(409, code, message, issues ? { details: { issues } } : {});
}

export function memberView(directory: TenantDirectory, member: MemberRecord): MemberView {
  const teamIds = directory.teams.filter((t) => t.memberIds.includes(member.userId)).map((t) => t.id);
  return { ...member, teamIds };
}

export function findMember(directory: TenantDirectory, userId: string): MemberRecord {
  const member = directory.members.find((m) => m.userId === userId);
  if (!member) throw notFound('member', userId);
  return member;
}

/** Only an owner makes an owner, or changes or removes one. */
function checkOwnerRule(callerIsOwner: boolean, what: string): void {
  if (!callerIsOwner) {
    throw new ApiError(403, 'OWNER_REQUIRED', `Only an owner may ${what}.`, { details: { role: OWNER_ROLE } });
  }
}

function checkNotLastOwner(directory: TenantDirectory, member: MemberRecord, what: string): void {
  if (member.role !== OWNER_ROLE) return;
  if (directory.members.filter((m) => m.role === OWNER_ROLE).length > 1) return;
  throw conflict('LAST_OWNER', `'${member.userId}' is the tenant's last owner and cannot be ${what}; make another member an owner first.`);
}

/** Gives a member another role. */
export function setMemberRole(
  directory: TenantDirectory,
  change: { userId: string; role: string; callerIsOwner: boolean; at: string },
): MemberView {
  const member = findMember(directory, change.userId);
  if (member.role === change.role) return memberView(directory, member);
  if (member.role === OWNER_ROLE) checkOwnerRule(change.callerIsOwner, 'change the role of an owner');
  if (change.role === OWNER_ROLE) checkOwnerRule(change.callerIsOwner, 'make a member an owner');
  checkNotLastOwner(directory, member, `given another role`);
  member.role = change.role;
  member.updatedAt = change.at;
  return memberView(directory, member);
}

/** Removes a member from the tenant and from its teams. */
export function removeMember(directory: TenantDirectory, change: { userId: string; callerIsOwner: boolean; at: string }): MemberView {
  const member = findMember(directory, change.userId);
  if (member.role === OWNER_ROLE) checkOwnerRule(change.callerIsOwner, 'remove an owner');
  checkNotLastOwner(directory, member, 'removed');
  const view = memberView(directory, member);
  directory.members = directory.members.filter((m) => m !== member);
  for (const team of directory.teams) {
    if (!team.memberIds.includes(member.userId)) continue;
    team.memberIds = team.memberIds.filter((id) => id !== member.userId);
    team.updatedAt = change.at;
  }
  return view;
}

export function inviteStatus(invite: InviteRecord, now: number): InviteStatus {
  if (invite.acceptedAt !== undefined) return 'accepted';
  if (invite.revokedAt !== undefined) return 'revoked';
  return Date.parse(invite.expiresAt) <= now ? 'expired' : 'pending';
}

export function inviteView(invite: InviteRecord, now: number): InviteView {
  const { hash: _hash, ...view } = invite;
  return { ...view, status: inviteStatus(invite, now) };
}

/** Team ids a body names that the tenant does not have: a 400 naming each, at `field[i]`. */
export function checkTeamsExist(directory: TenantDirectory, teamIds: readonly string[], field: string): void {
  const unknown = teamIds.flatMap((id, i) => (directory.teams.some((t) => t.id === id) ? [] : [{ id, i }]));
  if (unknown.length === 0) return;
  const issues: RequestIssue[] = unknown.map(({ id, i }) => ({ in: 'body', path: `${field}[${i}]`, message: `there is no team '${id}'` }));
  const names = unknown.map(({ id }) => `'${id}'`).join(', ');
  throw new ApiError(400, 'TEAM_UNKNOWN', `The tenant has no team ${names}; create it with POST /teams first.`, { details: { issues } });
}

/** Records a new invite; the same address cannot be invited twice at once, nor a member's. */
export function addInvite(directory: TenantDirectory, invite: InviteRecord, now: number): InviteView {
  const email = invite.email;
  if (directory.members.some((m) => m.email === email)) {
    throw conflict('MEMBER_EXISTS', `'${email}' is already a member of the tenant.`, 'email');
  }
  const pending = directory.invites.find((i) => i.email === email && inviteStatus(i, now) === 'pending');
  if (pending) {
    throw conflict(
      'INVITE_PENDING',
      `'${email}' already has a pending invite ('${pending.id}'); revoke it with DELETE /invites/${pending.id} to send another.`,
      'email',
    );
  }
  checkTeamsExist(directory, invite.teamIds, 'teamIds');
  directory.invites = directory.invites.filter((i) => Date.parse(i.expiresAt) + KEEP_SPENT_INVITES_MS > now);
  directory.invites.push(invite);
  return inviteView(invite, now);
}

/** Revokes a pending (or expired) invite: its token no longer admits anyone. */
export function revokeInvite(directory: TenantDirectory, change: { id: string; at: string; now: number }): InviteView {
  const invite = directory.invites.find((i) => i.id === change.id);
  if (!invite) throw notFound('invite', change.id);
  const status = inviteStatus(invite, change.now);
  if (status === 'accepted') {
    throw conflict('INVITE_USED', `Invite '${invite.id}' was accepted by '${invite.acceptedBy}'; remove the member instead.`);
  }
  if (status === 'revoked') throw conflict('INVITE_REVOKED', `Invite '${invite.id}' is already revoked.`);
  invite.revokedAt = change.at;
  return inviteView(invite, change.now);
}

/** Makes the user a member with the invite's role and teams, and spends the invite. */
export function acceptInvite(
  directory: TenantDirectory,
  change: { hash: string; userId: string; at: string; now: number },
): { member: MemberView; invite: InviteView } {
  const invite = directory.invites.find((i) => i.hash === change.hash);
  if (!invite) {
    throw new ApiError(404, 'INVITE_NOT_FOUND', 'No invite of this tenant has this token; ask for a new invite.', {
      details: { issues: [{ in: 'body', path: 'token', message: 'is not an invite of this tenant' }] },
    });
  }
  const status = inviteStatus(invite, change.now);
  if (status === 'accepted')
    throw conflict('INVITE_USED', 'This invite has already been accepted; an invite admits one user, once.', 'token');
  if (status === 'revoked') throw conflict('INVITE_REVOKED', 'This invite was revoked; ask for a new one.', 'token');
  if (status === 'expired') throw conflict('INVITE_EXPIRED', `This invite expired at ${invite.expiresAt}; ask for a new one.`, 'token');
  if (directory.members.some((m) => m.userId === change.userId)) {
    throw conflict('MEMBER_EXISTS', `The user '${change.userId}' is already a member of the tenant; the invite is left unused.`);
  }
  const member: MemberRecord = { userId: change.userId, email: invite.email, role: invite.role, joinedAt: change.at, updatedAt: change.at };
  directory.members.push(member);
  for (const team of directory.teams) {
    if (!invite.teamIds.includes(team.id)) continue;
    team.memberIds.push(member.userId);
    team.updatedAt = change.at;
  }
  invite.acceptedAt = change.at;
  invite.acceptedBy = change.userId;
  return { member: memberView(directory, member), invite: inviteView(invite, change.now) };
}
