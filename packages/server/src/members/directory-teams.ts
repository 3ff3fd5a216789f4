// The rules over a tenant's teams and workspaces, as changes of its directory. Each function is given a
// copy it may change, and throws an ApiError (nothing kept) when the change is refused.
import { ApiError, notFound } from '../errors/api.error.js';
import { checkTeamsExist, conflict, findMember } from './directory-members.js';
import type { TeamRecord, TenantDirectory, WorkspaceRecord } from './member-store.js';

/** What a workspace holds. */
export type WorkspaceItemKind = 'workflow' | 'credential';

const ITEMS = { workflow: 'workflowIds', credential: 'credentialIds' } as const satisfies Record<WorkspaceItemKind, keyof WorkspaceRecord>;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function findTeam(directory: TenantDirectory, id: string): TeamRecord {
  const team = directory.teams.find((t) => t.id === id);
  if (!team) throw notFound('team', id);
  return team;
}

function checkTeamName(directory: TenantDirectory, name: string, except?: string): void {
  const other = directory.teams.find((t) => t.id !== except && sameName(t.name, name));
  if (other) throw conflict('TEAM_NAME_TAKEN', `The tenant already has a team named '${other.name}' ('${other.id}').`, 'name');
}

export function createTeam(directory: TenantDirectory, team: TeamRecord): TeamRecord {
  checkTeamName(directory, team.name);
  directory.teams.push(team);
  return team;
}

export function updateTeam(
  directory: TenantDirectory,
  change: { id: string; name?: string | undefined; description?: string | undefined; at: string },
): TeamRecord {
  const team = findTeam(directory, change.id);
  if (change.name !== undefined) {
    checkTeamName(directory, change.name, team.id);
    team.name = change.name;
  }
  if (change.description !== undefined) team.description = change.description;
  team.updatedAt = change.at;
  return team;
}

/** Deletes a team: the workspaces shared with it are no longer, and pending invites no longer add to it. */
export function deleteTeam(directory: TenantDirectory, change: { id: string; at: string }): void {
  const team = findTeam(directory, change.id);
  directory.teams = directory.teams.filter((t) => t !== team);
  for (const workspace of directory.workspaces) {
    if (!workspace.teamIds.includes(team.id)) continue;
    workspace.teamIds = workspace.teamIds.filter((id) => id !== team.id);
    workspace.updatedAt = change.at;
  }
  for (const invite of directory.invites) invite.teamIds = invite.teamIds.filter((id) => id !== team.id);
}

/** Puts a member of the tenant in a team (nothing changes when it is already there). */
export function addTeamMember(directory: TenantDirectory, change: { teamId: string; userId: string; at: string }): TeamRecord {
  const team = findTeam(directory, change.teamId);
  findMember(directory, change.userId);
  if (!team.memberIds.includes(change.userId)) {
    team.memberIds.push(change.userId);
    team.updatedAt = change.at;
  }
  return team;
}

export function removeTeamMember(directory: TenantDirectory, change: { teamId: string; userId: string; at: string }): TeamRecord {
  const team = findTeam(directory, change.teamId);
  if (!team.memberIds.includes(change.userId)) {
    throw new ApiError(404, 'TEAM_MEMBER_NOT_FOUND', `'${change.userId}' is not in the team '${team.name}' ('${team.id}').`);
  }
  team.memberIds = team.memberIds.filter((id) => id !== change.userId);
  team.updatedAt = change.at;
  return team;
}

export function findWorkspace(directory: TenantDirectory, id: string): WorkspaceRecord {
  const workspace = directory.workspaces.find((w) => w.id === id);
  if (!workspace) throw notFound('workspace', id);
  return workspace;
}

function checkWorkspaceName(directory: TenantDirectory, name: string, except?: string): void {
  const other = directory.workspaces.find((w) => w.id !== except && sameName(w.name, name));
  if (other) throw conflict('WORKSPACE_NAME_TAKEN', `The tenant already has a workspace named '${other.name}' ('${other.id}').`, 'name');
}

