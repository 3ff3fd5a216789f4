import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../node/create-node-engine.js';
import type { Execution } from '../model/execution.js';
import type { Workflow } from '../model/workflow.js';
import { silentLogger } from '../ports/logger.js';
import { importN8nWorkflow } from './import-workflow.js';

type N8nWorkflow = { nodes: { name: string; parameters: Record<string, unknown> }[] } & Record<string, unknown>;

/** A corpus workflow (fixtures/workflows, unchanged), with n8n pinned data added and `edit` applied, imported. */
function imported(file: string, pinData: Record<string, unknown[]>, edit: (n8n: N8nWorkflow) => void = () => {}): Workflow {
  const n8n = JSON.parse(readFileSync(new URL(`./fixtures/workflows/${file}`, import.meta.url), 'utf8')) as N8nWorkflow;
  edit(n8n);
  const { workflow, report } = importN8nWorkflow({ ...n8n, pinData });
  expect(report.placeholders).toEqual([]);
  expect(report.expressions.parseFailed).toBe(0);
  return workflow!;
}

/** The JSON each named node output on its first port, in the execution. */
function outputs(execution: Execution, workflow: Workflow, name: string): unknown[] | undefined {
  const id = workflow.nodes.find((n) => n.name === name)!.id;
  const runs = execution.nodes[id];
  if (!runs) return undefined;
  return Object.values(runs[0]!.output)[0]?.map((i) => i.json);
}

// Expressions imported as JavaScript run in the code sandbox, which Node's engine brings.
const engine = createNodeEngine({ logger: silentLogger });
afterAll(() => engine.close());

describe('imported n8n workflows run with pinned data through a real engine', () => {
  // Ko-fi webhook: a verification token check, then a Switch on the payment type into Edit Fields.
  const kofi = (body: Record<string, unknown>) =>
    imported('0786_Stopanderror_Stickynote_Create_Webhook.json', { Webhook: [{ json: { body: { data: body } } }] });
  const donation = {
    verification_token: '7dd9d4ef-8412-4add-a0d0-b548ad4564b9',
    type: 'Donation',
    from_name: 'Ada',
    message: 'Thanks!',
    amount: '3.00',
    email: 'ada@example.com',
    currency: 'EUR',
    is_public: true,
    timestamp: '2024-05-01T10:00:00Z',
  };

  it('routes a donation with the right token to the Donation fields, as text as n8n sets them', async () => {
    const workflow = kofi(donation);
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('success');
    expect(outputs(execution, workflow, 'Donation')).toEqual([
      {
        from_name: 'Ada',
        message: 'Thanks!',
        amount: '3.00',
        url: 'ada@example.com',
        currency: 'EUR',
        is_public: 'true',
        timestamp: '2024-05-01T10:00:00Z',
      },
    ]);
    expect(outputs(execution, workflow, 'Shop Order')).toBeUndefined();
  });

  it('keeps a shop order’s items as a list', async () => {
    const items = [{ direct_link_code: 'abc', variation_name: 'M', quantity: 2 }];
    const workflow = kofi({ ...donation, type: 'Shop Order', shop_items: items, url: 'https://ko-fi.com/x' });
    const execution = await engine.run(workflow);
    expect(outputs(execution, workflow, 'Shop Order')).toEqual([
      { from_name: 'Ada', amount: '3.00', email: 'ada@example.com', currency: 'EUR', shop_items: items, url: 'https://ko-fi.com/x' },
    ]);
  });

  it('stops with the workflow’s own error when the token is wrong', async () => {
    const execution = await engine.run(kofi({ ...donation, verification_token: 'forged' }));
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'STOPPED_BY_WORKFLOW', message: expect.stringContaining('Invalid verification token') });
  });

  it('sends each item to the output its id names through a v1 Switch reading another node by index', async () => {
    const workflow = imported('1097_Manual_Noop_Automate_Triggered.json', {
      Function: [{ json: { id: 0 } }, { json: { id: 1 } }, { json: { id: 2 } }],
    });
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('success');
    expect(outputs(execution, workflow, 'Set')).toEqual([{ id: 0, name: 'n8n' }]);
    expect(outputs(execution, workflow, 'Set1')).toEqual([{ id: 1, name: 'nodemation' }]);
    expect(outputs(execution, workflow, 'Set2')).toEqual([{ id: 2, name: 'nathan' }]);
    expect(outputs(execution, workflow, 'NoOp')).toBeUndefined();
  });

  describe('Slack signature check: HMAC, a v1 If, Edit Fields v3.2 and a merge by position', () => {
    const request = { headers: { 'x-slack-request-timestamp': '1700000000' }, body: { token: 'abc' } };
    const base = 'v0:1700000000:token=abc';
    // The shared export leaves the signing secret empty: the test fills it in, as its user would.
    const secret = 'slack-signing-secret';
    // The oracle: Node's own HMAC.
    const signature = `v0=${createHmac('sha256', secret).update(base).digest('hex')}`;
    const slack = (requestSignature: string) =>
      imported(
        '1164_Stopanderror_Code_Automation_Triggered.json',
        {
          'Execute Workflow Trigger': [{ json: request }],
          'Make Slack Verif Token': [{ json: { sigBaseString: base, requestSignature } }],
        },
        (n8n) => void (n8n.nodes.find((n) => n.name === 'Encode Secret String')!.parameters.secret = secret),
      );

    it('marks a request whose signature matches and merges the flag into it', async () => {
      const workflow = slack(signature);
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      expect(outputs(execution, workflow, 'Encode Secret String')).toEqual([
        { sigBaseString: base, requestSignature: signature, candidateSignature: signature.slice(3) },
      ]);
      expect(outputs(execution, workflow, 'Merge')).toEqual([{ ...request, signature_verified: false }]);
    });

    it('stops when it does not', async () => {
      const execution = await engine.run(slack('v0=0000'));
      expect(execution.error).toMatchObject({
        code: 'STOPPED_BY_WORKFLOW',
        message: expect.stringContaining('Could not verify Slack Webhook signature'),
      });
    });
  });
});

