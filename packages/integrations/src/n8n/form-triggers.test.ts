// n8n's webhook triggers of forms, surveys, scheduling and content services, from the real corpus nodes in
// `fixtures/form-trigger-nodes.json`: each becomes the Flowloom trigger of its service on the same events and options,
// on a path of n8n's webhook id, with the webhook's registration left to its user; and an imported workflow runs for
// a call as the service makes it.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Workflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { surveyMonkeyWebhookApp, surveymonkeyTrigger } from '../services/surveymonkey/surveymonkey-trigger.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/form-trigger-nodes.json', import.meta.url), 'utf8')) as {
  source: string;
  node: N8nFixtureNode;
}[];

/** The corpus node of this n8n type. */
function fixture(n8nType: string): N8nFixtureNode {
  const found = fixtures.find((f) => f.node.type === `n8n-nodes-base.${n8nType}`);
  if (!found) throw new Error(`no fixture node of type ${n8nType}`);
  return structuredClone(found.node);
}

/** The corpus node of this n8n type (changed by `edit`), imported alone with the integrations' mappings. */
function imported(n8nType: string, edit: (node: N8nFixtureNode) => void = () => {}) {
  const node = fixture(n8nType);
  edit(node);
  return importAfterTrigger(node);
}

describe("n8n's form, survey, scheduling and content triggers, imported from the corpus", () => {
  it.each([
    ['jotFormTrigger', 'integrations.jotformTrigger', { path: 'jotform/8ee760f3-f18a-4060-bf41-b583ef4d7bfe', form: '202012795501445' }],
    ['wufooTrigger', 'integrations.wufooTrigger', { path: 'wufoo/106376c5-b49c-412f-8463-4db23a23c057' }],
    [
      'surveyMonkeyTrigger',
      'integrations.surveymonkeyTrigger',
      { path: 'surveymonkey/52754661-725a-49e0-88fc-a8e5dbbea5a5', events: ['response_created'] },
    ],
    [
      'acuitySchedulingTrigger',
      'integrations.acuityschedulingTrigger',
      { path: 'acuity/b326732d-9473-469f-a421-dd823d26b945', events: ['appointment.scheduled'] },
    ],
    [
      'webflowTrigger',
      'integrations.webflowTrigger',
      { path: 'webflow/ce934229-1396-4920-8bfe-10579aa6f9dd', events: ['form_submission'] },
    ],
    [
      'boxTrigger',
      'integrations.boxTrigger',
      { path: 'box/0e56bb0c-8e81-42de-a902-c0ab31834bd8', events: ['FOLDER.MOVED', 'FOLDER.DOWNLOADED'] },
    ],
    [
      'eventbriteTrigger',
      'integrations.eventbriteTrigger',
      { path: 'eventbrite/90ebf00a-536b-4553-b879-2e2c3e35bd60', events: ['order.placed', 'order.updated', 'order.refunded'] },
    ],
    // The corpus node has no webhook id: the trigger keeps its own default path.
    ['flowTrigger', 'integrations.flowTrigger', {}],
  ])('maps %s to %s with its events and options, the webhook left to its user', (n8nType, type, parameters) => {
    const { node, report } = imported(n8nType);
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({ type, parameters });
    expect(node!.parameters).toEqual(parameters);
    expect(report.problems.map((p) => p.code)).toContain('webhook-registration');
  });

  it("keeps JotForm's and Wufoo's output options when they differ from n8n's defaults", () => {
    const jotform = imported('jotFormTrigger', (n) => Object.assign(n.parameters, { resolveData: false, onlyAnswers: false }));
    expect(jotform.node?.parameters).toMatchObject({ resolveData: false, onlyAnswers: false });
    const wufoo = imported('wufooTrigger', (n) => Object.assign(n.parameters, { onlyAnswers: false }));
    expect(wufoo.node?.parameters).toMatchObject({ onlyAnswers: false });
  });

  it("warns that Eventbrite's webhook is created for the one event n8n names, and keeps Resolve Data off", () => {
    const { node, report } = imported('eventbriteTrigger', (n) => Object.assign(n.parameters, { resolveData: false }));
    expect(node?.parameters).toMatchObject({ resolveData: false });
    expect(report.problems.map((p) => p.code)).toContain('eventbrite-event');
  });

  it("keeps Acuity's Resolve Data off, and warns that the Flowloom trigger checks signatures where n8n with OAuth2 does not", () => {
    const { node, report } = imported('acuitySchedulingTrigger', (n) =>
      Object.assign(n.parameters, { resolveData: false, authentication: 'oAuth2' }),
    );
    expect(node?.parameters).toMatchObject({ resolveData: false });
    expect(report.problems.map((p) => p.code)).toContain('acuity-api-key');
  });

  it("names why not for a completed SurveyMonkey response n8n resolves, and for an event Flowloom's Box trigger does not offer", () => {
    const survey = imported('surveyMonkeyTrigger', (n) => Object.assign(n.parameters, { event: 'response_completed' }));
    expect(survey.report.placeholders).toEqual([expect.objectContaining({ parameter: 'resolveData', cause: 'parameters' })]);
    const resolvedOff = imported('surveyMonkeyTrigger', (n) =>
      Object.assign(n.parameters, { event: 'response_completed', resolveData: false }),
    );
    expect(resolvedOff.node?.parameters).toMatchObject({ events: ['response_completed'] });
    const box = imported('boxTrigger', (n) => Object.assign(n.parameters, { events: ['FOLDER.MOVED', 'FOLDER.VANISHED'] }));
    expect(box.report.placeholders).toHaveLength(1);
    expect(JSON.stringify(box.report.placeholders[0])).toContain('FOLDER.VANISHED');
  });
});

