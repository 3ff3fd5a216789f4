/** A user who belongs to a tenant, by the id the host's embed tokens give it (`sub`). */
export interface MemberRecord {
  userId: string;
  /** The address the invite was made out to. */
  email?: string;
  role: string;
  joinedAt: string;
  updatedAt: string;
}

/** A group of members a workspace can be shared with. */
export interface TeamRecord {
  id: string;
  name: string;
  description?: string;
  /** User ids of members of the tenant. */
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** An invitation to join a tenant: never the token itself, only its SHA-256 hash. */
export interface InviteRecord {
  id: string;
  email: string;
  /** The role the invitee gets on accepting. */
  role: string;
  /** Teams the invitee joins on accepting. */
  teamIds: string[];
  /** Hex SHA-256 of the whole token. */
  hash: string;
  /** Who made it: the user id of an embed token, or the id of an API key. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  /** The user who accepted it. */
  acceptedBy?: string;
  revokedAt?: string;
}

/**
 * A part of a tenant that only some teams see: the workflows and credentials
 * placed in it are visible to members of `teamIds` (and to whoever manages
 * members). A workflow or credential is in at most one workspace; one in none
 * is visible to the whole tenant.
 */
export interface WorkspaceRecord {
  id: string;
  name: string;
  teamIds: string[];
  workflowIds: string[];
  credentialIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** A tenant's people and how its work is shared among them. */
export interface TenantDirectory {
  members: MemberRecord[];
  teams: TeamRecord[];
  invites: InviteRecord[];
  workspaces: WorkspaceRecord[];
}

/** What a change of a directory gives back: the directory to keep, and what the caller gets. */
export interface DirectoryChange<T> {
  directory: TenantDirectory;
  result: T;
}

/**
 * Where each tenant's directory (members, teams, invites, workspaces) is kept,
 * as one record per tenant: a tenant's directory is small, and every rule
 * across it (the last owner stays, an invite is accepted once, team names
 * are unique) is then checked against one consistent copy.
 */
export interface MemberStore {
  /** The tenant's directory; empty lists for a tenant that has none. */
  read(tenantId: string): Promise<TenantDirectory>;
  /**
   * Applies `change` to the tenant's directory as it stands, keeps the
   * directory it returns, and resolves with its result, with no other change
   * of that tenant in between. `change` is synchronous and has no effects of
   * its own; it may mutate the copy it is given. When it throws, nothing is
   * kept and `update` rejects with its error.
   */
  update<T>(tenantId: string, change: (directory: TenantDirectory) => DirectoryChange<T>): Promise<T>;
}

/** A directory with nothing in it. */
export function emptyDirectory(): TenantDirectory {
  return { members: [], teams: [], invites: [], workspaces: [] };
}

/** A stored directory, completed with any list a record written by an older version lacks. */
export function directoryOf(stored: Partial<TenantDirectory> | undefined): TenantDirectory {
  return { ...emptyDirectory(), ...stored };
}

/** Directories in memory, for tests and single-process hosts; a restart forgets them. */
export function createMemoryMemberStore(): MemberStore {
  const directories = new Map<string, TenantDirectory>();
  return {
    async read(tenantId) {
      return structuredClone(directories.get(tenantId) ?? emptyDirectory());
    },
    async update(tenantId, change) {
      const { directory, result } = change(structuredClone(directories.get(tenantId) ?? emptyDirectory()));
      directories.set(tenantId, structuredClone(directory));
      return result;
    },
  };
}
