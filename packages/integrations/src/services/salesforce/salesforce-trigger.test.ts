// Salesforce Record Changed, the polling trigger: its SOQL requests are checked against jsforce (`conn.query` with
// autoFetch) on one recording server; the server answers from an org the test changes records in, filtering, sorting
// and batching as Salesforce's query resource does (nextRecordsUrl between batches).
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Connection } from 'jsforce';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePollingTrigger, pollingTestbed } from '../../testing/polling-testbed.js';
import type { Answer, NormalizedRequest } from '../../testing/service-harness.js';
import { API_VERSION, salesforceOAuth2 } from './salesforce-credentials.js';
import { salesforceRecordChanged } from './salesforce-trigger.js';

const HOST = 'acme.my.salesforce.com';
const TOKEN = '00D5e000000AbCd!AQ4AQFakeAccessToken';
const DATA = `/services/data/v${API_VERSION}`;
const CLIENT = { loginUrl: 'https://login.salesforce.com', clientId: '3MVG9fake.consumer.key', clientSecret: 'consumer-secret' };
/** Records per batch: small, so a burst spans several batches. */
const BATCH = 2;

interface Lead {
  Id: string;
  LastName: string;
  LastModifiedDate: string;
}
let leads: Lead[] = [];
/** A lead created or changed at a time (Salesforce writes LastModifiedDate as 2026-06-01T09:00:00.000+0000). */
const touch = (n: number, at: string) => {
  leads = leads.filter((l) => l.Id !== `00Q${n}`);
  leads.push({ Id: `00Q${n}`, LastName: `Person ${n}`, LastModifiedDate: at.replace('Z', '+0000') });
};
const batches = new Map<string, Lead[]>();

/** The rows a SOQL text selects from the org's leads: the trigger's WHERE, ORDER BY and LIMIT. */
function select(soql: string): Lead[] {
  const since = /WHERE LastModifiedDate >= (\S+)/.exec(soql)?.[1];
  const desc = /ORDER BY LastModifiedDate DESC/.test(soql);
  const limit = Number(/LIMIT (\d+)/.exec(soql)?.[1] ?? Infinity);
  const t = (l: Lead) => Date.parse(l.LastModifiedDate);
  return leads
    .filter((l) => since === undefined || t(l) >= Date.parse(since))
    .sort((a, b) => (t(a) - t(b)) * (desc ? -1 : 1))
    .slice(0, limit);
}

function answer(rows: Lead[], from: number) {
  const records = rows.slice(from, from + BATCH).map((l) => ({ attributes: { type: 'Lead', url: `${DATA}/sobjects/Lead/${l.Id}` }, ...l }));
  const more = from + BATCH < rows.length;
  const locator = `01gLOC${batches.size}-${from + BATCH}`;
  if (more) batches.set(locator, rows);
  return { body: { totalSize: rows.length, done: !more, ...(more ? { nextRecordsUrl: `${DATA}/query/${locator}` } : {}), records } };
}

