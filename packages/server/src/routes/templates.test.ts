import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@flowloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// The repository's own templates that need only the engine's core nodes, as a host would offer them, and one with a
// placeholder: the address a monitor checks.
const dir = fileURLToPath(new URL('../../../../templates/', import.meta.url));
const parser = createEngine();
const monitor = parser.parseWorkflow({
  schemaVersion: 1,
  id: 'template-monitor',
  name: 'Monitor a page',
  nodes: [
    { id: 'start', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
    {
      id: 'check',
      name: 'Check',
      type: 'core.set',
      position: { x: 200, y: 0 },
      parameters: { fields: [{ name: 'url', type: 'string', value: 'https://example.com/' }] },
    },
  ],
  connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'check', port: 'main' } }],
  meta: {
    description: 'Checks a page.',
    template: {
      id: 'monitor',
      name: 'Monitor a page',
      description: 'Checks a page.',
      category: 'operations',
      tags: ['monitoring'],
      useCases: ['Know when a page is down'],
      version: '1.2.0',
      placeholders: [{ key: 'siteUrl', label: 'Page address', kind: 'text', targets: [{ node: 'check', parameter: 'fields.0.value' }] }],
    },
  },
});
const templates = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parser.validate(JSON.parse(readFileSync(`${dir}${f}`, 'utf8'))))
    .flatMap((result) => (result.success ? [result.workflow] : [])),
  monitor,
];

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
      body: {
        version: 1,
        workflow: { id: 'my-sales', name: 'My sales', meta: { templateSource: { id: 'sales-summary', version: '1.0.0' } } },
      },
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

  it('are filled in on import: each placeholder’s value where it goes, and an empty one refused by name', async () => {
    const listed = (await server.call('/templates', { auth: editor })).body.templates.find(
      (t: { id: string }) => t.id === 'template-monitor',
    );
    expect(listed.template).toMatchObject({ id: 'monitor', category: 'operations', version: '1.2.0', placeholders: [{ key: 'siteUrl' }] });
    const empty = await server.call('/templates/template-monitor/import', {
      auth: editor,
      json: { id: 'mon-0', values: { siteUrl: ' ' } },
    });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'TEMPLATE_VALUES_INVALID' } } });
    expect(empty.body.error.message).toContain('siteUrl');
    expect(empty.body.error.message).toContain('Page address');
    expect(await server.engine.storage.workflows.get('acme', 'mon-0')).toBeUndefined();
    const imported = await server.call('/templates/template-monitor/import', {
      auth: editor,
      json: { id: 'mon-1', values: { siteUrl: 'https://status.example.org/' } },
    });
    expect(imported).toMatchObject({ status: 201, body: { workflow: { meta: { templateSource: { id: 'monitor', version: '1.2.0' } } } } });
    const stored = await server.engine.storage.workflows.get('acme', 'mon-1');
    expect(stored?.nodes[1]?.parameters).toEqual({ fields: [{ name: 'url', type: 'string', value: 'https://status.example.org/' }] });
    expect(stored?.meta?.['template']).toBeUndefined();
    const noPlaceholders = await server.call('/templates/template-sales-summary/import', { auth: editor, json: { values: { x: 'y' } } });
    expect(noPlaceholders.status).toBe(400);
  });

  it('count each tenant’s imports: through the import route and as counted by an editor, each tenant its own', async () => {
    const ada = await server.keyFor('counting', 'editor');
    const viewer = await server.keyFor('counting', 'viewer');
    const other = await server.keyFor('elsewhere', 'editor');
    const importsOf = async (auth: string) =>
      Object.fromEntries(
        (await server.call('/templates', { auth })).body.templates.map((t: { id: string; imports: number }) => [t.id, t.imports]),
      );
    expect(Object.values(await importsOf(ada)).every((n) => n === 0)).toBe(true);

    // An editor filled the template in the page and counts its use; the server's own import counts too.
    expect(await server.call('/templates/template-monitor/imports', { auth: ada, method: 'POST' })).toMatchObject({
      status: 200,
      body: { id: 'template-monitor', imports: 1 },
    });
    const imported = await server.call('/templates/template-monitor/import', {
      auth: ada,
      json: { values: { siteUrl: 'https://a.example/' } },
    });
    expect(imported.status).toBe(201);
    expect((await server.call('/templates/template-monitor/imports', { auth: ada, method: 'POST' })).body.imports).toBe(3);
    expect((await importsOf(ada))['template-monitor']).toBe(3);
    expect((await importsOf(viewer))['template-monitor']).toBe(3);
    // Kept in the engine's key-value storage, per tenant.
    expect(await server.engine.storage.keyValue?.get('counting', 'templates.imports', 'template-monitor')).toBe(3);
    expect((await importsOf(other))['template-monitor']).toBe(0);

    expect((await server.call('/templates/template-monitor/imports', { auth: viewer, method: 'POST' })).status).toBe(403);
    expect((await server.call('/templates/none/imports', { auth: ada, method: 'POST' })).status).toBe(404);
  });

  it('are not imported past the tenant’s maximum of workflows', async () => {
    const small = await server.keyFor('small', 'editor');
    const refused = await server.call('/templates/template-sales-summary/import', { auth: small, json: {} });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'QUOTA_EXCEEDED' } } });
    expect(await server.engine.storage.workflows.list('small')).toEqual([]);
  });
});
