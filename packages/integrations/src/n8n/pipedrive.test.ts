// n8n's Pipedrive node and Pipedrive Trigger imported with the integrations' mappings, from real corpus nodes: a
// record read by ID sends Pipedrive the call its API v2 reference documents (GET /api/v2/organizations/{id}); a node
// renaming custom fields, which Flowloom's node does not do, stays a placeholder naming the parameter; the trigger's
// action and object become the Flowloom trigger's events.
import { describe, expect, it } from 'vitest';
import { pipedrive } from '../services/pipedrive/pipedrive.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';

const TOKEN = 'pd-token-n8n';

const bed = serviceTestbed(pipedrive, {
  name: 'Pipedrive',
  answers: (request) => (request.method === 'GET' ? { body: { success: true, data: { id: 7, name: 'Acme Ltd' } } } : undefined),
  authHeaders: ['x-api-token'],
  hosts: ['api.pipedrive.com'],
  credentials: [{ id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } }],
});

describe("n8n's Pipedrive node, imported", () => {
  it('keeps a corpus organization read that renames custom fields as a placeholder naming resolveProperties', () => {
    const { report } = importAfterTrigger(fixtureNode('0245_HTTP_Stripe_Create_Webhook.json', 'Get organisation details'));
    expect(report.placeholders).toMatchObject([{ n8nType: 'n8n-nodes-base.pipedrive', parameter: 'resolveProperties' }]);
  });

  it('keeps an operation Flowloom has no equivalent of as a placeholder naming the operation', () => {
    const { report } = importAfterTrigger(fixtureNode('0249_Pipedrive_Stickynote_Create_Webhook.json', 'Pipedrive - Enrich Organization'));
    expect(report.placeholders).toMatchObject([{ parameter: 'operation' }]);
  });

  it('reads the corpus organization as Pipedrive documents, once it keeps the fields as they are', async () => {
    const corpus = fixtureNode('0245_HTTP_Stripe_Create_Webhook.json', 'Get organisation details');
    const { workflow, node, report } = importAfterTrigger({
      ...corpus,
      parameters: { ...corpus.parameters, resolveProperties: false },
      credentials: { pipedriveApi: { id: 'token', name: 'Pipedrive' } },
    });
    expect(node?.parameters).toEqual({ resource: 'organization', operation: 'get', id: '{{ $string($json.current.org_id) }}' });
    expect(report.problems.map((p) => p.code)).toContain('api-version');
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } }],
      input: [{ json: { current: { org_id: 7 } } }],
      compare: 'service',
    });
    expect(requests).toMatchObject([{ method: 'GET', path: '/api/v2/organizations/7', auth: `x-api-token: ${TOKEN}` }]);
  });
});

describe("n8n's Pipedrive Trigger, imported", () => {
  it("makes the corpus trigger on updated deals the Flowloom trigger's change.deal, on a path of n8n's webhook id", () => {
    const { node, report } = importAfterTrigger(fixtureNode('0245_HTTP_Stripe_Create_Webhook.json', 'On deal updated'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({ type: 'integrations.pipedriveTrigger', parameters: { events: ['change.deal'] } });
    expect(report.problems.map((p) => p.code)).toContain('webhook-registration');
  });

  it("makes the corpus trigger on added organizations the Flowloom trigger's create.organization", () => {
    const { node } = importAfterTrigger(
      fixtureNode('0249_Pipedrive_Stickynote_Create_Webhook.json', 'Pipedrive Trigger - New Company Created'),
    );
    expect(node?.parameters).toMatchObject({ events: ['create.organization'] });
  });
});
