import { sha256Hex } from '../auth/api-keys.js';
import type { Principal } from '../auth/permissions.js';
import { notFound } from '../errors/api.error.js';
import { acceptInvite, addInvite, type InviteView, type MemberView } from './directory-members.js';
import { createTeam, createWorkspace, forgetItem, hiddenFrom, type WorkspaceItemKind } from './directory-teams.js';
import type { MemberStore, TeamRecord, TenantDirectory, WorkspaceRecord } from './member-store.js';

/** Every invite token starts with this, so a leaked one is easy to find in logs and by secret scanners. */
export const INVITE_TOKEN_PREFIX = 'fli_';

/** What `Members.invite` takes. */
export interface InviteInput {
  email: string;
  role: string;
  teamIds?: string[];
  /** How long the token admits its user (default 7 days). */
  expiresInHours?: number;
}

/** A new invite: `token` is shown this once and never stored. */
export interface CreatedInvite {
  token: string;
  invite: InviteView;
}

/**
 * The tenants' members, teams, invites and workspaces over a `MemberStore`:
 * the records the rules need (ids, times, invite tokens kept as their SHA-256
 * hash), and who sees which workflows and credentials.
 */
export class Members {
  readonly store: MemberStore;
  readonly #now: () => number;

  constructor(store: MemberStore, options: { now?: () => number } = {}) {
    this.store = store;
    this.#now = options.now ?? (() => Date.now());
  }

  /** The current time, as records write it. */
  at(): string {
    return new Date(this.#now()).toISOString();
  }

  now(): number {
    return this.#now();
  }

  read(tenantId: string): Promise<TenantDirectory> {
    return this.store.read(tenantId);
  }

  /** Applies a change (a function of directory-members.ts or directory-teams.ts) and resolves with its result. */
  change<T>(tenantId: string, change: (directory: TenantDirectory) => T): Promise<T> {
    return this.store.update(tenantId, (directory) => {
      const result = change(directory);
      return { directory, result };
    });
  }

  async invite(tenantId: string, input: InviteInput, createdBy: string): Promise<CreatedInvite> {
    const token = `${INVITE_TOKEN_PREFIX}${base64url(randomBytes(32))}`;
    const now = this.#now();
    const invite = {
      id: randomId('inv'),
      email: input.email.trim().toLowerCase(),
      role: input.role,
      teamIds: [...new Set(input.teamIds ?? [])],
      hash: await sha256Hex(token),
      createdBy,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + (input.expiresInHours ?? 7 * 24) * 3600 * 1000).toISOString(),
    };
    return { token, invite: await this.change(tenantId, (d) => addInvite(d, invite, now)) };
  }

  /** Makes the user a member of the tenant whose invite the token is; refused once used, revoked or expired. */
  async accept(tenantId: string, token: string, userId: string): Promise<{ member: MemberView; invite: InviteView }> {
    const hash = await sha256Hex(token);
    const now = this.#now();
    return this.change(tenantId, (d) => acceptInvite(d, { hash, userId, at: new Date(now).toISOString(), now }));
  }

  createTeam(tenantId: string, input: { name: string; description?: string | undefined }): Promise<TeamRecord> {
    const at = this.at();
    const team: TeamRecord = {
      id: randomId('team'),
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      memberIds: [],
      createdAt: at,
      updatedAt: at,
    };
    return this.change(tenantId, (d) => createTeam(d, team));
  }

  createWorkspace(tenantId: string, input: { name: string; teamIds?: string[] | undefined }): Promise<WorkspaceRecord> {
    const at = this.at();
    const workspace: WorkspaceRecord = {
      id: randomId('ws'),
      name: input.name,
      teamIds: [...new Set(input.teamIds ?? [])],
      workflowIds: [],
      credentialIds: [],
      createdAt: at,
      updatedAt: at,
    };
    return this.change(tenantId, (d) => createWorkspace(d, workspace));
  }

  /**
   * The workflows (or credentials) of its tenant the caller does not see:
   * none for API keys and for whoever manages members; for the user of an
   * embed token, those in workspaces shared with none of its teams.
   */
  async hiddenFrom(principal: Principal, kind: WorkspaceItemKind): Promise<ReadonlySet<string>> {
    if (seesEveryWorkspace(principal)) return new Set();
    return hiddenFrom(await this.store.read(principal.tenantId), principal.userId!, kind);
  }

  /** A 404 when the caller does not see the workflow or credential, as if it did not exist. */
  async checkVisible(principal: Principal, kind: WorkspaceItemKind, id: string): Promise<void> {
    if ((await this.hiddenFrom(principal, kind)).has(id)) throw notFound(kind, id);
  }

  /** Takes a deleted workflow or credential out of its workspace, so one made later with the same id starts in none. */
  async forget(tenantId: string, kind: WorkspaceItemKind, id: string): Promise<void> {
    const directory = await this.store.read(tenantId);
    const key = kind === 'workflow' ? 'workflowIds' : 'credentialIds';
    if (!directory.workspaces.some((w) => w[key].includes(id))) return;
    const at = this.at();
    await this.change(tenantId, (d) => forgetItem(d, kind, id, at));
  }
}

/** Whether the caller sees every workspace: API keys (no user), and members who manage members. */
export function seesEveryWorkspace(principal: Principal): boolean {
  return principal.via !== 'embedToken' || principal.userId === undefined || principal.permissions.has('member:manage');
}

function randomId(prefix: string): string {
  return `${prefix}_${base64url(randomBytes(12))}`;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
