import { DashboardError } from './dashboard.error.js';

/** A member of the tenant. */
export interface Member {
  /** The user's id (`sub` of the host's embed tokens). */
  id: string;
  email?: string;
  name?: string;
  role: string;
  teamIds?: string[];
}

/** An invitation not yet accepted. */
export interface Invite {
  id: string;
  email: string;
  role: string;
  /** When the invitation lapses (ISO). */
  expiresAt?: string;
}

/** A team members belong to. */
export interface Team {
  id: string;
  name: string;
}

/** The members, the open invitations, the roles a member may be given, and the teams. */
export interface MembersView {
  members: Member[];
  invites: Invite[];
  roles: string[];
  teams?: Team[];
}

/** What an invitation names. */
export interface InviteInput {
  email: string;
  role: string;
}

/** A new invitation, and the token that admits its invitee when the server gives one (only in this answer). */
export interface InviteResult {
  invite: Invite;
  token?: string;
}

/**
 * Who belongs to the tenant, for users allowed to manage members. `list`
 * resolves with `undefined` when the caller may not manage them: the
 * dashboard then hides its members section.
 */
export interface MemberDirectory {
  list(options?: { signal?: AbortSignal }): Promise<MembersView | undefined>;
  invite(input: InviteInput): Promise<Invite>;
  revokeInvite(inviteId: string): Promise<void>;
  changeRole(memberId: string, role: string): Promise<Member>;
  remove(memberId: string): Promise<void>;
}

/** The roles `@flowloom/server` has built in, from most to least allowed. */
export const BUILTIN_ROLES: readonly string[] = ['owner', 'admin', 'editor', 'operator', 'viewer'];

/** What `createMemoryMemberDirectory` takes. */
export interface MemoryMemberDirectoryOptions {
  members?: readonly Member[];
  invites?: readonly Invite[];
  /** Roles offered (default `BUILTIN_ROLES`). */
  roles?: readonly string[];
  /** The teams members' `teamIds` name. */
  teams?: readonly Team[];
  /** Whether the user may manage members (default true); when false, `list` resolves with `undefined`. */
  canManage?: boolean;
  /** New invitation ids (default `invite-1`, `invite-2`...). */
  generateId?: () => string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Members kept in the page: for a dashboard working against an in-page
 * engine, for demos, and for tests. It checks what a server would (the
 * email, the role, the last owner) and refuses with a `DashboardError`.
 *
 * @example
 * const members = createMemoryMemberDirectory({ members: [{ id: 'u1', email: 'ada@example.com', role: 'owner' }] });
 * dashboard.dataSource = new EngineDataSource({ engine, members });
 */
export function createMemoryMemberDirectory(options: MemoryMemberDirectoryOptions = {}): MemberDirectory {
  const members = new Map((options.members ?? []).map((m) => [m.id, { ...m }]));
  const invites = new Map((options.invites ?? []).map((i) => [i.id, { ...i }]));
  const roles = [...(options.roles ?? BUILTIN_ROLES)];
  let next = 0;
  const newId = options.generateId ?? (() => `invite-${++next}`);

  const manage = (what: string) => {
    if (options.canManage === false) throw new DashboardError('FORBIDDEN', `${what}: you may not manage the members of this tenant.`);
  };
  const checkRole = (where: string, role: string) => {
    if (!roles.includes(role)) {
      throw new DashboardError('INPUT_INVALID', `${where}: role '${role}' is not one of ${roles.join(', ')}.`);
    }
  };
  const member = (where: string, id: string) => {
    const found = members.get(id);
    if (!found) throw new DashboardError('NOT_FOUND', `${where}: there is no member '${id}'.`);
    return found;
  };
  const owners = () => [...members.values()].filter((m) => m.role === 'owner').length;

  return {
    async list() {
      if (options.canManage === false) return undefined;
      return {
        members: [...members.values()].map((m) => ({ ...m })),
        invites: [...invites.values()].map((i) => ({ ...i })),
        roles: [...roles],
        teams: (options.teams ?? []).map((t) => ({ ...t })),
      };
    },
    async invite({ email, role }) {
      manage('Invite');
      const address = email.trim();
      if (!EMAIL.test(address)) throw new DashboardError('INPUT_INVALID', `Invite: '${address}' is not an email address.`);
      checkRole('Invite', role);
      const taken = [...members.values(), ...invites.values()].find((m) => m.email?.toLowerCase() === address.toLowerCase());
      if (taken) throw new DashboardError('INPUT_INVALID', `Invite: ${address} is already a member or invited.`);
      const invite = { id: newId(), email: address, role };
      invites.set(invite.id, invite);
      return { ...invite };
    },
    async revokeInvite(inviteId) {
      manage('Revoke invitation');
      if (!invites.delete(inviteId)) throw new DashboardError('NOT_FOUND', `Revoke invitation: there is no invitation '${inviteId}'.`);
    },
    async changeRole(memberId, role) {
      manage('Change role');
      const found = member('Change role', memberId);
      checkRole(`Change role of ${found.email ?? found.id}`, role);
      if (found.role === 'owner' && role !== 'owner' && owners() === 1) {
        throw new DashboardError(
          'INPUT_INVALID',
          `Change role of ${found.email ?? found.id}: the tenant needs an owner; make another member owner first.`,
        );
      }
      found.role = role;
      return { ...found };
    },
    async remove(memberId) {
      manage('Remove member');
      const found = member('Remove member', memberId);
      if (found.role === 'owner' && owners() === 1) {
        throw new DashboardError(
          'INPUT_INVALID',
          `Remove ${found.email ?? found.id}: the tenant needs an owner; make another member owner first.`,
        );
      }
      members.delete(memberId);
    },
  };
}
