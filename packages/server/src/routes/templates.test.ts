import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@flowloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// The repository's own templates, as a host would offer them.
const dir = fileURLToPath(new URL('../../../../templates/', import.meta.url));
const parser = createEngine();
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parser.parseWorkflow(JSON.parse(readFileSync(`${dir}${f}`, 'utf8'))));

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer({ templates, quotas: { limits: (t) => (t === 'small' ? { maxWorkflows: 0 } : {}) } });
  editor = await server.keyFor('acme', 'editor');
});
afterAll(async () => {
  await server?.close();
});

describe('templates', () => {
  it('are listed with their description and node types, and read whole', async () => {
    const list = await server.call('/templates', { auth: editor });
    expect(list.body.templates.map((t: { id: string }) => t.id).sort()).toEqual(templates.map((t) => t.id).sort());
    const sales = list.body.templates.find((t: { id: string }) => t.id === 'template-sales-summary');
    expect(sales).toMatchObject({
      name: 'Sales summary by category',
      description: expect.any(String),
      nodeTypes: expect.arrayContaining(['core.filter']),
    });
    expect((await server.call('/templates/template-sales-summary', { auth: editor })).body).toEqual(
      templates.find((t) => t.id === 'template-sales-summary'),
    );
    expect((await server.call('/templates/none', { auth: editor })).status).toBe(404);
  });

  it('are imported as a new workflow of the caller’s tenant, which runs', async () => {
    const imported = await server.call('/templates/template-sales-summary/import', {
      auth: editor,
      json: { id: 'my-sales', name: 'My sales' },
    });
    expect(imported).toMatchObject({
      status: 201,
      body: { version: 1, workflow: { id: 'my-sales', name: 'My sales', meta: { template: 'template-sales-summary' } } },
    });
    expect((await server.engine.storage.workflows.get('acme', 'my-sales'))?.nodes).toEqual(
      templates.find((t) => t.id === 'template-sales-summary')!.nodes,
    );
    const run = await server.call('/workflows/my-sales/run', { auth: editor, json: { input: [{ id: 1, category: 'books', price: 60 }] } });
    expect(run.body.error).toBeUndefined();
    expect(run.body.status).toBe('success');
    const again = await server.call('/templates/template-sales-summary/import', { auth: editor, json: { id: 'my-sales' } });
    expect(again.status).toBe(409);
  });

  it('are not imported past the tenant’s maximum of workflows', async () => {
    const small = await server.keyFor('small', 'editor');
    const refused = await server.call('/templates/template-sales-summary/import', { auth: small, json: {} });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'QUOTA_EXCEEDED' } } });
    expect(await server.engine.storage.workflows.list('small')).toEqual([]);
  });
});
