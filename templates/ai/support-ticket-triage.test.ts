// The support-ticket triage template, end to end: a webhook call, the classifier and the agent on a recording fake
// of OpenAI's API, and the agent's two tools on recording CRM and helpdesk servers; then the same through the CLI.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rawKeyProvider, silentLogger, type Engine, type Workflow } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { allIntegrationCredentials, allIntegrations } from '@flowloom/integrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModels, type FakeModels } from '../../packages/integrations/src/ai/testing/fake-models.js';
import {
  relayFetch,
  runThroughCli,
  startVendorServer,
  type VendorServer,
} from '../../packages/integrations/src/testing/service-harness.js';

const template = JSON.parse(readFileSync(fileURLToPath(new URL('./support-ticket-triage.json', import.meta.url)), 'utf8')) as unknown;
const CREDENTIALS = [
  { id: 'openai', type: 'openAiApi', data: { apiKey: 'sk-template-test-41f0' } },
  { id: 'crm', type: 'bearerToken', data: { token: 'crm-token-9a1', allowedDomains: ['crm.example.com'] } },
  { id: 'helpdesk', type: 'bearerToken', data: { token: 'helpdesk-token-c72', allowedDomains: ['helpdesk.example.com'] } },
];
const TICKET = {
  email: 'grace@example.org',
  subject: 'Charged twice in March',
  message: 'My card was charged twice for the Pro plan this month. Please refund one of them.',
};
const NOTE = 'Filed ticket T-1001 (billing, high): Grace Hopper, Pro plan, was charged twice in March and asks for one refund.';

let models: FakeModels;
let crm: VendorServer;
let helpdesk: VendorServer;
let routes: Record<string, string>;
let engine: Engine;

beforeAll(async () => {
  models = await startFakeModels();
  crm = await startVendorServer(() => ({ body: { name: 'Grace Hopper', plan: 'pro', status: 'active' } }));
  helpdesk = await startVendorServer(() => ({ status: 201, body: { id: 'T-1001' } }));
  routes = { 'api.openai.com': models.url, 'crm.example.com': crm.url, 'helpdesk.example.com': helpdesk.url };
  engine = createNodeEngine({
    nodeTypes: [...allIntegrations],
    credentialTypes: [...allIntegrationCredentials],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(5) }),
    fetch: relayFetch(routes),
    logger: silentLogger,
    // The relay sends every vendor name to 127.0.0.1.
    http: { allowPrivateNetworks: true },
  });
  for (const c of CREDENTIALS) await engine.credentials.create({ ...c, name: c.id });
});
afterAll(async () => {
  await Promise.all([models?.close(), crm?.close(), helpdesk?.close()]);
});

/** The model's side of a billing ticket: the classifier's answer, then the agent's two tool calls and its note. */
const scriptBillingTicket = () =>
  models.script(
    { text: '{"category":"billing"}' },
    { toolCalls: [{ id: 'call_lookup', name: 'lookup_customer', arguments: { email: TICKET.email } }] },
    {
      toolCalls: [
        {
          id: 'call_file',
          name: 'create_ticket',
          arguments: { queue: 'billing', email: TICKET.email, priority: 'high', summary: 'Pro plan charged twice in March; refund one.' },
        },
      ],
    },
    { text: NOTE },
  );

describe('support ticket triage template', () => {
  it('is a valid workflow once the AI nodes are registered', () => {
    const result = engine.validate(template);
    if (!result.success) throw result.error;
    expect(typeof result.workflow.meta?.description).toBe('string');
  });

  it('classifies a billing ticket, looks the customer up, files it as high priority and answers with the note', async () => {
    const workflow = engine.parseWorkflow(template) as Workflow;
    await engine.activate(workflow);
    scriptBillingTicket();
    const response = await engine.handleWebhook(
      new Request('http://localhost/webhook/support-tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(TICKET),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ output: NOTE });
    expect((await crm.take()).map((r) => [r.method, r.path, r.query, r.auth])).toEqual([
      ['GET', '/api/customers', { email: TICKET.email }, 'Bearer crm-token-9a1'],
    ]);
    expect((await helpdesk.take()).map((r) => [r.method, r.path, r.auth, r.body])).toEqual([
      [
        'POST',
        '/api/tickets',
        'Bearer helpdesk-token-c72',
        { queue: 'billing', email: TICKET.email, priority: 'high', summary: 'Pro plan charged twice in March; refund one.' },
      ],
    ]);
    const sent = await models.take();
    expect(sent.map((r) => (r.body as { tools?: { function: { name: string } }[] }).tools?.map((t) => t.function.name))).toEqual([
      undefined,
      ['lookup_customer', 'create_ticket'],
      ['lookup_customer', 'create_ticket'],
      ['lookup_customer', 'create_ticket'],
    ]);
    expect((sent[1]!.body as { messages: { content: string }[] }).messages[1]!.content).toBe(
      `Queue: billing\nFrom: ${TICKET.email}\nSubject: ${TICKET.subject}\n\n${TICKET.message}`,
    );
    engine.deactivate(workflow.id);
  });

  it('files nothing for a message that is not a support request', async () => {
    const workflow = engine.parseWorkflow(template) as Workflow;
    await engine.activate(workflow);
    models.script({ text: '{"category":"none"}' });
    const response = await engine.handleWebhook(
      new Request('http://localhost/webhook/support-tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.c', subject: 'Lunch?', message: 'Want to grab lunch?' }),
      }),
    );
    expect(await response.json()).toEqual({ output: 'Not a support request; nothing was filed.' });
    expect(helpdesk.requests.length + crm.requests.length).toBe(2);
    await models.take();
    engine.deactivate(workflow.id);
  });

  it('runs through the command line with the ticket as the trigger\u2019s item', async () => {
    scriptBillingTicket();
    const { code, execution } = await runThroughCli(engine.parseWorkflow(template), {
      routes,
      credentials: CREDENTIALS,
      input: [{ json: { body: TICKET } }],
    });
    expect(code).toBe(0);
    expect(execution.nodes['agent']![0]!.output['main']!.map((i) => i.json)).toEqual([{ output: NOTE }]);
    expect((await helpdesk.take()).map((r) => r.body)).toEqual([
      { queue: 'billing', email: TICKET.email, priority: 'high', summary: 'Pro plan charged twice in March; refund one.' },
    ]);
    await crm.take();
    await models.take();
  });
});
