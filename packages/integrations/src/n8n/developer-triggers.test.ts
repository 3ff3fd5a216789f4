// n8n's webhook triggers of developer tools and IT operations services, imported with the integrations' mappings: each
// real corpus trigger (fixtures/developer-trigger-nodes.json) becomes the Flowloom trigger on the same events, the
// webhook's registration left to the user; and the corpus Netlify trigger, once its user fills its
// credential, runs for a deploy_failed call Netlify signs as its documentation describes.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Workflow } from '@flowloom/engine';
import { importN8nWorkflow } from '@flowloom/engine/n8n';
import { describe, expect, it } from 'vitest';
import { netlifyTrigger, netlifyWebhookSecret } from '../services/netlify/netlify-trigger.js';
import type { N8nFixtureNode } from '../testing/n8n-import.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';
import { n8nMappings, n8nNodeTypes } from './index.js';

const fixtures: readonly { source: string; node: N8nFixtureNode }[] = JSON.parse(
  readFileSync(new URL('./fixtures/developer-trigger-nodes.json', import.meta.url), 'utf8'),
) as { source: string; node: N8nFixtureNode }[];

/** The fixture node of this n8n type (the first). */
const fixture = (type: string): N8nFixtureNode => structuredClone(fixtures.find((f) => f.node.type === `n8n-nodes-base.${type}`)!.node);

/** Imports n8n nodes (the first a trigger) connected in a line. */
function importLine(...nodes: N8nFixtureNode[]) {
  const connections = Object.fromEntries(
    nodes.slice(0, -1).map((n, i) => [n.name, { main: [[{ node: nodes[i + 1]!.name, type: 'main', index: 0 }]] }]),
  );
  const doc = { name: 'n8n developer trigger', nodes: nodes.map((n, i) => ({ id: `n${i}`, ...n })), connections };
  const { workflow, report } = importN8nWorkflow(doc, { mappings: n8nMappings, nodeTypes: n8nNodeTypes });
  if (!workflow) throw new Error(`the workflow was refused: ${report.refusedReason}`);
  return { workflow, report, trigger: workflow.nodes.find((n) => n.id === 'n0') };
}

/** What each corpus trigger becomes: its Flowloom type, and its parameters (path from the n8n webhook id, events). */
const EXPECTED: Record<string, { type: string; parameters: Record<string, unknown> }> = {
  gitlabTrigger: { type: 'integrations.gitlabTrigger', parameters: { path: 'gitlab/0e855b27-6465-42be-9610-c61b2e09cef9' } },
  bitbucketTrigger: {
    type: 'integrations.bitbucketTrigger',
    parameters: { path: 'bitbucket/97ca8044-5835-4547-801d-c27dd7f10c2d', events: ['repo:push'] },
  },
  jiraTrigger: { type: 'integrations.jiraTrigger', parameters: { path: 'jira/a3ddaf66-7f75-4494-b435-ef88ef1f1917' } },
  netlifyTrigger: {
    type: 'integrations.netlifyTrigger',
    parameters: { path: 'netlify/0654820c-1960-4c8b-80fc-c0a66ab96577', events: ['deploy_failed'] },
  },
  trelloTrigger: { type: 'integrations.trelloTrigger', parameters: {} },
  taigaTrigger: { type: 'integrations.taigaTrigger', parameters: { path: 'taiga/53939c3e-7dc6-4fdf-94d8-d29f92f8fa12' } },
  theHiveTrigger: { type: 'integrations.thehiveTrigger', parameters: { path: 'thehive/bef3fea8-2d68-43e8-9061-6c17c1059c86' } },
  awsSnsTrigger: { type: 'integrations.awsSnsTrigger', parameters: {} },
};

