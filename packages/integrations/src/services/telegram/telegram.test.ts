// Telegram, checked against node-telegram-bot-api's Api client (its `apiRoot` aimed at the recording server) and the
// Bot API reference (https://core.telegram.org/bots/api): both make the same call, the token in the path
// (`/bot<token>/<method>`), parameters as a form, or as multipart when a file is uploaded; structured parameters
// (`reply_markup`, `reply_parameters`) go as JSON text.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Api, InputFile, TelegramApiError } from 'node-telegram-bot-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { telegram } from './telegram.js';

const TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'w3bh00k-s3cret_token';
const chat = { id: 123456789, type: 'private', first_name: 'Ada' };

/** Answers that tests add for one case, tried before the documented ones. */
const overrides: ((method: string, form: Record<string, string>) => Answer | undefined)[] = [];

function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const [, bot, method = ''] = url.pathname.split('/');
  if (bot !== `bot${TOKEN}`) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
  const multipart = String(request.headers['content-type']).startsWith('multipart/');
  const form = multipart ? {} : Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
  for (const override of overrides) {
    const found = override(method, form);
    if (found) return found;
  }
  const message = (extra: Record<string, unknown>) => ({ ok: true, result: { message_id: 42, date: 1780000000, chat, ...extra } });
  switch (method) {
    case 'getMe':
      return { body: { ok: true, result: { id: 110201543, is_bot: true, first_name: 'Flow', username: 'flow_bot' } } };
    case 'sendMessage':
      return { body: message({ text: form['text'] }) };
    case 'editMessageText':
      return { body: message({ text: form['text'], edit_date: 1780000100 }) };
    case 'sendPhoto':
      return { body: message({ photo: [{ file_id: 'AgACAgQAAxkBAAI', file_unique_id: 'AQAD', width: 90, height: 90, file_size: 1000 }] }) };
    case 'sendDocument':
      return { body: message({ document: { file_id: 'BQACAgQAAxkBAAI', file_unique_id: 'AgAD', file_name: 'report.csv' } }) };
    case 'answerCallbackQuery':
    case 'deleteWebhook':
      return { body: { ok: true, result: true } };
    case 'setWebhook':
      return { body: { ok: true, result: true, description: 'Webhook was set' } };
    case 'getWebhookInfo':
      return { body: { ok: true, result: { url: 'https://hooks.example.com/webhook/telegram/events', pending_update_count: 0 } } };
  }
  return undefined;
}

const bed = serviceTestbed(telegram, {
  name: 'Telegram',
  answers: answer,
  hosts: ['api.telegram.org'],
  credentials: [
    { id: 'bot', type: 'telegramApi', data: { botToken: TOKEN, webhookSecret: SECRET } },
    { id: 'revoked', type: 'telegramApi', data: { botToken: '110201543:AAHrevokedrevokedrevokedrevoked' } },
  ],
});
const { take, node } = bed;
let sdk: Api;
beforeAll(() => {
  sdk = new Api(TOKEN, { apiRoot: bed.server.url, maxRetries: 0 });
});

/** Runs the library's call and the node's, and requires the same requests; returns the node's run and the library's result. */
async function sameAsSdk(
  sdkCall: () => Promise<unknown>,
  resource: string,
  operation: string,
  parameters: Record<string, unknown>,
  input?: object[],
) {
  await take();
  const fromSdk = await sdkCall();
  const expected = await take();
  const run = await bed.node(resource, operation, parameters, input ? { input: input as never } : {});
  expect(run.execution.error?.message).toBeUndefined();
  expect(run.requests).toEqual(expected);
  return { ...run, fromSdk };
}

const keyboard = {
  inline_keyboard: [
    [
      { text: 'Yes', callback_data: 'yes' },
      { text: 'Docs', url: 'https://core.telegram.org/bots/api' },
    ],
  ],
};
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const csv = Buffer.from('name,total\nAda,42\n');
const withFile = (name: string, bytes: Buffer, mimeType: string) => [
  { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName: name } } },
];

