// Gmail New Message, the polling trigger: its requests are checked against Google's own SDK (@googleapis/gmail) on one
// recording server, which answers from a mailbox the tests fill as Gmail does: `messages.list` newest first, by labels
// and by `after:` (epoch seconds, strictly after), in pages; `messages.get` with the headers asked for.
import { gmail as gmailSdk } from '@googleapis/gmail';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { describePollingTrigger, pollingTestbed } from '../../testing/polling-testbed.js';
import { relayFetch, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { gmailOAuth2 } from '../google/google-credentials.js';
import { gmailNewMessage } from './gmail-new-message.js';

const TOKEN = 'ya29.gmail-good';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };

interface Mail {
  id: string;
  internalDate: number;
  labelIds: string[];
  subject: string;
}
/** The mailbox as Gmail holds it; tests add mail. */
let mailbox: Mail[] = [];
const add = (n: number, at: string, labelIds = ['INBOX', 'UNREAD']) =>
  mailbox.push({ id: `18f${String(n).padStart(4, '0')}`, internalDate: Date.parse(at), labelIds, subject: `Order ${n}` });

function vendor(request: SeenRequest): Answer | undefined {
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return {
      status: 401,
      body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
    };
  }
  const url = new URL(request.url, 'http://x');
  const q = url.searchParams;
  if (url.pathname === '/gmail/v1/users/me/messages') {
    const after = /after:(\d+)/.exec(q.get('q') ?? '')?.[1];
    const labels = q.getAll('labelIds');
    const matching = mailbox
      .filter((m) => labels.every((l) => m.labelIds.includes(l)) && (after === undefined || m.internalDate > Number(after) * 1000))
      .sort((a, b) => b.internalDate - a.internalDate);
    const start = Number(q.get('pageToken') ?? 0);
    // Pages of at most five, so that a burst spans pages.
    const size = Math.min(Number(q.get('maxResults') ?? 100), 5);
    const page = matching.slice(start, start + size);
    return {
      body: {
        ...(page.length > 0 ? { messages: page.map((m) => ({ id: m.id, threadId: m.id })) } : {}),
        ...(start + size < matching.length ? { nextPageToken: String(start + size) } : {}),
        resultSizeEstimate: matching.length,
      },
    };
  }
  const mail = mailbox.find((m) => url.pathname === `/gmail/v1/users/me/messages/${m.id}`);
  if (!mail) return undefined;
  const headers = [
    { name: 'From', value: 'Shop <orders@example.com>' },
    { name: 'To', value: 'ada@example.com' },
    { name: 'Subject', value: mail.subject },
    { name: 'Date', value: new Date(mail.internalDate).toUTCString() },
  ].filter((h) => q.getAll('metadataHeaders').includes(h.name));
  return {
    body: {
      id: mail.id,
      threadId: mail.id,
      labelIds: mail.labelIds,
      snippet: `Thanks for ${mail.subject}`,
      internalDate: String(mail.internalDate),
      payload: { mimeType: 'text/plain', headers },
    },
  };
}

const bed = pollingTestbed({
  answers: vendor,
  hosts: ['gmail.googleapis.com'],
  nodeTypes: [gmailNewMessage],
  credentialTypes: [gmailOAuth2],
  credentials: [{ id: 'gmail', type: 'gmailOAuth2Api', data: CLIENT }],
  prepare: (engine) => engine.credentials.oauth2.importTokens('gmail', { accessToken: TOKEN, tokenType: 'Bearer' }).then(() => undefined),
  trigger: {
    type: 'integrations.gmailNewMessage',
    name: 'New order mail',
    parameters: { searchQuery: 'from:orders@example.com', labelIds: ['INBOX'] },
    credentials: { gmailOAuth2Api: 'gmail' },
  },
  start: Date.UTC(2026, 5, 1),
  label: (json) => json['subject'],
  reset: () => (mailbox = []),
});
const sdk = () => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  return gmailSdk({ version: 'v1', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
};
const calls = (requests: NormalizedRequest[]) => requests.map(({ method, path, query }) => ({ method, path, query }));
const SUMMARY = ['From', 'To', 'Cc', 'Subject', 'Date'];

describe('Gmail New Message (polling), against @googleapis/gmail', () => {
  it('notes the newest message, then runs with mail received since, oldest first, asking as the SDK does', async () => {
    add(1, '2026-05-31T10:00:00.000Z');
    add(2, '2026-05-31T11:00:00.000Z');
    await bed.activate();
    expect(bed.runs).toHaveLength(0);
    const first = await bed.take();
    const gmail = sdk();
    await gmail.users.messages.list({ userId: 'me', q: 'from:orders@example.com', labelIds: ['INBOX'], maxResults: 1 });
    await gmail.users.messages.get({ userId: 'me', id: '18f0002', format: 'metadata', metadataHeaders: SUMMARY });
    expect(calls(first)).toEqual(calls(await bed.take()));

    add(3, '2026-05-31T11:00:00.400Z'); // in the same second as the newest message seen
    add(4, '2026-06-01T09:00:00.000Z');
    add(5, '2026-06-01T09:30:00.000Z', ['SPAM']);
    await bed.poll();
    expect(bed.labels()).toEqual([['Order 3', 'Order 4']]);
    const polled = await bed.take();
    await gmail.users.messages.list({
      userId: 'me',
      q: `(from:orders@example.com) after:${Date.parse('2026-05-31T11:00:00.000Z') / 1000 - 1}`,
      labelIds: ['INBOX'],
      maxResults: 500,
    });
    for (const id of ['18f0004', '18f0003']) {
      await gmail.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: SUMMARY });
    }
    expect(calls(polled)).toEqual(calls(await bed.take()));
    expect(bed.runs[0]!.nodes['next']![0]!.output['main']![0]!.json).toMatchObject({
      id: '18f0003',
      from: 'Shop <orders@example.com>',
      subject: 'Order 3',
      snippet: 'Thanks for Order 3',
      internalDate: String(Date.parse('2026-05-31T11:00:00.400Z')),
    });

    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing new, no run
  });

  it('reads every page of a burst (three pages) into one run', async () => {
    add(0, '2026-05-01T00:00:00.000Z');
    await bed.activate();
    for (let i = 1; i <= 12; i++) add(i, new Date(Date.UTC(2026, 4, 2) + i * 1000).toISOString());
    await bed.poll();
    expect(bed.labels()).toEqual([Array.from({ length: 12 }, (_, i) => `Order ${i + 1}`)]);
  });
});

describePollingTrigger('Gmail New Message, as every polling trigger', bed, {
  add: (n, at) => add(n, at),
  label: (n) => `Order ${n}`,
});
