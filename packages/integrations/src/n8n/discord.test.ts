// n8n's Discord node (version 1, a message through a channel webhook) imported with the integrations' mappings: the
// corpus node becomes a Flowloom webhook send, which posts Discord the Execute Webhook call its API reference
// documents (POST /webhooks/{id}/{token} on API v10, the text as `content`, `wait` in the query).
import { describe, expect, it } from 'vitest';
import { discord } from '../services/discord/discord.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import { serviceTestbed } from '../testing/service-testbed.js';

const HOOK = 'https://discord.com/api/webhooks/1112223334445556667/hook-token_AbC';

const bed = serviceTestbed(discord, {
  name: 'Discord',
  answers: (request) =>
    request.method === 'POST' ? { body: { id: '1200000000000000001', type: 0, content: 'posted', channel_id: '1' } } : undefined,
  hosts: ['discord.com'],
  credentials: [],
});

describe("n8n's Discord node, imported", () => {
  it("makes a corpus version 1 message a Flowloom webhook send of the node's text", () => {
    const { node, report } = importAfterTrigger(fixtureNode('0314_GoogleSheets_Discord_Create_Triggered.json', 'Send message'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.discord',
      parameters: {
        resource: 'webhook',
        operation: 'send',
        webhookUrl: 'https://discord.com/api/webhooks/...',
        content: '```\n{{js: $json.ascii_table }}\n```',
      },
    });
  });

  it('posts the Execute Webhook call Discord documents, with the name and avatar n8n sets', async () => {
    const { workflow } = importAfterTrigger({
      name: 'Send message',
      type: 'n8n-nodes-base.discord',
      typeVersion: 1,
      parameters: {
        text: '={{ $json.report }}',
        webhookUri: HOOK,
        options: { username: 'Portfolio bot', avatarUrl: 'https://example.com/bot.png' },
      },
    });
    await bed.take();
    const execution = await bed.engine.run(workflow, { input: [{ json: { report: 'ACME up 3%' } }] });
    expect(execution.status).toBe('success');
    expect(await bed.take()).toEqual([
      {
        method: 'POST',
        // The webhook's URL on the versioned API base Discord documents (https://discord.com/api/v10).
        path: '/api/v10/webhooks/1112223334445556667/hook-token_AbC',
        query: { wait: 'true' },
        auth: undefined,
        contentType: 'application/json',
        body: { content: 'ACME up 3%', username: 'Portfolio bot', avatar_url: 'https://example.com/bot.png' },
      },
    ]);
  });
});
