import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTenant, TEST_EMBED } from '../testing/embed-users.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// Acme's finance workflow and credential sit in a workspace shared with the Finance team: Fin (in the team)
// sees them, Ed (an editor outside it) does not, Ada (an admin member) and API keys see everything.
let server: TestServer;
let owner: string;
let fin: string;
let ed: string;
let ada: string;
let finance: { id: string };
let workspace: { id: string };

const workflow = (id: string) => buildWorkflow({ id, name: id, nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
const credential = (id: string) => ({ id, name: id, type: 'bearerToken', data: { token: `secret-${id}`, allowedDomains: ['*'] } });

beforeAll(async () => {
  server = await startTestServer({ auth: { embedTokens: TEST_EMBED } });
  owner = await server.keyFor('acme', 'owner');
  finance = (await server.call('/teams', { auth: owner, json: { name: 'Finance' } })).body;
  fin = await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-fin', role: 'editor', teamIds: [finance.id] });
  ed = await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-ed', role: 'editor' });
  ada = await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-ada', role: 'admin' });
  for (const id of ['wf-ledger', 'wf-open']) await server.call('/workflows', { auth: owner, json: workflow(id) });
  for (const id of ['cred-bank', 'cred-open']) await server.call('/credentials', { auth: owner, json: credential(id) });
  workspace = (await server.call('/workspaces', { auth: owner, json: { name: 'Finance', teamIds: [finance.id] } })).body;
  await server.call(`/workspaces/${workspace.id}/workflows/wf-ledger`, { method: 'PUT', auth: owner });
  await server.call(`/workspaces/${workspace.id}/credentials/cred-bank`, { method: 'PUT', auth: owner });
});
afterAll(async () => {
  await server?.close();
});

const ids = async (path: string, auth: string, list: string) =>
  ((await server.call(path, { auth })).body[list] as { id: string }[]).map((r) => r.id).sort();

describe('a workspace', () => {
  it('holds what it was given, shared with its teams', async () => {
    const read = await server.call(`/workspaces/${workspace.id}`, { auth: fin });
    expect(read.body).toMatchObject({ name: 'Finance', teamIds: [finance.id], workflowIds: ['wf-ledger'], credentialIds: ['cred-bank'] });
  });

  it('shows its workflows and credentials only to members of its teams', async () => {
    expect(await ids('/workflows', fin, 'workflows')).toEqual(['wf-ledger', 'wf-open']);
    expect(await ids('/workflows', ed, 'workflows')).toEqual(['wf-open']);
    expect(await ids('/credentials', fin, 'credentials')).toEqual(['cred-bank', 'cred-open']);
    expect(await ids('/credentials', ed, 'credentials')).toEqual(['cred-open']);
    expect((await server.call('/workflows/wf-ledger', { auth: fin })).status).toBe(200);
    expect((await server.call('/credentials/cred-bank', { auth: fin })).status).toBe(200);
  });

  it('answers the others 404 on every route of its workflows and credentials, as if they did not exist', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/workflows/wf-ledger'],
      ['PUT', '/workflows/wf-ledger', workflow('wf-ledger')],
      ['DELETE', '/workflows/wf-ledger'],
      ['GET', '/workflows/wf-ledger/versions'],
      ['GET', '/workflows/wf-ledger/versions/1'],
      ['POST', '/workflows/wf-ledger/versions/1/restore'],
      ['POST', '/workflows/wf-ledger/run', {}],
      ['POST', '/workflows/wf-ledger/activate'],
      ['GET', '/credentials/cred-bank'],
      ['PATCH', '/credentials/cred-bank', { name: 'taken' }],
      ['DELETE', '/credentials/cred-bank'],
      ['POST', '/credentials/cred-bank/test'],
    ];
    const seen: string[] = [];
    for (const [method, path, json] of calls) {
      const answer = await server.call(path, { method, auth: ed, ...(json !== undefined ? { json } : {}) });
      if (answer.status !== 404 || answer.text.includes('secret-')) seen.push(`${method} ${path}: ${answer.status}`);
    }
    expect(seen).toEqual([]);
    expect((await server.engine.storage.workflows.listVersions('acme', 'wf-ledger')).length).toBe(1);
    expect((await server.engine.credentials.get('cred-bank', { tenantId: 'acme' }))?.name).toBe('cred-bank');
  });

  it('hides nothing from API keys and from members who manage members', async () => {
    expect(await ids('/workflows', ada, 'workflows')).toEqual(['wf-ledger', 'wf-open']);
    expect(await ids('/credentials', owner, 'credentials')).toEqual(['cred-bank', 'cred-open']);
    expect(await ids('/workspaces', ada, 'workspaces')).toEqual([workspace.id]);
  });

  it('is listed and read only by those it is shared with', async () => {
    expect(await ids('/workspaces', fin, 'workspaces')).toEqual([workspace.id]);
    expect(await ids('/workspaces', ed, 'workspaces')).toEqual([]);
    const hidden = await server.call(`/workspaces/${workspace.id}`, { auth: ed });
    expect(hidden).toMatchObject({ status: 404, body: { error: { code: 'WORKSPACE_NOT_FOUND' } } });
  });

  it('lets a member in through its team, and out again', async () => {
    await server.call(`/teams/${finance.id}/members/u-ed`, { method: 'PUT', auth: owner });
    expect(await ids('/workflows', ed, 'workflows')).toEqual(['wf-ledger', 'wf-open']);
    await server.call(`/teams/${finance.id}/members/u-ed`, { method: 'DELETE', auth: owner });
    expect(await ids('/workflows', ed, 'workflows')).toEqual(['wf-open']);
  });
});

