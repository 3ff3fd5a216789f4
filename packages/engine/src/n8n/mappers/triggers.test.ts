import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importN8nWorkflow } from '../import-workflow.js';

// The Webhook node's options, checked on nodes of the corpus as exported (n8n's own parameters).

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

interface N8nWorkflow {
  nodes: { name: string; type: string; parameters: Record<string, unknown> }[];
  connections: Record<string, unknown>;
}

/** A corpus workflow as exported. */
const corpus = (file: string) => JSON.parse(readFileSync(join(CORPUS, 'workflows', file), 'utf8')) as N8nWorkflow;

/** The Flowloom node a Webhook node of a corpus workflow becomes (the first, or the one on `path`), and the report's problems and placeholder entry for it. */
function webhookOf(file: string, path?: string) {
  const n8n = corpus(file);
  const name = n8n.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook' && (path === undefined || n.parameters.path === path))[0]!.name;
  const { workflow, report } = importN8nWorkflow(n8n);
  const node = workflow!.nodes.find((n) => n.name === name)!;
  return { node, report, problems: [...report.problems, ...report.placeholders].filter((p) => p.node === name) };
}

/** A one-node n8n workflow: a Webhook (version 2) with these parameters and credentials. */
function importWebhook(parameters: Record<string, unknown>, credentials?: Record<string, { id: string; name: string }>) {
  const webhook = { name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters, credentials };
  const { workflow, report } = importN8nWorkflow({ nodes: [webhook], connections: {} });
  return { node: workflow!.nodes[0]!, report };
}

describe('Webhook mapping', () => {
  it('keeps the field to answer with and the response headers (an HTML page)', () => {
    const { node } = webhookOf('Crypto/0042_Crypto_Airtable_Update_Webhook.json', '/go');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({
      path: '/go',
      responseMode: 'lastNode',
      responsePropertyName: 'result',
      responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
    });
  });

  it('keeps the raw body option', () => {
    const { node } = webhookOf('Stickynote/2039_Stickynote_Webhook_Automation_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ httpMethod: 'POST', path: 'ingestData', rawBody: true });
  });

  it('maps several methods when one output of theirs is connected', () => {
    const { node } = webhookOf('Webhook/1897_Webhook_Filter_Sync_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ multipleMethods: true, httpMethods: ['GET'], responseMode: 'responseNode' });
  });

  it('leaves a placeholder, saying why, when each method has its own connected output', () => {
    const { node, problems } = webhookOf('Wait/1589_Wait_Webhook_Automation_Webhook.json');
    expect(node.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(problems)).toContain('an output of its own');
  });

  it('maps basic auth on the webhook, with the credential slot to fill in the report', () => {
    const { node, report, problems } = webhookOf('Splitout/1946_Splitout_Webhook_Import_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ httpMethod: 'POST', authentication: 'basicAuth', responseMode: 'responseNode' });
    expect(node.credentials).toEqual({ basicAuth: 'YzpBkNOC0UnKboCn' });
    expect(report.credentials).toContainEqual({
      node: 'Webhook',
      slot: 'basicAuth',
      n8nType: 'httpBasicAuth',
      name: 'Endpoint Get server scalway info',
      n8nId: 'YzpBkNOC0UnKboCn',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'webhook-auth-credential', severity: 'warning', parameter: 'authentication' }),
    );
  });

  it('maps header auth and JWT auth to their slots', () => {
    const header = importWebhook(
      { path: 'in', httpMethod: 'POST', authentication: 'headerAuth' },
      { httpHeaderAuth: { id: 'h1', name: 'Token header' } },
    );
    expect(header.node).toMatchObject({
      type: 'core.webhook',
      parameters: { authentication: 'headerAuth' },
      credentials: { headerAuth: 'h1' },
    });
    expect(header.report.credentials).toEqual([
      { node: 'Hook', slot: 'headerAuth', n8nType: 'httpHeaderAuth', name: 'Token header', n8nId: 'h1' },
    ]);
    const jwt = importWebhook({ path: 'in', httpMethod: 'POST', authentication: 'jwtAuth' }, { jwtAuth: { id: 'j1', name: 'JWT' } });
    expect(jwt.node).toMatchObject({ type: 'core.webhook', parameters: { authentication: 'jwtAuth' }, credentials: { jwtAuth: 'j1' } });
    expect(jwt.report.credentials).toEqual([{ node: 'Hook', slot: 'jwtAuth', n8nType: 'jwtAuth', name: 'JWT', n8nId: 'j1' }]);
  });

  it('maps authentication whose credential n8n left unset, saying which credential to create', () => {
    const { node, report } = importWebhook({ path: 'in', authentication: 'basicAuth' });
    expect(node).toMatchObject({ type: 'core.webhook', parameters: { authentication: 'basicAuth' } });
    expect(node.credentials).toBeUndefined();
    expect(report.problems.find((p) => p.code === 'webhook-auth-credential')?.message).toContain("'Webhook basic auth' credential");
  });

  it('leaves no authentication parameter when n8n checks no caller', () => {
    const { node } = importWebhook({ path: 'in', authentication: 'none' });
    expect(node.parameters).not.toHaveProperty('authentication');
  });

  it('leaves a placeholder for an authentication it does not know', () => {
    const { node, report } = importWebhook({ path: 'in', authentication: 'digestAuth' });
    expect(node.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(report.placeholders)).toContain("the value 'digestAuth' has no Flowloom equivalent");
  });
});
