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
  return { node, problems: [...report.problems, ...report.placeholders].filter((p) => p.node === name) };
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

  it('leaves a placeholder for basic auth on the webhook', () => {
    const { node, problems } = webhookOf('Splitout/1946_Splitout_Webhook_Import_Webhook.json');
    expect(node.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(problems)).toContain('authentication');
  });
});