describe('workspace management', () => {
  it('moves a workflow from one workspace to another, and back to the whole tenant', async () => {
    const a = (await server.call('/workspaces', { auth: owner, json: { name: 'A' } })).body;
    const b = (await server.call('/workspaces', { auth: owner, json: { name: 'B', teamIds: [finance.id] } })).body;
    await server.call('/workflows', { auth: owner, json: workflow('wf-moving') });
    expect((await server.call(`/workspaces/${a.id}/workflows/wf-moving`, { method: 'PUT', auth: owner })).body.workflowIds).toEqual([
      'wf-moving',
    ]);
    expect(await ids('/workflows', fin, 'workflows')).not.toContain('wf-moving');
    expect((await server.call(`/workspaces/${b.id}/workflows/wf-moving`, { method: 'PUT', auth: owner })).body.workflowIds).toEqual([
      'wf-moving',
    ]);
    expect((await server.call(`/workspaces/${a.id}`, { auth: owner })).body.workflowIds).toEqual([]);
    expect(await ids('/workflows', fin, 'workflows')).toContain('wf-moving');
    expect((await server.call(`/workspaces/${b.id}/workflows/wf-moving`, { method: 'DELETE', auth: owner })).status).toBe(204);
    expect(await ids('/workflows', ed, 'workflows')).toContain('wf-moving');
  });

  it('forgets a workflow or credential once it is deleted', async () => {
    const ws = (await server.call('/workspaces', { auth: owner, json: { name: 'Short-lived' } })).body;
    await server.call('/workflows', { auth: owner, json: workflow('wf-gone') });
    await server.call('/credentials', { auth: owner, json: credential('cred-gone') });
    await server.call(`/workspaces/${ws.id}/workflows/wf-gone`, { method: 'PUT', auth: owner });
    await server.call(`/workspaces/${ws.id}/credentials/cred-gone`, { method: 'PUT', auth: owner });
    await server.call('/workflows/wf-gone', { method: 'DELETE', auth: owner });
    await server.call('/credentials/cred-gone', { method: 'DELETE', auth: owner });
    expect((await server.call(`/workspaces/${ws.id}`, { auth: owner })).body).toMatchObject({ workflowIds: [], credentialIds: [] });
    // Made again with the same id, it starts in no workspace.
    await server.call('/workflows', { auth: owner, json: workflow('wf-gone') });
    expect(await ids('/workflows', ed, 'workflows')).toContain('wf-gone');
  });

  it('refuses to delete a workspace that still holds something, and deletes an empty one', async () => {
    const refused = await server.call(`/workspaces/${workspace.id}`, { method: 'DELETE', auth: owner });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'WORKSPACE_NOT_EMPTY' } } });
    const empty = (await server.call('/workspaces', { auth: owner, json: { name: 'Empty' } })).body;
    expect((await server.call(`/workspaces/${empty.id}`, { method: 'DELETE', auth: owner })).status).toBe(204);
    expect((await server.call(`/workspaces/${empty.id}`, { auth: owner })).status).toBe(404);
  });

  it('refuses unknown teams, a taken name, and unknown workflows, credentials and workspaces, saying which', async () => {
    const team = await server.call('/workspaces', { auth: owner, json: { name: 'T', teamIds: [finance.id, 'team_nope'] } });
    expect(team).toMatchObject({ status: 400, body: { error: { code: 'TEAM_UNKNOWN', issues: [{ in: 'body', path: 'teamIds[1]' }] } } });
    const name = await server.call('/workspaces', { auth: owner, json: { name: 'finance' } });
    expect(name).toMatchObject({ status: 409, body: { error: { code: 'WORKSPACE_NAME_TAKEN', issues: [{ in: 'body', path: 'name' }] } } });
    const patch = await server.call(`/workspaces/${workspace.id}`, { method: 'PATCH', auth: owner, json: { teamIds: ['team_nope'] } });
    expect(patch).toMatchObject({ status: 400, body: { error: { issues: [{ in: 'body', path: 'teamIds[0]' }] } } });
    const noWorkflow = await server.call(`/workspaces/${workspace.id}/workflows/wf-nope`, { method: 'PUT', auth: owner });
    expect(noWorkflow).toMatchObject({ status: 404, body: { error: { code: 'WORKFLOW_NOT_FOUND' } } });
    const noCredential = await server.call(`/workspaces/${workspace.id}/credentials/cred-nope`, { method: 'PUT', auth: owner });
    expect(noCredential).toMatchObject({ status: 404, body: { error: { code: 'CREDENTIAL_NOT_FOUND' } } });
    const noWorkspace = await server.call('/workspaces/ws_nope/workflows/wf-open', { method: 'PUT', auth: owner });
    expect(noWorkspace).toMatchObject({ status: 404, body: { error: { code: 'WORKSPACE_NOT_FOUND' } } });
    const notThere = await server.call(`/workspaces/${workspace.id}/workflows/wf-open`, { method: 'DELETE', auth: owner });
    expect(notThere).toMatchObject({ status: 404, body: { error: { code: 'WORKSPACE_WORKFLOW_NOT_FOUND' } } });
    expect((await server.call(`/workspaces/${workspace.id}`, { auth: owner })).body.teamIds).toEqual([finance.id]);
  });

  it('stops sharing with a team once the team is deleted', async () => {
    const temp = (await server.call('/teams', { auth: owner, json: { name: 'Temp' } })).body;
    const ws = (await server.call('/workspaces', { auth: owner, json: { name: 'Temp work', teamIds: [temp.id, finance.id] } })).body;
    await server.call(`/teams/${temp.id}`, { method: 'DELETE', auth: owner });
    expect((await server.call(`/workspaces/${ws.id}`, { auth: owner })).body.teamIds).toEqual([finance.id]);
  });

  it('is managed only with member:manage', async () => {
    const answer = await server.call(`/workspaces/${workspace.id}/workflows/wf-open`, { method: 'PUT', auth: fin });
    expect(answer).toMatchObject({ status: 403, body: { error: { permission: 'member:manage' } } });
  });
});
