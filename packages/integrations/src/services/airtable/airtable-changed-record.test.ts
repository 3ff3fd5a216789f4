// Airtable New or Changed Record, the polling trigger: its requests are checked against Airtable's own SDK (airtable.js,
// `table.select`) on one recording server, which answers from a table the tests change, evaluating the trigger's formula
// (records whose last-modified field is after a time) as Airtable would.
import Airtable from 'airtable';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePollingTrigger, pollingTestbed } from '../../testing/polling-testbed.js';
import type { Answer, NormalizedRequest } from '../../testing/service-harness.js';
import { airtableToken } from './airtable-credentials.js';
import { airtableChangedRecord } from './airtable-changed-record.js';

const TOKEN = 'patGood.0123456789abcdef';
const BASE = 'appBase0000000001';
const FIELD = 'Last modified';

interface Row {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}
/** The table as Airtable holds it; tests create and change rows. */
let rows: Row[] = [];
const touch = (n: number, at: string) => {
  rows = rows.filter((r) => r.id !== `rec${n}`);
  rows.push({ id: `rec${n}`, createdTime: '2026-05-01T00:00:00.000Z', fields: { Name: `Row ${n}`, [FIELD]: at } });
};
const AFTER = /^IS_AFTER\(\{Last modified\}, DATEADD\('([^']+)', -1, 'seconds'\)\)$/;

/** Airtable's List records, answering from the table and evaluating the trigger's formula. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  if (request.headers.authorization !== `Bearer ${TOKEN}`)
    return { status: 401, body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } } };
  if (request.method !== 'GET' || url.pathname !== `/v0/${BASE}/Leads`) return undefined;
  const q = url.searchParams;
  const formula = q.get('filterByFormula');
  const since = formula ? AFTER.exec(formula)?.[1] : undefined;
  if (formula && !since) return { status: 422, body: { error: { type: 'INVALID_FILTER_BY_FORMULA', message: formula } } };
  const time = (r: Row) => Date.parse(String(r.fields[FIELD]));
  const chosen = rows
    .filter((r) => !since || time(r) > Date.parse(since) - 1000)
    .sort((a, b) => (time(a) - time(b)) * (q.get('sort[0][direction]') === 'desc' ? -1 : 1));
  const start = Number(q.get('offset') ?? 0);
  const size = Number(q.get('pageSize') ?? 100);
  return {
    body: { records: chosen.slice(start, start + size), ...(start + size < chosen.length ? { offset: String(start + size) } : {}) },
  };
}

const bed = pollingTestbed({
  answers: vendor,
  hosts: ['api.airtable.com'],
  nodeTypes: [airtableChangedRecord],
  credentialTypes: [airtableToken],
  credentials: [{ id: 'pat', type: 'airtableTokenApi', data: { accessToken: TOKEN } }],
  trigger: {
    type: 'integrations.airtableChangedRecord',
    name: 'Changed lead',
    parameters: { baseId: BASE, table: 'Leads', timeField: FIELD },
    credentials: { airtableTokenApi: 'pat' },
  },
  start: Date.UTC(2026, 5, 1),
  label: (json) => (json['fields'] as Record<string, unknown>)['Name'],
  reset: () => (rows = []),
});
let sdk: Airtable;
beforeAll(() => {
  sdk = new Airtable({ apiKey: TOKEN, endpointUrl: bed.server.url, noRetryIfRateLimited: true });
});

const withoutAuth = (requests: NormalizedRequest[]) => requests.map(({ method, path, query }) => ({ method, path, query }));
const sinceFormula = (since: string) => `IS_AFTER({${FIELD}}, DATEADD('${since}', -1, 'seconds'))`;

describe('Airtable New or Changed Record (polling), against airtable.js', () => {
  it('notes where the table stands, then runs with records created or changed since, oldest first, asking as the SDK does', async () => {
    touch(1, '2026-05-30T10:00:00.000Z');
    touch(2, '2026-05-31T10:00:00.000Z');
    expect((await bed.activate()).polls).toEqual([{ nodeId: 'poll', intervalMs: 300_000 }]);
    expect(bed.runs).toHaveLength(0);
    const first = await bed.take();
    await sdk
      .base(BASE)
      .table('Leads')
      .select({ sort: [{ field: FIELD, direction: 'desc' }], pageSize: 10 })
      .firstPage();
    expect(withoutAuth(first)).toEqual(withoutAuth(await bed.take()));
    expect(first[0]!.auth).toBe(`Bearer ${TOKEN}`);

    touch(3, '2026-05-31T10:00:00.000Z'); // the same millisecond as the newest record seen
    touch(1, '2026-06-01T09:00:00.000Z'); // changed
    await bed.poll();
    expect(bed.labels()).toEqual([['Row 3', 'Row 1']]);
    const requests = await bed.take();
    await sdk
      .base(BASE)
      .table('Leads')
      .select({ filterByFormula: sinceFormula('2026-05-31T10:00:00.000Z'), sort: [{ field: FIELD, direction: 'asc' }], pageSize: 100 })
      .all();
    expect(withoutAuth(requests)).toEqual(withoutAuth(await bed.take()));

    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing new, no run
  });

  it('reads every page of a burst (250 records, three pages) into one run, following `offset` as the SDK does', async () => {
    touch(0, '2026-05-01T00:00:00.000Z');
    await bed.activate();
    for (let i = 1; i <= 250; i++) touch(i, new Date(Date.UTC(2026, 4, 2) + i * 1000).toISOString());
    await bed.take();
    await bed.poll();
    expect(bed.labels()[0]).toEqual(Array.from({ length: 250 }, (_, i) => `Row ${i + 1}`));
    const requests = await bed.take();
    await sdk
      .base(BASE)
      .table('Leads')
      .select({ filterByFormula: sinceFormula('2026-05-01T00:00:00.000Z'), sort: [{ field: FIELD, direction: 'asc' }], pageSize: 100 })
      .all();
    const expected = await bed.take();
    expect(expected.map((r) => r.query['offset'])).toEqual([undefined, '100', '200']);
    expect(withoutAuth(requests)).toEqual(withoutAuth(expected));
  });

  it('refuses a field name that would break the formula, naming the parameter', async () => {
    await expect(bed.engine.activate(bed.workflow({ parameters: { timeField: 'a}b' } }))).rejects.toThrow(
      /parameter 'timeField' must be a field name without braces/,
    );
  });
});

describePollingTrigger('Airtable New or Changed Record, as every polling trigger', bed, {
  add: touch,
  label: (n) => `Row ${n}`,
});