describe("n8n's developer tool triggers, imported", () => {
  it.each(Object.entries(EXPECTED))('make the corpus %s the Flowloom trigger on the same events', (type, expected) => {
    const { trigger, report } = importLine(fixture(type));
    expect(report.placeholders).toEqual([]);
    expect(trigger).toMatchObject({ type: expected.type });
    expect(trigger?.parameters).toEqual(expected.parameters);
    expect(report.problems.map((p) => p.code)).toContain('webhook-registration');
  });

  it("make Taiga's resources and operations the pairs Flowloom's trigger names, n8n's all taking in epics too", () => {
    const taiga = fixture('taigaTrigger');
    const events = (parameters: Record<string, unknown>) =>
      importLine({ ...taiga, parameters: { ...taiga.parameters, ...parameters } }).trigger?.parameters['events'];
    expect(events({ resources: ['issue', 'task'], operations: ['create'] })).toEqual(['create.issue', 'create.task']);
    expect(events({ resources: ['all'], operations: ['delete'] })).toEqual([
      'delete.epic',
      'delete.issue',
      'delete.milestone',
      'delete.task',
      'delete.userstory',
      'delete.wikipage',
    ]);
    expect(events({ resources: ['wikipage'], operations: ['all'] })).toEqual(['create.wikipage', 'change.wikipage', 'delete.wikipage']);
  });

  it('keep as placeholders what Flowloom cannot start on: a Jira webhook without body, a simplified Netlify submission', () => {
    const jira = fixture('jiraTrigger');
    const bodiless = importLine({ ...jira, parameters: { ...jira.parameters, additionalFields: { excludeBody: true } } });
    expect(bodiless.report.placeholders.map((p) => p.parameter)).toEqual(['additionalFields.excludeBody']);
    const netlify = fixture('netlifyTrigger');
    const submission = importLine({ ...netlify, parameters: { ...netlify.parameters, event: 'submissionCreated', formId: '*' } });
    expect(submission.report.placeholders.map((p) => p.parameter)).toEqual(['simple']);
    const whole = importLine({ ...netlify, parameters: { ...netlify.parameters, event: 'submissionCreated', simple: false } });
    expect(whole.trigger?.parameters['events']).toEqual(['submission_created']);
  });

  it('name the SNS topic to subscribe to, written as an ARN or as a console URL', () => {
    const sns = fixture('awsSnsTrigger');
    const warning = (topic: unknown) =>
      importLine({ ...sns, parameters: { topic } }).report.problems.find((p) => p.code === 'webhook-registration')?.message;
    const arn = 'arn:aws:sns:ap-south-1:100558637562:n8n-rocks';
    expect(warning(sns.parameters['topic'])).toContain(`to ${arn} over HTTPS`);
    const url = `https://ap-south-1.console.aws.amazon.com/sns/v3/home?region=ap-south-1#/topic/${arn}`;
    expect(warning({ __rl: true, mode: 'url', value: url })).toContain(`to ${arn} over HTTPS`);
    expect(importLine({ ...sns, parameters: { topic: '={{ $json.topic }}' } }).report.placeholders.map((p) => p.parameter)).toEqual([
      'topic',
    ]);
  });

  it("tell the user to set Jira's JQL filter and URL fields, which n8n registered", () => {
    const jira = fixture('jiraTrigger');
    const { report } = importLine({
      ...jira,
      parameters: { ...jira.parameters, additionalFields: { filter: 'project = JRA', includeFields: ['issue.key'] } },
    });
    expect(report.placeholders).toEqual([]);
    expect(report.problems.filter((p) => p.code.startsWith('jira-')).map((p) => p.message)).toEqual([
      'set the JQL filter "project = JRA" on the webhook in Jira',
      "add issue.key=${issue.key} to the webhook's URL in Jira, as n8n did; the item holds them",
    ]);
  });
});

const SECRET = 'netlify-jws-secret';
const corpus = importLine(fixture('netlifyTrigger'));
/** The imported trigger with the credential its user fills in, as the import report asks. */
const workflow: Workflow = {
  ...corpus.workflow,
  nodes: corpus.workflow.nodes.map((n) => (n.id === 'n0' ? { ...n, credentials: { netlifyWebhookSecret: 'jws' } } : n)),
};

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [netlifyTrigger],
  credentialTypes: [netlifyWebhookSecret],
  credentials: [{ id: 'jws', type: 'netlifyWebhookSecret', data: { secret: SECRET } }],
  workflow,
});

/** A call of `event` as Netlify signs it: a JWS (HS256) claiming iss "netlify" and the body's SHA-256. */
function signedCall(event: string, state: string): Request {
  const body = JSON.stringify({ id: '5ebc34bf4fea0b01f02efa3a', name: 'www-example', state, error_message: 'Build failed' });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'netlify', sha256: createHash('sha256').update(body).digest('hex') })}`;
  return new Request('https://hooks.example.com/webhook/netlify/0654820c-1960-4c8b-80fc-c0a66ab96577', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-netlify-event': event,
      'x-webhook-signature': `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`,
    },
    body,
  });
}

describe('the corpus Netlify trigger, imported', () => {
  it('runs at its path for a deploy_failed call Netlify signs, with the fields the corpus Slack message reads, and not for another event', async () => {
    const { run } = await bed.runOnce(signedCall('deploy_failed', 'error'));
    expect(run.nodes['n0']![0]!.output['main']![0]!.json).toMatchObject({
      id: '5ebc34bf4fea0b01f02efa3a',
      name: 'www-example',
      error_message: 'Build failed',
    });
    const { responses, runs } = await bed.deliver(signedCall('deploy_created', 'ready'));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
  });
});
