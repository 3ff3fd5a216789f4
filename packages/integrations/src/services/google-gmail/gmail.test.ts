// Gmail, checked against Google's own SDK (@googleapis/gmail): both make the same calls to one recording server. A sent
// message's `raw` is read back as RFC 5322 and MIME define it (headers unfolded, encoded words and base64 bodies decoded
// with Node's own Buffer), so the test sees what a mail program would.
import { gmail as gmailSdk, type gmail_v1 } from '@googleapis/gmail';
import type { Item } from '@flowloom/engine';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { OAuth2Client } from 'google-auth-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { relayFetch, type Answer } from '../../testing/service-harness.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { gmail } from './gmail.js';

const TOKEN = 'ya29.gmail-good';
const REVOKED = 'ya29.gmail-revoked';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const b64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');
const PDF = Buffer.from('%PDF-1.7 invoice 42 \u00e9\u00e8');

const header = (name: string, value: string) => ({ name, value });
const HEADERS = [
  header('From', 'Grace Hopper <grace@example.com>'),
  header('To', 'Ada Lovelace <ada@example.com>, Alan <alan@example.com>'),
  header('Cc', 'linus@example.com'),
  header('Subject', 'Invoice 42'),
  header('Date', 'Mon, 1 Jun 2026 09:00:00 +0000'),
  header('Message-ID', '<CAF1-invoice@mail.gmail.com>'),
  header('References', '<CAF0-order@mail.gmail.com>'),
];
/** A message as Gmail answers `format=full`: text and HTML alternatives, and a PDF attachment. */
const invoice: gmail_v1.Schema$Message = {
  id: 'm1',
  threadId: 't1',
  labelIds: ['INBOX', 'UNREAD'],
  snippet: 'Please find the invoice',
  historyId: '9001',
  internalDate: '1780304400000',
  sizeEstimate: 4210,
  payload: {
    partId: '',
    mimeType: 'multipart/mixed',
    filename: '',
    headers: [...HEADERS, header('Content-Type', 'multipart/mixed; boundary="000a"')],
    body: { size: 0 },
    parts: [
      {
        partId: '0',
        mimeType: 'multipart/alternative',
        filename: '',
        headers: [header('Content-Type', 'multipart/alternative; boundary="000b"')],
        body: { size: 0 },
        parts: [
          {
            partId: '0.0',
            mimeType: 'text/plain',
            filename: '',
            headers: [header('Content-Type', 'text/plain; charset="UTF-8"')],
            body: { size: 37, data: b64url('Please find the invoice attached. \u2713\r\n') },
          },
          {
            partId: '0.1',
            mimeType: 'text/html',
            filename: '',
            headers: [header('Content-Type', 'text/html; charset="UTF-8"')],
            body: { size: 46, data: b64url('<p>Please find the invoice attached. \u2713</p>') },
          },
        ],
      },
      {
        partId: '1',
        mimeType: 'application/pdf',
        filename: 'invoice-42.pdf',
        headers: [
          header('Content-Type', 'application/pdf; name="invoice-42.pdf"'),
          header('Content-Disposition', 'attachment; filename="invoice-42.pdf"'),
        ],
        body: { attachmentId: 'ANGjdJ8-att', size: PDF.length },
      },
    ],
  },
};
/** The same message as `format=metadata` answers: only the headers asked for. */
const metadata = (id: string, names: string[]) => ({
  ...invoice,
  id,
  payload: { mimeType: 'multipart/mixed', headers: HEADERS.filter((h) => names.includes(h.name)) },
});
const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `m${from + i}`, threadId: `t${from + i}` }));
const pages: Record<string, { messages: { id: string; threadId: string }[]; next?: string }> = {
  '': { messages: ids(1, 2), next: 'p2' },
  p2: { messages: ids(3, 4), next: 'p3' },
  p3: { messages: ids(5, 5) },
};