export function createWorkspace(directory: TenantDirectory, workspace: WorkspaceRecord): WorkspaceRecord {
  checkWorkspaceName(directory, workspace.name);
  checkTeamsExist(directory, workspace.teamIds, 'teamIds');
  directory.workspaces.push(workspace);
  return workspace;
}

export function updateWorkspace(
  directory: TenantDirectory,
  change: { id: string; name?: string | undefined; teamIds?: string[] | undefined; at: string },
): WorkspaceRecord {
  const workspace = findWorkspace(directory, change.id);
  if (change.name !== undefined) {
    checkWorkspaceName(directory, change.name, workspace.id);
    workspace.name = change.name;
  }
  if (change.teamIds !== undefined) {
    checkTeamsExist(directory, change.teamIds, 'teamIds');
    workspace.teamIds = [...new Set(change.teamIds)];
  }
  workspace.updatedAt = change.at;
  return workspace;
}

/** Deletes an empty workspace. One that still holds something is refused: deleting it would show its contents to the whole tenant. */
export function deleteWorkspace(directory: TenantDirectory, id: string): void {
  const workspace = findWorkspace(directory, id);
  const held = workspace.workflowIds.length + workspace.credentialIds.length;
  if (held > 0) {
    throw conflict(
      'WORKSPACE_NOT_EMPTY',
      `Workspace '${workspace.name}' still holds ${held} workflow(s) and credential(s); move them out (DELETE /workspaces/${id}/workflows/{workflowId}, .../credentials/{credentialId}) first.`,
    );
  }
  directory.workspaces = directory.workspaces.filter((w) => w !== workspace);
}

/** Puts a workflow or credential in a workspace, taking it out of any other. */
export function placeItem(
  directory: TenantDirectory,
  change: { workspaceId: string; kind: WorkspaceItemKind; itemId: string; at: string },
): WorkspaceRecord {
  const workspace = findWorkspace(directory, change.workspaceId);
  const field = ITEMS[change.kind];
  if (workspace[field].includes(change.itemId)) return workspace;
  forgetItem(directory, change.kind, change.itemId, change.at);
  workspace[field].push(change.itemId);
  workspace.updatedAt = change.at;
  return workspace;
}

/** Takes a workflow or credential out of a workspace: the whole tenant sees it again. */
export function removeItem(
  directory: TenantDirectory,
  change: { workspaceId: string; kind: WorkspaceItemKind; itemId: string; at: string },
): WorkspaceRecord {
  const workspace = findWorkspace(directory, change.workspaceId);
  const field = ITEMS[change.kind];
  if (!workspace[field].includes(change.itemId)) {
    throw new ApiError(
      404,
      `WORKSPACE_${change.kind.toUpperCase()}_NOT_FOUND`,
      `Workspace '${workspace.name}' ('${workspace.id}') holds no ${change.kind} '${change.itemId}'.`,
    );
  }
  workspace[field] = workspace[field].filter((id) => id !== change.itemId);
  workspace.updatedAt = change.at;
  return workspace;
}

/** Takes a workflow or credential out of whichever workspace holds it (when it is deleted). */
export function forgetItem(directory: TenantDirectory, kind: WorkspaceItemKind, itemId: string, at: string): void {
  const field = ITEMS[kind];
  for (const workspace of directory.workspaces) {
    if (!workspace[field].includes(itemId)) continue;
    workspace[field] = workspace[field].filter((id) => id !== itemId);
    workspace.updatedAt = at;
  }
}

/**
 * The workspaces a user reaches: those shared with a team it is in.
 */
export function workspacesOf(directory: TenantDirectory, userId: string): WorkspaceRecord[] {
  const teams = new Set(directory.teams.filter((t) => t.memberIds.includes(userId)).map((t) => t.id));
  return directory.workspaces.filter((w) => w.teamIds.some((id) => teams.has(id)));
}

/** The workflows (or credentials) of the tenant a user does not see: those in workspaces it does not reach. */
export function hiddenFrom(directory: TenantDirectory, userId: string, kind: WorkspaceItemKind): Set<string> {
  const reached = new Set(workspacesOf(directory, userId));
  const field = ITEMS[kind];
  return new Set(directory.workspaces.filter((w) => !reached.has(w)).flatMap((w) => w[field]));
}
