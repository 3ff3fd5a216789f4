// Mailchimp New Member, the polling trigger: its request is checked against Mailchimp's own SDK
// (@mailchimp/mailchimp_marketing, `lists.getListMembersInfo`) on one recording server; the server answers
// from an audience the test adds members to, the way Mailchimp's List members endpoint does.
import mailchimpSdk from '@mailchimp/mailchimp_marketing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePollingTrigger, pollingTestbed } from '../../testing/polling-testbed.js';
import type { Answer, NormalizedRequest } from '../../testing/service-harness.js';
import { mailchimpApiKey } from './mailchimp-credentials.js';
import { mailchimpNewMember } from './mailchimp-new-member.js';

const KEY = '0123456789abcdef0123456789abcdef-us21';
const HOST = 'us21.api.mailchimp.com';

interface Member {
  id: string;
  email_address: string;
  status: string;
  timestamp_opt: string;
  list_id: string;
}
/** The audience L1 as Mailchimp holds it; tests add members as people opt in. */
let members: Member[] = [];
const join = (n: number, at: string, status = 'subscribed') =>
  members.push({ id: `m${n}`, email_address: `person${n}@example.com`, status, timestamp_opt: at, list_id: 'L1' });

/** Mailchimp's List members endpoint, answering from the audience. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  if (request.headers.authorization !== `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`) {
    return {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        title: 'API Key Invalid',
        status: 401,
        detail: 'Your API key may be invalid, or you\u2019ve attempted to access the wrong datacenter.',
      },
    };
  }
  if (request.method !== 'GET' || url.pathname !== '/3.0/lists/L1/members') return undefined;
  const q = url.searchParams;
  // Members who opted in at or after `since_timestamp_opt`, sorted and paged as asked.
  const since = q.get('since_timestamp_opt');
  const chosen = members
    .filter((m) => !q.get('status') || m.status === q.get('status'))
    .filter((m) => !since || Date.parse(m.timestamp_opt) >= Date.parse(since))
    .sort((a, b) => (Date.parse(a.timestamp_opt) - Date.parse(b.timestamp_opt)) * (q.get('sort_dir') === 'DESC' ? -1 : 1));
  const offset = Number(q.get('offset') ?? 0);
  const count = Number(q.get('count') ?? 10);
  return { body: { members: chosen.slice(offset, offset + count), list_id: 'L1', total_items: chosen.length, _links: [] } };
}

const bed = pollingTestbed({
  answers: vendor,
  hosts: [HOST],
  nodeTypes: [mailchimpNewMember],
  credentialTypes: [mailchimpApiKey],
  credentials: [
    { id: 'key', type: 'mailchimpApi', data: { apiKey: KEY } },
    { id: 'revoked', type: 'mailchimpApi', data: { apiKey: 'ffffffffffffffffffffffffffffffff-us21' } },
  ],
  trigger: {
    type: 'integrations.mailchimpNewMember',
    name: 'New member',
    parameters: { listId: 'L1' },
    credentials: { mailchimpApi: 'key' },
  },
  start: Date.UTC(2026, 5, 1),
  label: (json) => json['email_address'],
  reset: () => (members = []),
});
beforeAll(() => {
  mailchimpSdk.setConfig({ apiKey: KEY, server: 'us21' });
  mailchimpSdk.basePath = `${bed.server.url}/3.0`;
});

const withoutAuth = (requests: NormalizedRequest[]) => requests.map(({ method, path, query }) => ({ method, path, query }));

describe('Mailchimp New Member (polling), against @mailchimp/mailchimp_marketing', () => {
  it('notes where the audience stands, then runs with each poll’s new members, oldest first, asking as the SDK does', async () => {
    join(1, '2026-05-30T10:00:00+00:00');
    join(2, '2026-05-31T10:00:00+00:00');
    const summary = await bed.activate(bed.workflow({ parameters: { status: 'subscribed' } }));
    expect(summary.polls).toEqual([{ nodeId: 'poll', intervalMs: 300_000 }]);
    expect(bed.runs).toHaveLength(0); // the first poll replays nothing
    const first = await bed.take();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ method: 'GET', path: '/3.0/lists/L1/members', auth: `Basic user:${KEY}` });

    join(4, '2026-06-01T09:00:00+00:00');
    join(3, '2026-05-31T10:00:00+00:00'); // opted in the same second as the newest member seen
    join(5, '2026-06-01T08:00:00+00:00', 'pending');
    await bed.poll();
    expect(bed.labels()).toEqual([['person3@example.com', 'person4@example.com']]);
    const requests = await bed.take();
    await mailchimpSdk.lists.getListMembersInfo('L1', {
      status: 'subscribed',
      sinceTimestampOpt: '2026-05-31T10:00:00+00:00',
      sortField: 'timestamp_opt',
      sortDir: 'ASC',
      count: 200,
      offset: 0,
    });
    expect(withoutAuth(requests)).toEqual(withoutAuth(await bed.take()));

    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing new, no run
  });

  it('reads every page of a burst of members (450, three pages) into one run, with the SDK’s offsets', async () => {
    join(0, '2026-05-01T00:00:00+00:00');
    await bed.activate();
    for (let i = 1; i <= 450; i++) join(i, new Date(Date.UTC(2026, 4, 2) + i * 1000).toISOString().replace('.000Z', '+00:00'));
    await bed.take();
    await bed.poll();
    expect(bed.labels()[0]).toEqual(Array.from({ length: 450 }, (_, i) => `person${i + 1}@example.com`));
    const requests = await bed.take();
    for (const offset of [0, 200, 400]) {
      await mailchimpSdk.lists.getListMembersInfo('L1', {
        sinceTimestampOpt: '2026-05-01T00:00:00+00:00',
        sortField: 'timestamp_opt',
        sortDir: 'ASC',
        count: 200,
        offset,
      });
    }
    expect(withoutAuth(requests)).toEqual(withoutAuth(await bed.take()));
  });
});

// Mailchimp writes opt-in times with an offset: 2026-05-30T10:00:00+00:00.
describePollingTrigger('Mailchimp New Member, as every polling trigger', bed, {
  add: (n, at) => join(n, at.replace('.000Z', '+00:00')),
  label: (n) => `person${n}@example.com`,
  refused: {
    credentials: { mailchimpApi: 'revoked' },
    message:
      "Node 'New member': Mailchimp New Member failed: HTTP 401 API Key Invalid: Your API key may be invalid, or you\u2019ve attempted to access the wrong datacenter.",
  },
});