/** Salesforce's query resource, answering from the org's leads. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
  }
  if (url.pathname === `${DATA}/query`) return answer(select(url.searchParams.get('q') ?? ''), 0);
  const locator = /\/query\/(01gLOC\d+-(\d+))$/.exec(url.pathname);
  if (locator && batches.has(locator[1]!)) return answer(batches.get(locator[1]!)!, Number(locator[2]));
  return undefined;
}

const bed = pollingTestbed({
  answers: vendor,
  hosts: [HOST, 'login.salesforce.com'],
  nodeTypes: [salesforceRecordChanged],
  credentialTypes: [salesforceOAuth2],
  credentials: [
    { id: 'sf', type: 'salesforceOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'salesforceOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('sf', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: 'revoked', tokenType: 'Bearer' });
  },
  trigger: {
    type: 'integrations.salesforceRecordChanged',
    name: 'Lead changed',
    parameters: { sobject: 'Lead' },
    credentials: { salesforceOAuth2Api: 'sf' },
  },
  start: Date.UTC(2026, 5, 1),
  label: (json) => json['LastName'],
  reset: () => {
    leads = [];
    batches.clear();
  },
});
let conn: Connection;
beforeAll(() => {
  conn = new Connection({ instanceUrl: bed.server.url, accessToken: TOKEN, version: API_VERSION });
});

const withoutLocators = (requests: NormalizedRequest[]) => requests.map((r) => ({ ...r, path: r.path.replace(/01gLOC\d+-/, '01gLOC-') }));

describe('Salesforce Record Changed (polling on LastModifiedDate), against jsforce', () => {
  it('notes where the object stands, then runs with each poll\u2019s changed records, oldest first, querying as jsforce does', async () => {
    touch(1, '2026-05-30T10:00:00.000Z');
    touch(2, '2026-05-31T10:00:00.000Z');
    const summary = await bed.activate(bed.workflow({ parameters: { returnFields: ['LastName'] } }));
    expect(summary.polls).toEqual([{ nodeId: 'poll', intervalMs: 300_000 }]);
    expect(bed.runs).toHaveLength(0); // the first poll replays nothing
    const first = await bed.take();
    await conn.query('SELECT Id, LastModifiedDate, LastName FROM Lead ORDER BY LastModifiedDate DESC LIMIT 10');
    expect(first).toEqual(await bed.take());

    touch(4, '2026-06-01T09:00:00.000Z');
    touch(3, '2026-05-31T10:00:00.000Z'); // changed in the same second as the newest record seen
    touch(1, '2026-06-01T08:00:00.000Z'); // an old record changed again
    await bed.poll();
    expect(bed.labels()).toEqual([['Person 3', 'Person 1', 'Person 4']]);
    const requests = await bed.take();
    await conn.query(
      'SELECT Id, LastModifiedDate, LastName FROM Lead WHERE LastModifiedDate >= 2026-05-31T10:00:00Z ORDER BY LastModifiedDate ASC',
      { autoFetch: true },
    );
    expect(withoutLocators(requests)).toEqual(withoutLocators(await bed.take()));
    expect(requests.map((r) => r.path)).toEqual([`${DATA}/query`, expect.stringMatching(/\/query\/01gLOC\d+-2$/)]);

    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing changed, no run
  });

  it('reads every batch of a burst (three batches) into one run, selecting the standard fields by default', async () => {
    touch(0, '2026-05-01T00:00:00.000Z');
    await bed.activate();
    for (let i = 1; i <= 5; i++) touch(i, new Date(Date.UTC(2026, 4, 2) + i * 1000).toISOString());
    await bed.take();
    await bed.poll();
    expect(bed.labels()).toEqual([['Person 1', 'Person 2', 'Person 3', 'Person 4', 'Person 5']]);
    const requests = await bed.take();
    await conn.query('SELECT FIELDS(STANDARD) FROM Lead WHERE LastModifiedDate >= 2026-05-01T00:00:00Z ORDER BY LastModifiedDate ASC', {
      autoFetch: true,
    });
    const expected = await bed.take();
    expect(expected).toHaveLength(3);
    expect(withoutLocators(requests)).toEqual(withoutLocators(expected));
  });

  it('refuses an object name that is not an API name, naming the parameter', async () => {
    await expect(bed.engine.activate(bed.workflow({ parameters: { sobject: 'Lead; DELETE' } }))).rejects.toThrow(
      /parameter 'sobject' must be an object API name/,
    );
  });
});

describePollingTrigger('Salesforce Record Changed, as every polling trigger', bed, {
  add: touch,
  label: (n) => `Person ${n}`,
  refused: {
    credentials: { salesforceOAuth2Api: 'revoked' },
    message:
      "Node 'Lead changed': Credential 'revoked': the access token expired and the provider gave no refresh token. Reconnect this account: open the credential and connect it again.",
  },
});