const overrides: ((request: SeenRequest) => Answer | undefined)[] = [];
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const q = url.searchParams;
  const body = () => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
  for (const override of overrides) {
    const answer = override(request);
    if (answer) return answer;
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return {
      status: 401,
      body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
    };
  }
  const path = url.pathname.replace('/gmail/v1/users/me', '');
  switch (`${request.method} ${path}`) {
    case 'GET /profile':
      return { body: { emailAddress: 'ada@example.com', messagesTotal: 120, threadsTotal: 80, historyId: '9001' } };
    case 'POST /messages/send': {
      const sent = body();
      return { body: { id: 'sent1', threadId: sent['threadId'] ?? 'thread-new', labelIds: ['SENT'] } };
    }
    case 'GET /messages': {
      const page = pages[q.get('pageToken') ?? '']!;
      return { body: { messages: page.messages, ...(page.next ? { nextPageToken: page.next } : {}), resultSizeEstimate: 5 } };
    }
    case 'GET /messages/ANGjdJ8-att':
      return undefined;
    case 'GET /messages/m1/attachments/ANGjdJ8-att':
      return { body: { size: PDF.length, data: b64url(PDF) } };
    case 'POST /messages/m1/modify': {
      const change = body() as { addLabelIds?: string[]; removeLabelIds?: string[] };
      const labels = new Set(invoice.labelIds);
      for (const l of change.addLabelIds ?? []) labels.add(l);
      for (const l of change.removeLabelIds ?? []) labels.delete(l);
      return { body: { id: 'm1', threadId: 't1', labelIds: [...labels] } };
    }
    case 'POST /messages/m1/trash':
      return { body: { id: 'm1', threadId: 't1', labelIds: ['TRASH'] } };
    case 'GET /labels':
      return {
        body: {
          labels: [
            { id: 'INBOX', name: 'INBOX', type: 'system' },
            { id: 'Label_7', name: 'Invoices', type: 'user' },
          ],
        },
      };
    case 'POST /labels':
      return { body: { id: 'Label_8', type: 'user', ...body() } };
    case 'DELETE /labels/Label_8':
      return { status: 204 };
  }
  const message = /^\/messages\/(m\d)$/.exec(path)?.[1];
  if (request.method === 'GET' && message) {
    return q.get('format') === 'metadata'
      ? { body: metadata(message, q.getAll('metadataHeaders')) }
      : { body: { ...invoice, id: message } };
  }
  return {
    status: 404,
    body: {
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
        status: 'NOT_FOUND',
      },
    },
  };
}