describe('imported Code nodes run in Flowloom’s sandbox', () => {
  const nodeEngine = createNodeEngine({ logger: silentLogger });
  afterAll(() => nodeEngine.close());
  const corpus = JSON.parse(readFileSync(new URL('./fixtures/corpus-nodes.json', import.meta.url), 'utf8')) as {
    source: string;
    node: { name: string };
  }[];
  const corpusNode = (source: string, name: string) => corpus.find((c) => c.source.includes(source) && c.node.name === name)!.node;
  const afterStart = (node: { name: string }, items: unknown[]) =>
    importN8nWorkflow({
      nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, node],
      connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
      pinData: { Start: items },
    }).workflow!;

  it('a Function Item node changes and returns each item’s JSON, as in n8n', async () => {
    const workflow = afterStart(corpusNode('0025_Manual_Uproc', 'Create IP and Email Item'), [
      { json: { name: 'Ada' } },
      { json: { name: 'Bob' } },
    ]);
    const execution = await nodeEngine.run(workflow);
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    expect(outputs(execution, workflow, 'Create IP and Email Item')).toEqual([
      { name: 'Ada', ip: '83.46.131.46', email: 'miquel@uproc.io' },
      { name: 'Bob', ip: '83.46.131.46', email: 'miquel@uproc.io' },
    ]);
  });

  it('a Code node’s sample code adds its field to every item', async () => {
    const workflow = afterStart(corpusNode('0910_Bitly', 'Code'), [{ json: { a: 1 } }, { json: { a: 2 } }]);
    const execution = await nodeEngine.run(workflow);
    expect(outputs(execution, workflow, 'Code')).toEqual([
      { a: 1, myNewField: 1 },
      { a: 2, myNewField: 1 },
    ]);
  });
});