describe('Telegram, against node-telegram-bot-api', () => {
  it('sends a formatted text with an inline keyboard, silently, as a reply, and puts out the message as the library reads it', async () => {
    const { items, requests, fromSdk } = await sameAsSdk(
      () =>
        sdk.sendMessage({
          chat_id: chat.id,
          text: '*Order 42* is _ready_',
          parse_mode: 'MarkdownV2',
          reply_markup: keyboard,
          disable_notification: true,
          reply_parameters: { message_id: 41 },
          link_preview_options: { is_disabled: true },
        }),
      'message',
      'send',
      {
        chatId: chat.id,
        text: '*Order 42* is _ready_',
        parseMode: 'MarkdownV2',
        replyMarkup: keyboard,
        disableNotification: true,
        replyToMessageId: 41,
        disableLinkPreview: true,
      },
    );
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/bot${TOKEN}/sendMessage`,
      contentType: 'application/x-www-form-urlencoded',
      body: { chat_id: '123456789', reply_markup: keyboard, reply_parameters: { message_id: 41 } },
    });
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it.each([
    ['a reply keyboard', { keyboard: [[{ text: 'Yes' }, { text: 'No' }]], resize_keyboard: true, one_time_keyboard: true }],
    ['the keyboard removed', { remove_keyboard: true }],
    ['a forced reply', { force_reply: true, input_field_placeholder: 'Your name' }],
  ])('sends a text with %s as the library does', async (_, markup) => {
    const replyMarkup = markup as Parameters<Api['sendMessage']>[0]['reply_markup'];
    await sameAsSdk(
      () => sdk.sendMessage({ chat_id: '@flowloom_news', text: 'Well?', parse_mode: 'HTML', reply_markup: replyMarkup }),
      'message',
      'send',
      {
        chatId: '@flowloom_news',
        text: 'Well?',
        parseMode: 'HTML',
        replyMarkup: markup,
      },
    );
  });

  it('uploads the item\u2019s photo as multipart, with a caption and a keyboard, as the library does', async () => {
    const { requests, items, fromSdk } = await sameAsSdk(
      () =>
        sdk.sendPhoto({
          chat_id: chat.id,
          photo: new InputFile(png, { filename: 'chart.png', contentType: 'image/png' }),
          caption: '<b>Sales</b>',
          parse_mode: 'HTML',
          reply_markup: keyboard,
        }),
      'message',
      'sendPhoto',
      { chatId: chat.id, caption: '<b>Sales</b>', parseMode: 'HTML', replyMarkup: keyboard },
      withFile('chart.png', png, 'image/png'),
    );
    expect(requests[0]).toMatchObject({ contentType: 'multipart/form-data', body: { photo: { size: png.length } } });
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it('uploads the item\u2019s document as multipart as the library does', async () => {
    await sameAsSdk(
      () =>
        sdk.sendDocument({
          chat_id: chat.id,
          document: new InputFile(csv, { filename: 'report.csv' }),
          caption: 'March',
          protect_content: true,
        }),
      'message',
      'sendDocument',
      { chatId: chat.id, caption: 'March', protectContent: true },
      withFile('report.csv', csv, 'text/csv'),
    );
  });

  it('sends a photo Telegram already has by its file ID, as a form', async () => {
    const { requests } = await sameAsSdk(
      () => sdk.sendPhoto({ chat_id: chat.id, photo: 'AgACAgQAAxkBAAI', message_thread_id: 7 }),
      'message',
      'sendPhoto',
      { chatId: chat.id, binaryData: false, fileId: 'AgACAgQAAxkBAAI', messageThreadId: 7 },
    );
    expect(requests[0]!.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('edits a message\u2019s text and keyboard as the library does', async () => {
    const { items, fromSdk } = await sameAsSdk(
      () => sdk.editMessageText({ chat_id: chat.id, message_id: 42, text: 'Done \u2705', reply_markup: { inline_keyboard: [] } }),
      'message',
      'editText',
      { chatId: chat.id, messageId: 42, text: 'Done \u2705', replyMarkup: { inline_keyboard: [] } },
    );
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it('answers a callback query as the library does', async () => {
    const { items } = await sameAsSdk(
      () => sdk.answerCallbackQuery({ callback_query_id: '4382bfdwdsb323b2d9', text: 'Saved', show_alert: true, cache_time: 5 }),
      'callbackQuery',
      'answer',
      { callbackQueryId: '4382bfdwdsb323b2d9', notificationText: 'Saved', showAlert: true, cacheTime: 5 },
    );
    expect(items.map((i) => i.json)).toEqual([{ ok: true, result: true }]);
  });

  it('sets the webhook with the credential\u2019s secret token, which Telegram reads from the query as from the form', async () => {
    await take();
    await sdk.setWebhook({
      url: 'https://hooks.example.com/webhook/telegram/events',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
      drop_pending_updates: true,
    });
    const [fromSdk] = await take();
    const { requests, items } = await node('webhook', 'set', {
      url: 'https://hooks.example.com/webhook/telegram/events',
      allowedUpdates: ['message', 'callback_query'],
      dropPendingUpdates: true,
    });
    const { secret_token: secret, ...rest } = fromSdk!.body as Record<string, unknown>;
    expect(secret).toBe(SECRET);
    expect(requests).toEqual([{ ...fromSdk, query: { secret_token: SECRET }, body: rest }]);
    expect(items[0]!.json).toEqual({ ok: true, result: true, description: 'Webhook was set' });
  });

  it('deletes the webhook and reads its info as the library does', async () => {
    await sameAsSdk(() => sdk.deleteWebhook({ drop_pending_updates: false }), 'webhook', 'delete', { dropPendingUpdates: false });
    const { items, fromSdk } = await sameAsSdk(() => sdk.getWebhookInfo(), 'webhook', 'getInfo', {});
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it('covers every operation of the service', () => {
    const tested = ['message.send', 'message.sendPhoto', 'message.sendDocument', 'message.editText', 'callbackQuery.answer'];
    const all = Object.entries(telegram.definition.resources)
      .filter(([r]) => r !== 'custom')
      .flatMap(([r, res]) => Object.keys(res.operations).map((o) => `${r}.${o}`));
    expect(all.filter((op) => !tested.includes(op) && !op.startsWith('webhook.'))).toEqual([]);
  });

  it('reads a flood limit\u2019s retry_after from the body, as the library does', async () => {
    const flood = {
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } },
    };
    overrides.push((method) => (method === 'sendMessage' ? flood : undefined));
    const error = await sdk.sendMessage({ chat_id: chat.id, text: 'x' }).catch((e: unknown) => e);
    overrides.pop();
    expect(error).toBeInstanceOf(TelegramApiError);
    expect((error as TelegramApiError).retryAfter).toBe(5);
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits the retry_after Telegram gives in the body of a 429, on the engine clock, and sends the message',
    parameters: { resource: 'message', operation: 'send', chatId: chat.id, text: 'later' },
    limits: (_, path) => path.endsWith('/sendMessage'),
    answer: {
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } },
    },
    waitMs: 5_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.error?.message).toBeUndefined();
      expect(limited).toEqual(retried);
      expect(outputOf(execution)[0]!.json).toMatchObject({ message_id: 42, text: 'later' });
    },
  });

  it("turns Telegram's error into a node error naming the parameter, as the library reports it", async () => {
    overrides.push((method, form) =>
      method === 'sendMessage' && form['chat_id'] === '404'
        ? { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }
        : undefined,
    );
    await take();
    const sdkError = await sdk.sendMessage({ chat_id: 404, text: 'x' }).catch((e: TelegramApiError) => [e.errorCode, e.description]);
    const { execution } = await node('message', 'send', { chatId: 404, text: 'x' });
    overrides.pop();
    expect(sdkError).toEqual([400, 'Bad Request: chat not found']);
    expect(execution.error?.message).toBe(
      "Node 'Telegram': Telegram message.send failed: HTTP 400: Bad Request: chat not found (parameter 'chatId')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'telegram', status: 400, parameter: 'chatId' });
  });

  itTestsCredential(
    bed,
    'tests a token with getMe: a good token passes, a revoked one fails as the library sees it',
    [
      { id: 'bot', calls: [{ method: 'POST', path: `/bot${TOKEN}/getMe` }] },
      {
        id: 'revoked',
        sdk: async () => {
          const revoked = new Api('110201543:AAHrevokedrevokedrevokedrevoked', { apiRoot: bed.server.url, maxRetries: 0 });
          expect(await revoked.getMe().catch((e: TelegramApiError) => e.errorCode)).toBe(401);
        },
        outcome: { ok: false, status: 401 },
      },
    ],
    (request) => ({ ...request, contentType: undefined, body: undefined }),
  );

  it('refuses a credential whose token is not a bot token, naming the field', async () => {
    await expect(bed.engine.credentials.create({ name: 'x', type: 'telegramApi', data: { botToken: 'not-a-token' } })).rejects.toThrow(
      /botToken.*must be a bot token from @BotFather/,
    );
  });
});

describe('Telegram node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Notify',
    parameters: { resource: 'message', operation: 'send', chatId: 1, text: 'x' },
    message: "Node 'Notify': Telegram message.send needs a credential: choose a Telegram bot token credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'message', operation: 'send', chatId: 1 },
        fails: "Node 'Notify': Telegram message.send: parameter 'text' is required.",
      },
      {
        parameters: { resource: 'message', operation: 'send', chatId: 1, text: 'x', parseMode: 'Markdown3' },
        throws: /node 'Notify' \(Telegram\): parameter 'parseMode' expected one of "MarkdownV2", "HTML", "Markdown"/,
      },
      {
        parameters: { resource: 'message', operation: 'sendPhoto', chatId: 1, binaryData: false },
        fails: "Node 'Notify': Telegram message.sendPhoto: parameter 'fileId' is required (or upload the item\u2019s file).",
      },
      {
        parameters: { resource: 'message', operation: 'sendPhoto', chatId: 1 },
        fails: "Node 'Notify': Telegram message.sendPhoto: parameter 'binaryProperty': the item has no binary 'data' with data.",
      },
      {
        parameters: { resource: 'message', operation: 'editText', messageId: 1, text: 'x' },
        fails: "Node 'Notify': Telegram message.editText: parameter 'messageId' and 'chatId' are required (or 'inlineMessageId').",
      },
      {
        parameters: { resource: 'webhook', operation: 'set', url: 'http://insecure.example.com/hook' },
        fails: /^Node 'Notify': Telegram webhook.set: parameter 'url' /,
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Notify',
    unknown: { service: 'Telegram', resources: ['message', 'callbackQuery', 'webhook', 'custom'], operation: ['message', 'send'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call with the token in the path', {
    parameters: { method: 'POST', path: '/getMe' },
    request: { method: 'POST', path: `/bot${TOKEN}/getMe` },
    item: { statusCode: 200, body: { ok: true, result: { username: 'flow_bot' } } },
  });
});