const bed = serviceTestbed(gmail, {
  name: 'Gmail',
  answers: vendor,
  hosts: ['gmail.googleapis.com'],
  credentials: [
    { id: 'gmail', type: 'gmailOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'gmailOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('gmail', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: REVOKED, tokenType: 'Bearer' });
  },
  read: withoutBodilessContentType,
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, parameters, { input });

let sdk: gmail_v1.Gmail;
beforeAll(() => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  sdk = gmailSdk({ version: 'v1', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
});

/** A MIME entity: its headers (unfolded, by lower-case name) and its body, or its parts when it is multipart. */
interface Entity {
  headers: Record<string, string>;
  body: Buffer;
  parts: Entity[];
}
const decodeWords = (value: string) =>
  value.replace(/=\?utf-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
function entity(text: string): Entity {
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n'))
    headers[line.slice(0, line.indexOf(':')).toLowerCase()] = decodeWords(line.slice(line.indexOf(':') + 1).trim());
  const raw = text.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? raw
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => entity(part.replace(/^\r\n/, '')))
    : [];
  const body = headers['content-transfer-encoding'] === 'base64' ? Buffer.from(raw.replace(/\s+/g, ''), 'base64') : Buffer.from(raw);
  return { headers, body, parts };
}
/** The email a `messages.send` request carries. */
const sentEmail = (request: { body: unknown }) =>
  entity(Buffer.from((request.body as { raw: string }).raw, 'base64url').toString('latin1'));
const leaves = (e: Entity): Entity[] => (e.parts.length > 0 ? e.parts.flatMap(leaves) : [e]);
const textOf = (e: Entity) => e.body.toString('utf8');

describe('Gmail messages, against @googleapis/gmail', () => {
  it('sends an email with text, HTML and the item’s files as attachments, as the SDK sends it', async () => {
    const { items, requests } = await node(
      'message',
      'send',
      {
        to: 'grace@example.com, "Hopper, Grace" <grace.h@example.com>',
        cc: 'linus@example.com',
        subject: 'Quarterly report \u2713',
        text: 'Numbers attached. Déjà vu.',
        html: '<p>Numbers <b>attached</b>.</p>',
        attachments: 'data, chart',
        senderName: 'Ada Lovelace',
      },
      [
        {
          json: {},
          binary: {
            data: { data: Buffer.from('region,total\nEU,42\n').toString('base64'), mimeType: 'text/csv', fileName: 'report.csv' },
            chart: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'chart "Q3".pdf' },
          },
        },
      ],
    );
    await sdk.users.getProfile({ userId: 'me' });
    await sdk.users.messages.send({ userId: 'me', requestBody: { raw: (requests[1]!.body as { raw: string }).raw } });
    expect(requests).toEqual(await take());
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/gmail/v1/users/me/profile'],
      ['POST', '/gmail/v1/users/me/messages/send'],
    ]);
    const email = sentEmail(requests[1]!);
    expect(email.headers).toMatchObject({
      from: 'Ada Lovelace <ada@example.com>',
      to: '<grace@example.com>, Hopper, Grace <grace.h@example.com>',
      cc: '<linus@example.com>',
      subject: 'Quarterly report \u2713',
      'mime-version': '1.0',
    });
    const [text, html, csv, pdf] = leaves(email);
    expect([textOf(text!), textOf(html!)]).toEqual(['Numbers attached. Déjà vu.', '<p>Numbers <b>attached</b>.</p>']);
    expect(csv!.headers['content-disposition']).toBe('attachment; filename="report.csv"');
    expect(csv!.body.toString()).toBe('region,total\nEU,42\n');
    expect(pdf!.headers['content-disposition']).toBe('attachment; filename="chart _Q3_.pdf"');
    expect(pdf!.body.equals(PDF)).toBe(true);
    expect(items).toEqual([{ json: { id: 'sent1', threadId: 'thread-new', labelIds: ['SENT'] }, pairedItem: { item: 0 } }]);
  });

  it('replies in the thread to the sender, with Re:, In-Reply-To and References, reading the message as the SDK does', async () => {
    const { items, requests } = await node('message', 'reply', { messageId: 'm1', text: 'Paid, thanks.' });
    await sdk.users.messages.get({
      userId: 'me',
      id: 'm1',
      format: 'metadata',
      metadataHeaders: ['Subject', 'Message-ID', 'References', 'From', 'Reply-To', 'To', 'Cc'],
    });
    await sdk.users.getProfile({ userId: 'me' });
    await sdk.users.messages.send({ userId: 'me', requestBody: { raw: (requests[2]!.body as { raw: string }).raw, threadId: 't1' } });
    expect(requests).toEqual(await take());
    const email = sentEmail(requests[2]!);
    expect(email.headers).toMatchObject({
      to: 'Grace Hopper <grace@example.com>',
      subject: 'Re: Invoice 42',
      'in-reply-to': '<CAF1-invoice@mail.gmail.com>',
      references: '<CAF0-order@mail.gmail.com> <CAF1-invoice@mail.gmail.com>',
    });
    expect(email.headers['cc']).toBeUndefined();
    expect(items[0]!.json).toEqual({ id: 'sent1', threadId: 't1', labelIds: ['SENT'] });
  });

  it('replies to all: the message’s other recipients in Cc, the account’s own address left out', async () => {
    const { requests } = await node('message', 'reply', { messageId: 'm1', text: 'Thanks all.', replyAll: true });
    expect(sentEmail(requests.at(-1)!).headers['cc']).toBe('Alan <alan@example.com>, <linus@example.com>');
  });

  it('gets a message with its text, HTML and attachments as the item’s files, as the SDK reads them', async () => {
    const full = (await sdk.users.messages.get({ userId: 'me', id: 'm1', format: 'full' })).data;
    const attachment = (await sdk.users.messages.attachments.get({ userId: 'me', messageId: 'm1', id: 'ANGjdJ8-att' })).data;
    const expected = await take();
    const { items, requests } = await node('message', 'get', { messageId: 'm1' });
    expect(requests).toEqual(expected);
    const [alternative, file] = full.payload!.parts!;
    const [plain, rich] = alternative!.parts!;
    const { payload: _, ...fields } = full;
    expect(items[0]!.json).toEqual({
      ...fields,
      from: 'Grace Hopper <grace@example.com>',
      to: 'Ada Lovelace <ada@example.com>, Alan <alan@example.com>',
      cc: 'linus@example.com',
      subject: 'Invoice 42',
      date: 'Mon, 1 Jun 2026 09:00:00 +0000',
      headers: Object.fromEntries(full.payload!.headers!.map((h) => [h.name!.toLowerCase(), h.value])),
      text: Buffer.from(plain!.body!.data!, 'base64url').toString('utf8'),
      html: Buffer.from(rich!.body!.data!, 'base64url').toString('utf8'),
      attachments: [{ fileName: file!.filename, mimeType: 'application/pdf', size: file!.body!.size, binaryProperty: 'attachment_0' }],
    });
    expect(items[0]!.binary).toEqual({
      attachment_0: {
        data: Buffer.from(attachment.data!, 'base64url').toString('base64'),
        mimeType: 'application/pdf',
        fileName: 'invoice-42.pdf',
        fileSize: PDF.length,
      },
    });
  });

  it('lists and searches messages over three pages with the same page tokens as the SDK', async () => {
    for (const pageToken of [undefined, 'p2', 'p3']) {
      await sdk.users.messages.list({
        userId: 'me',
        q: 'from:grace has:attachment',
        labelIds: ['INBOX', 'UNREAD'],
        maxResults: 500,
        ...(pageToken ? { pageToken } : {}),
      });
    }
    const expected = await take();
    const { items, requests } = await node('message', 'list', {
      searchQuery: 'from:grace has:attachment',
      labelIds: ['INBOX', 'UNREAD'],
      details: false,
      returnAll: true,
    });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(ids(1, 5));
  });

  it('lists up to the limit with each message’s headers and snippet, asking as the SDK does', async () => {
    await sdk.users.messages.list({ userId: 'me', maxResults: 3 });
    await sdk.users.messages.list({ userId: 'me', maxResults: 1, pageToken: 'p2' });
    for (const id of ['m1', 'm2', 'm3']) {
      await sdk.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: ['From', 'To', 'Cc', 'Subject', 'Date'] });
    }
    const expected = await take();
    const { items, requests } = await node('message', 'list', { limit: 3 });
    expect(requests).toEqual(expected);
    expect(items.map((i) => [i.json['id'], i.json['subject'], i.json['from']])).toEqual([
      ['m1', 'Invoice 42', 'Grace Hopper <grace@example.com>'],
      ['m2', 'Invoice 42', 'Grace Hopper <grace@example.com>'],
      ['m3', 'Invoice 42', 'Grace Hopper <grace@example.com>'],
    ]);
  });

  it('adds and removes labels, moves a message to the trash, and lists, creates and deletes labels, as the SDK does', async () => {
    await sdk.users.messages.modify({ userId: 'me', id: 'm1', requestBody: { addLabelIds: ['Label_7'] } });
    await sdk.users.messages.modify({ userId: 'me', id: 'm1', requestBody: { removeLabelIds: ['UNREAD'] } });
    await sdk.users.messages.trash({ userId: 'me', id: 'm1' });
    await sdk.users.labels.list({ userId: 'me' });
    await sdk.users.labels.create({ userId: 'me', requestBody: { name: 'Invoices/2026', labelListVisibility: 'labelShow' } });
    await sdk.users.labels.delete({ userId: 'me', id: 'Label_8' });
    const expected = await take();
    const runs = [
      await node('message', 'addLabels', { messageId: 'm1', labelIds: ['Label_7'] }),
      await node('message', 'removeLabels', { messageId: 'm1', labelIds: ['UNREAD'] }),
      await node('message', 'trash', { messageId: 'm1' }),
      await node('label', 'list', {}),
      await node('label', 'create', { name: 'Invoices/2026', labelListVisibility: 'labelShow' }),
      await node('label', 'delete', { labelId: 'Label_8' }),
    ];
    expect(runs.flatMap((r) => r.requests)).toEqual(expected);
    expect(runs.map((r) => r.items.map((i) => i.json['labelIds'] ?? i.json['name'] ?? i.json['success']))).toEqual([
      [['INBOX', 'UNREAD', 'Label_7']],
      [['INBOX']],
      [['TRASH']],
      ['INBOX', 'Invoices'],
      ['Invoices/2026'],
      [true],
    ]);
  });

  it("turns Gmail's error into a node error naming the service and Google's reason, as the SDK sees it", async () => {
    const sdkError = await sdk.users.messages.get({ userId: 'me', id: 'nope', format: 'full' }).catch((e: { status: number }) => e.status);
    const { execution } = await node('message', 'get', { messageId: 'nope' });
    expect(sdkError).toBe(404);
    expect(execution.error?.message).toBe("Node 'Gmail': Gmail message.get failed: HTTP 404 notFound: Requested entity was not found.");
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'label', operation: 'list' },
    limits: (request, path) => path === '/gmail/v1/users/me/labels',
    answer: {
      status: 429,
      headers: { 'retry-after': '5' },
      body: { error: { code: 429, message: 'User-rate limit exceeded.', status: 'RESOURCE_EXHAUSTED' } },
    },
    waitMs: 5_000,
    check: ({ execution, retried }) => {
      expect(execution.status).toBe('success');
      expect(retried.map((r) => r.path)).toEqual(['/gmail/v1/users/me/labels']);
    },
  });

  itTestsCredential(bed, 'tests a credential with the account’s profile: a working token passes, a revoked one asks to reconnect', [
    {
      id: 'gmail',
      sdk: () => sdk.users.getProfile({ userId: 'me' }),
      calls: [{ method: 'GET', path: '/gmail/v1/users/me/profile', auth: `Bearer ${TOKEN}` }],
    },
    {
      id: 'revoked',
      outcome: {
        ok: false,
        message:
          "Credential 'revoked': the access token expired and the provider gave no refresh token. Reconnect this account: open the credential and connect it again.",
      },
    },
  ]);
});

