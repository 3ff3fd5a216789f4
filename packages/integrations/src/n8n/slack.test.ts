// n8n's Slack node imported with the integrations' mappings: real corpus nodes become Flowloom Slack nodes, and an
// imported workflow sends Slack the call Slack's own SDK (@slack/web-api) makes for what the n8n node's parameters
// mean in Slack's API reference (chat.postMessage).
import { WebClient } from '@slack/web-api';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureNode, importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import type { Answer } from '../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';
import { slack } from '../services/slack/slack.js';

const TOKEN = 'xoxb-2222-n8n';

function vendor(request: SeenRequest): Answer | undefined {
  const body = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
  if (request.url === '/api/chat.postMessage') return { body: { ok: true, channel: body['channel'], ts: '1712345678.000200' } };
  return undefined;
}

const bed = serviceTestbed(slack, {
  name: 'Slack',
  answers: vendor,
  hosts: ['slack.com'],
  credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
});
let sdk: WebClient;
beforeAll(() => {
  sdk = new WebClient(TOKEN, { slackApiUrl: `${bed.server.url}/api/`, retryConfig: { retries: 0 } });
});

/** An n8n Slack node (version 2.2) posting to channel C1, as n8n's editor writes it. */
const post = (parameters: Record<string, unknown>): N8nFixtureNode => ({
  name: 'Tell the team',
  type: 'n8n-nodes-base.slack',
  typeVersion: 2.2,
  parameters: { select: 'channel', channelId: { __rl: true, mode: 'id', value: 'C1' }, ...parameters },
  credentials: { slackApi: { id: 'bot', name: 'Slack bot' } },
});

describe("n8n's Slack node, imported", () => {
  it('makes a corpus post to a channel a Flowloom message send, with its credential', () => {
    const { node, report } = importAfterTrigger(
      fixtureNode('0682_Datetime_Schedule_Create_Scheduled.json', 'Post Error Message if Error with ServiceNow'),
    );
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.slack',
      parameters: { resource: 'message', operation: 'send', channel: 'C086LRRQZQB' },
      credentials: { slackApi: 'K04E2FxPZozHux9J' },
    });
  });

  it('makes a corpus reaction a Flowloom reaction add, its timestamp as text', () => {
    const { node } = importAfterTrigger(fixtureNode('1754_Executiondata_Slack_Automate_Webhook.json', 'Add reaction'));
    expect(node?.parameters).toEqual({
      resource: 'reaction',
      operation: 'add',
      channel: "{{js: $('Execution Data').item.json.channel }}",
      ts: '{{ $string($json.ts) }}',
      name: '+1',
    });
  });

  it("makes a corpus version 1 post's legacy attachments Slack's attachment objects, each field row a field", () => {
    const { node, report } = importAfterTrigger(fixtureNode('1148_Woocommerce_Slack_Create_Triggered.json', 'Send to Slack'));
    expect(report.placeholders).toEqual([]);
    expect(node?.parameters).toEqual({
      resource: 'message',
      operation: 'send',
      channel: 'woo-commerce',
      text: ':new: A new product has been added! :new:',
      attachments: [
        {
          color: '#66FF00',
          fields: [
            { title: 'Name', value: '{{ $string($json.name) }}', short: false },
            { title: 'Price', value: '{{ $string($json.regular_price) }}', short: true },
            { title: 'Sale Price', value: '{{ $string($json.sale_price) }}', short: true },
            { title: 'Link', value: '{{ $string($json.permalink) }}', short: false },
          ],
          footer: 'Added: {{js:$json["date_created"]}}',
        },
      ],
    });
  });

  it('keeps a legacy attachment with a field Slack does not have as a placeholder naming it', () => {
    const node: N8nFixtureNode = {
      name: 'Old post',
      type: 'n8n-nodes-base.slack',
      typeVersion: 1,
      parameters: { channel: 'general', text: 'hi', attachments: [{ text: 'more', sparkle: true }] },
    };
    const { report } = importAfterTrigger(node);
    expect(report.placeholders).toMatchObject([
      { n8nType: 'n8n-nodes-base.slack', cause: 'parameters', parameter: 'attachments[0].sparkle' },
    ]);
  });

  it('posts the corpus attachments as the SDK does for what they mean', async () => {
    const product = {
      name: 'Linen hoodie',
      regular_price: '45.00',
      sale_price: '39.00',
      permalink: 'https://shop.example.com/product/linen-hoodie',
      date_created: '2026-05-01T10:00:00',
    };
    await sdk.chat.postMessage({
      channel: 'woo-commerce',
      text: ':new: A new product has been added! :new:',
      attachments: [
        {
          color: '#66FF00',
          fields: [
            { title: 'Name', value: product.name, short: false },
            { title: 'Price', value: product.regular_price, short: true },
            { title: 'Sale Price', value: product.sale_price, short: true },
            { title: 'Link', value: product.permalink, short: false },
          ],
          footer: product.date_created,
        },
      ],
    });
    const expected = await bed.take();
    const corpus = fixtureNode('1148_Woocommerce_Slack_Create_Triggered.json', 'Send to Slack');
    const [attachment] = corpus.parameters['attachments'] as Record<string, unknown>[];
    const { workflow } = importAfterTrigger({
      ...corpus,
      // The footer as one plain reference, which becomes JSONata: this engine runs no JavaScript (it has no code
      // sandbox), and the footer's text around the expression would make it JavaScript.
      parameters: { ...corpus.parameters, attachments: [{ ...attachment, footer: '={{ $json.date_created }}' }] },
      credentials: { slackApi: { id: 'bot', name: 'Slack bot' } },
    });
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      input: [{ json: product }],
      compare: 'service',
    });
    expect(requests).toEqual(expected);
  });

  it('posts in a thread as the SDK does for the same parameters', async () => {
    await sdk.chat.postMessage({ channel: 'C1', text: 'Order 7 for Ada', thread_ts: '1712.0001', unfurl_links: false });
    const expected = await bed.take();
    const { workflow, report } = importAfterTrigger(
      post({
        text: '={{ $json.message }}',
        otherOptions: {
          includeLinkToWorkflow: false,
          unfurl_links: false,
          thread_ts: { replyValues: { thread_ts: '={{ $json.thread }}' } },
        },
      }),
    );
    expect(report.placeholders).toEqual([]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      input: [{ json: { message: 'Order 7 for Ada', thread: '1712.0001' } }],
      compare: 'service',
    });
    expect(requests).toEqual(expected);
  });

  it('sends Block Kit blocks written as n8n JSON with an expression inside as the SDK does', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Ada* signed up' } }];
    await sdk.chat.postMessage({ channel: 'C1', text: 'New sign-up', blocks });
    const expected = await bed.take();
    const { workflow, report } = importAfterTrigger(
      post({
        messageType: 'block',
        text: 'New sign-up',
        blocksUi: '={\n  "blocks": [{ "type": "section", "text": { "type": "mrkdwn", "text": "{{ $json.headline }}" } }]\n}',
        otherOptions: { includeLinkToWorkflow: false },
      }),
    );
    expect(report.placeholders).toEqual([]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      input: [{ json: { headline: '*Ada* signed up' } }],
      compare: 'service',
    });
    expect(requests).toEqual(expected);
  });
});