const APP = { clientId: 'sm_client_3f9a', clientSecret: '8c1e6b0d2a4f9e7c5b3d' };
const survey = imported('surveyMonkeyTrigger');
/** The imported SurveyMonkey workflow with the credential its user fills in, as the import report asks. */
const surveyWorkflow: Workflow = {
  ...survey.workflow,
  nodes: survey.workflow.nodes.map((n) => (n.id === 'service' ? { ...n, credentials: { surveyMonkeyWebhookApp: 'app' } } : n)),
};
const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [surveymonkeyTrigger],
  credentialTypes: [surveyMonkeyWebhookApp],
  credentials: [{ id: 'app', type: 'surveyMonkeyWebhookApp', data: APP }],
  workflow: surveyWorkflow,
});

/** An event as SurveyMonkey posts it to the imported trigger's path, signed with the app's key and secret. */
function surveyCall(eventType: string) {
  const text = JSON.stringify({
    name: 'n8n - Webhook [response_created]',
    filter_type: 'survey',
    filter_id: '288506979',
    event_type: eventType,
    event_id: '10563270',
    object_type: 'response',
    object_id: '11892350531',
    event_datetime: '2026-03-26T21:56:31.182613+00:00',
    resources: { respondent_id: '11892350531', recipient_id: '0', user_id: '150581235', collector_id: '405871442', survey_id: '288506979' },
  });
  return new Request('https://hooks.example.com/webhook/surveymonkey/52754661-725a-49e0-88fc-a8e5dbbea5a5', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sm-signature': createHmac('sha1', `${APP.clientId}&${APP.clientSecret}`).update(text).digest('base64'),
    },
    body: text,
  });
}

describe("n8n's SurveyMonkey Trigger, imported and given its credential", () => {
  it('runs for a signed response_created event at the path of its n8n webhook id, and not for another event', async () => {
    const { run } = await bed.runOnce(surveyCall('response_created'));
    expect(run.nodes['service']![0]!.output['main']![0]!.json).toMatchObject({ event_type: 'response_created', object_id: '11892350531' });
    const { responses, runs } = await bed.deliver(surveyCall('response_deleted'));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
  });
});