describe('Gmail in a workflow', () => {
  it('emails the file a workflow made, in engine.run and the CLI alike', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'mail',
        name: 'Send report',
        type: gmail.node.type,
        parameters: {
          resource: 'message',
          operation: 'send',
          to: 'grace@example.com',
          subject: 'Report',
          text: 'Attached.',
          attachments: 'data',
        },
        credentials: { gmailOAuth2Api: 'gmail' },
      },
    ]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'gmail', type: 'gmailOAuth2Api', data: CLIENT, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      input: [{ json: {}, binary: { data: { data: Buffer.from('a,b\n').toString('base64'), mimeType: 'text/csv', fileName: 'r.csv' } } }],
      compare: 'mail',
      normalize: sameMessageApartFromIdentity,
    });
    expect(requests.map((r) => r.path)).toEqual(['/gmail/v1/users/me/profile', '/gmail/v1/users/me/messages/send']);
  });
});

describe('Gmail node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Mailer',
    parameters: { resource: 'label', operation: 'list' },
    message: "Node 'Mailer': Gmail label.list needs a credential: choose a Gmail OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Mailer',
    cases: [
      {
        parameters: { resource: 'message', operation: 'send', to: 'grace at example', subject: 'x' },
        throws:
          "node 'Mailer' (Gmail): parameter 'to' must be email addresses separated by commas, such as ada@example.com, Grace <grace@example.com>",
      },
      {
        parameters: { resource: 'message', operation: 'send', to: 'grace@example.com' },
        fails: "Node 'Mailer': Gmail message.send: parameter 'subject' is required.",
      },
      {
        parameters: { resource: 'message', operation: 'send', to: 'grace@example.com', subject: 'x', attachments: 'invoice' },
        fails: "Node 'Mailer': Gmail message.send: parameter 'attachments': the item has no binary 'invoice' with data.",
      },
      { parameters: { resource: 'message', operation: 'addLabels', messageId: 'm1', labelIds: [] }, fails: /parameter 'labelIds'/ },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Mailer',
    unknown: { service: 'Gmail', resources: ['message', 'label', 'custom'], operation: ['message', 'send'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the Gmail API with the credential', {
    parameters: { method: 'GET', path: '/users/me/profile' },
    request: { method: 'GET', path: '/gmail/v1/users/me/profile', auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200, body: { emailAddress: 'ada@example.com' } },
  });
});

/**
 * A send request with its message's date, id and MIME boundary made the same: the two runs of a workflow write
 * them at their own moment, and the rest of the message must be byte for byte equal.
 */
function sameMessageApartFromIdentity<R extends { body?: unknown }>(request: R): R {
  const body = request.body as { raw?: unknown } | undefined;
  if (typeof body?.raw !== 'string') return request;
  const mime = Buffer.from(body.raw, 'base64url').toString('utf8');
  const boundary = /boundary=([^\s;]+)/.exec(mime)?.[1];
  const same = (boundary ? mime.split(boundary).join('BOUNDARY') : mime)
    .replace(/^Date: .*$/m, 'Date: DATE')
    .replace(/^Message-ID: .*$/m, 'Message-ID: ID');
  return { ...request, body: { ...body, raw: same } };
}
