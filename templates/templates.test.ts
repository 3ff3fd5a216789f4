import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine, readTemplateMeta, silentLogger, type Workflow } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { allIntegrationCredentials, allIntegrations } from '@flowloom/integrations';

const dir = fileURLToPath(new URL('./', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string): unknown => JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
// In Node, Code nodes run in worker_threads: the Node entry's engine brings them. The starter templates use the
// integrations' nodes and credential types.
const engine = createNodeEngine({ logger: silentLogger, nodeTypes: [...allIntegrations], credentialTypes: [...allIntegrationCredentials] });

describe('templates', () => {
  it.each([...files, 'ai/support-ticket-triage.json'])('%s is a valid workflow with a description and gallery metadata', (file) => {
    const result = engine.validate(load(file));
    if (!result.success) throw result.error;
    expect(typeof result.workflow.meta?.description).toBe('string');
    // The gallery's card: the file's name is the template's id.
    expect(readTemplateMeta(result.workflow).id).toBe(file.replace(/^ai\//, '').replace(/\.json$/, ''));
  });

  it('sales summary totals the orders over 50 per category, largest first', async () => {
    const wf = engine.parseWorkflow(load('sales-summary.json'));
    const input = [
      { json: { id: 1, category: 'books', price: 60 } },
      { json: { id: 2, category: 'games', price: 100 } },
      { json: { id: 3, category: 'books', price: 40 } },
      { json: { id: 4, category: 'books', price: 55 } },
    ];
    const e = await engine.run(wf, { input });
    expect(e.status).toBe('success');
    expect(e.nodes.order![0]!.output.main!.map((i) => i.json)).toEqual([
      { category: 'books', sum_gross: 138, count_id: 2 },
      { category: 'games', sum_gross: 120, count_id: 1 },
    ]);
  });

  it('lead capture answers 201 with the cleaned lead, or 422 without an email', async () => {
    const hooks = createEngine({ logger: silentLogger });
    const wf = hooks.parseWorkflow(load('lead-capture-webhook.json')) as Workflow;
    await hooks.activate(wf);
    const post = (body: unknown) =>
      hooks.handleWebhook(
        new Request('http://localhost/webhook/leads', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const ok = await post({ email: '  Ada@Example.COM ', name: ' Ada ' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ email: 'ada@example.com', name: 'Ada' });
    const bad = await post({ name: 'Nobody' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ error: 'an email address is required' });
  });

  it('code transform builds one invoice in the Code node sandbox', async () => {
    const wf = engine.parseWorkflow(load('code-transform.json'));
    const e = await engine.run(wf, {
      input: [{ json: { sku: 'A', qty: 2, unitPrice: 5 } }, { json: { sku: 'B', qty: 1, unitPrice: 7.5 } }],
    });
    expect(e.status).toBe('success');
    expect(e.nodes.code![0]!.output.main!.map((i) => i.json)).toEqual([
      {
        lines: [
          { sku: 'A', amount: 10 },
          { sku: 'B', amount: 7.5 },
        ],
        total: 17.5,
      },
    ]);
  });
});
