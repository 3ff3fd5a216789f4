// The Telegram Trigger, checked against node-telegram-bot-api's own webhook callback (webhookCallback with the same
// secret token accepts and refuses the same calls), and a whole workflow: a button pressed under a message, then
// the Telegram node answering the press and editing the message, as the library's Api would.
import { buildWorkflow } from '@flowloom/engine/testing';
import { Api, Bot, webhookCallback } from 'node-telegram-bot-api';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { telegram, telegramBotToken } from './telegram.js';
import { telegramTrigger } from './telegram-trigger.js';

const TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'Zx8_webhook-secret-token';

const pressed = (data: string) => ({
  update_id: 10001,
  callback_query: {
    id: '4382bfdwdsb323b2d9',
    from: { id: 99, is_bot: false, first_name: 'Ada' },
    message: { message_id: 42, date: 1780000000, chat: { id: 123456789, type: 'private' }, text: 'Ship order 42?' },
    chat_instance: '-1',
    data,
  },
});

/** A call as Telegram makes it to a webhook set with `secret_token`. */
function telegramCall(update: unknown, token: string | null = SECRET): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-telegram-bot-api-secret-token'] = token;
  return new Request('https://hooks.example.com/webhook/telegram/events', { method: 'POST', headers, body: JSON.stringify(update) });
}

/** Whether the library's own webhook callback, with the same secret token, takes the call. */
async function libraryAccepts(call: Request): Promise<boolean> {
  return (await webhookCallback(new Bot(TOKEN), { secretToken: SECRET })(call.clone())).status === 200;
}

const workflow = buildWorkflow({
  id: 'telegram-buttons',
  nodes: [
    {
      id: 'trigger',
      name: 'On button',
      type: telegramTrigger.type,
      parameters: { path: 'telegram/events', events: ['callback_query'] },
      credentials: { telegramApi: 'bot' },
    },
    {
      id: 'answer',
      name: 'Answer the press',
      type: telegram.node.type,
      parameters: {
        resource: 'callbackQuery',
        operation: 'answer',
        callbackQueryId: '{{ $json.callback_query.id }}',
        notificationText: 'You chose {{ $json.callback_query.data }}',
      },
      credentials: { telegramApi: 'bot' },
    },
    {
      id: 'edit',
      name: 'Say so',
      type: telegram.node.type,
      parameters: {
        resource: 'message',
        operation: 'editText',
        chatId: '{{ $node("On button").json.callback_query.message.chat.id }}',
        messageId: '{{ $node("On button").json.callback_query.message.message_id }}',
        text: 'Order 42: {{ $node("On button").json.callback_query.data }}',
      },
      credentials: { telegramApi: 'bot' },
    },
  ],
  connections: [
    ['trigger', 'answer'],
    ['answer', 'edit'],
  ],
});

const bed = webhookTestbed({
  answers: (request) =>
    request.url.endsWith('/answerCallbackQuery')
      ? { body: { ok: true, result: true } }
      : { body: { ok: true, result: { message_id: 42, chat: { id: 123456789 }, text: 'edited' } } },
  hosts: ['api.telegram.org'],
  nodeTypes: [telegram.node, telegramTrigger],
  credentialTypes: [telegramBotToken],
  credentials: [
    { id: 'bot', type: 'telegramApi', data: { botToken: TOKEN, webhookSecret: SECRET } },
    { id: 'no-secret', type: 'telegramApi', data: { botToken: TOKEN } },
  ],
  workflow,
});

describe('Telegram Trigger', () => {
  it('runs for a button press with the secret token, answers it and edits the message as the library would', async () => {
    const call = telegramCall(pressed('ship'));
    expect(await libraryAccepts(call)).toBe(true);
    const { run } = await bed.runOnce(call);
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toEqual(pressed('ship'));
    const sent = await bed.take();
    const api = new Api(TOKEN, { apiRoot: bed.server.url, maxRetries: 0 });
    await api.answerCallbackQuery({ callback_query_id: '4382bfdwdsb323b2d9', text: 'You chose ship' });
    await api.editMessageText({ chat_id: 123456789, message_id: 42, text: 'Order 42: ship' });
    expect(sent).toEqual(await bed.take());
  });

  it('keeps the secret token out of the run it started', async () => {
    const { run } = await bed.runOnce(telegramCall(pressed('hold')));
    await bed.take();
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  itRefusesCalls(
    bed,
    'refuses calls without the secret token, or with another, with 401 as the library does, starting nothing',
    async () => {
      const calls = [
        telegramCall(pressed('ship'), null),
        telegramCall(pressed('ship'), 'guessed'),
        telegramCall(pressed('ship'), `${SECRET}x`),
      ];
      expect(await Promise.all(calls.map(libraryAccepts))).toEqual([false, false, false]);
      return [
        { call: calls[0]!, message: 'The call was refused: it has no X-Telegram-Bot-Api-Secret-Token header' },
        { call: calls[1]!, error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'The call was refused: its secret token does not match' } },
        { call: calls[2]! },
      ];
    },
  );

  itStartsNothingFor(bed, 'starts nothing for an update type the node does not listen to', () =>
    telegramCall({ update_id: 10002, message: { message_id: 1, date: 1780000000, chat: { id: 1, type: 'private' }, text: 'hi' } }),
  );

  it('refuses every call when its credential has no secret token, saying what to do', async () => {
    const open = buildWorkflow({
      id: 'telegram-open',
      nodes: [
        {
          id: 'trigger',
          name: 'Unchecked',
          type: telegramTrigger.type,
          parameters: { path: 'telegram/open', events: ['message'] },
          credentials: { telegramApi: 'no-secret' },
        },
      ],
    });
    await bed.engine.activate(open);
    const call = new Request('https://hooks.example.com/webhook/telegram/open', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'anything' },
      body: JSON.stringify({ update_id: 1, message: { text: 'hi' } }),
    });
    const { responses, runs } = await bed.deliver(call);
    expect(responses[0]!.status).toBe(401);
    expect(((await responses[0]!.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: the Telegram credential has no webhook secret token to check calls with; add one, then run "Set webhook" again',
    );
    expect(runs).toEqual([]);
    bed.engine.deactivate('telegram-open');
  });
});
