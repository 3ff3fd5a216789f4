// Google Sheets New Row, the polling trigger: its request is checked against Google's own SDK (@googleapis/sheets) on one
// recording server, which keeps the sheet as the Sheets API does (testing/sheets-model.ts) while the tests add rows.
import { sheets } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { describePollingTrigger, pollingTestbed } from '../../testing/polling-testbed.js';
import { relayFetch } from '../../testing/service-harness.js';
import { googleSheetsOAuth2 } from '../google/google-credentials.js';
import { googleSheetsNewRow } from './google-sheets-new-row.js';
import { WATCHED_ROWS } from './google-sheets-row-changes.js';
import { SheetsModel } from './testing/sheets-model.js';

const TOKEN = 'ya29.sheets-good';
const ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const HEADER = ['Name', 'Email', 'Added'];

const model = new SheetsModel(ID);
const reset = () => model.set('Leads', [HEADER]);
reset();
/** A lead typed into the sheet's next row (`at` only fills a column: rows have no time of their own). */
const add = (n: number, at: string) => model.grid('Leads').push([`Lead ${n}`, `lead${n}@example.com`, at]);

const bed = pollingTestbed({
  answers: (request) =>
    request.url === '/token'
      ? { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } }
      : request.headers.authorization === `Bearer ${TOKEN}`
        ? model.answer(request)
        : {
            status: 401,
            body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
          },
  hosts: ['sheets.googleapis.com', 'oauth2.googleapis.com'],
  nodeTypes: [googleSheetsNewRow],
  credentialTypes: [googleSheetsOAuth2],
  credentials: [
    { id: 'sheets', type: 'googleSheetsOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'googleSheetsOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('sheets', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', {
      accessToken: 'ya29.revoked',
      tokenType: 'Bearer',
      refreshToken: 'rt-revoked',
    });
  },
  trigger: {
    type: 'integrations.googleSheetsNewRow',
    name: 'New lead',
    parameters: { spreadsheetId: ID, sheet: 'Leads' },
    credentials: { googleSheetsOAuth2Api: 'sheets' },
  },
  start: Date.UTC(2026, 5, 1),
  label: (json) => json['Name'],
  reset,
});

describe('Google Sheets New Row (polling), against @googleapis/sheets', () => {
  it('notes the last row, then runs with the rows added under it, oldest first, reading the sheet as the SDK does', async () => {
    add(1, 'May 30');
    add(2, 'May 31');
    expect((await bed.activate()).polls).toEqual([{ nodeId: 'poll', intervalMs: 300_000 }]);
    expect(bed.runs).toHaveLength(0);
    const [first] = await bed.take();
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: TOKEN });
    const sdk = sheets({ version: 'v4', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
    await sdk.spreadsheets.values.get({
      spreadsheetId: ID,
      range: "'Leads'",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    const [fromSdk] = await bed.take();
    expect({ ...first, contentType: undefined }).toEqual({ ...fromSdk, contentType: undefined });

    add(3, 'June 1');
    add(4, 'June 1');
    await bed.poll();
    expect(bed.labels()).toEqual([['Lead 3', 'Lead 4']]);
    expect(bed.runs[0]!.nodes['next']![0]!.output['main']!.map((i) => i.json)).toEqual([
      { Name: 'Lead 3', Email: 'lead3@example.com', Added: 'June 1', row_number: 4 },
      { Name: 'Lead 4', Email: 'lead4@example.com', Added: 'June 1', row_number: 5 },
    ]);
    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing new, no run
  });

  it('after rows are deleted, takes the sheet’s new last row as its mark and runs with rows added below it', async () => {
    add(1, 'May 30');
    add(2, 'May 31');
    await bed.activate();
    model.grid('Leads').splice(1, 2);
    await bed.poll();
    add(3, 'June 1');
    await bed.poll();
    expect(bed.labels()).toEqual([['Lead 3']]);
  });
});

describe('Google Sheets New Row watching rows for changes', () => {
  const watching = (parameters: Record<string, unknown>) => bed.workflow({ parameters });
  const output = (run = 0) => bed.runs[run]!.nodes['next']![0]!.output['main']!.map((i) => i.json);
  const leads = () => model.grid('Leads');

  it('runs once with a changed row and an added row, both versions and the cells that differ', async () => {
    add(1, 'May 30');
    add(2, 'May 31');
    await bed.activate(watching({ event: 'rowAddedOrUpdated', includeInOutput: 'both' }));
    expect(bed.runs).toHaveLength(0);
    leads()[2]![1] = 'lead2@new.example.com';
    add(3, 'June 1');
    await bed.poll();
    expect(output()).toEqual([
      {
        previous: { Name: 'Lead 2', Email: 'lead2@example.com', Added: 'May 31', row_number: 3, change_type: 'updated' },
        current: { Name: 'Lead 2', Email: 'lead2@new.example.com', Added: 'May 31', row_number: 3, change_type: 'updated' },
        differences: { row_number: 3, Email: { previous: 'lead2@example.com', current: 'lead2@new.example.com' } },
      },
      {
        previous: { Name: '', Email: '', Added: '', row_number: 4, change_type: 'added' },
        current: { Name: 'Lead 3', Email: 'lead3@example.com', Added: 'June 1', row_number: 4, change_type: 'added' },
        differences: {
          row_number: 4,
          Name: { previous: '', current: 'Lead 3' },
          Email: { previous: '', current: 'lead3@example.com' },
          Added: { previous: '', current: 'June 1' },
        },
      },
    ]);
    await bed.poll();
    expect(bed.runs).toHaveLength(1); // nothing changed since, no run
  });

  it('puts out only updated rows whose watched columns changed, as they are now', async () => {
    add(1, 'May 30');
    add(2, 'May 31');
    await bed.activate(watching({ event: 'rowUpdated', columnsToWatch: ['Email'] }));
    leads()[1]![2] = 'June 2'; // a column not watched
    add(3, 'June 1'); // an added row, not an update
    await bed.poll();
    expect(bed.runs).toHaveLength(0);
    leads()[2]![1] = 'lead2@new.example.com';
    await bed.poll();
    expect(output()).toEqual([{ Name: 'Lead 2', Email: 'lead2@new.example.com', Added: 'May 31', row_number: 3 }]);
  });

  it('puts out a changed row as it was, and an emptied row not at all', async () => {
    add(1, 'May 30');
    add(2, 'May 31');
    await bed.activate(watching({ event: 'rowAddedOrUpdated', includeInOutput: 'old' }));
    leads()[1]![0] = 'Lead one';
    leads()[2] = ['', '', ''];
    await bed.poll();
    expect(output()).toEqual([{ Name: 'Lead 1', Email: 'lead1@example.com', Added: 'May 30', row_number: 2, change_type: 'updated' }]);
  });

  it(`keeps the cells of at most ${WATCHED_ROWS} rows between polls, and still runs with rows added below them`, async () => {
    for (let n = 1; n <= WATCHED_ROWS + 5; n++) add(n, 'May 30');
    await bed.activate(watching({ event: 'rowAddedOrUpdated' }));
    const state = await bed.engine.storage.triggerState.get('default', 'wf-poll', 'poll');
    const cursor = state!.cursor as { lastRow: number; rows: unknown[][] };
    expect(cursor.lastRow).toBe(WATCHED_ROWS + 6);
    expect(cursor.rows).toHaveLength(WATCHED_ROWS);
    leads()[WATCHED_ROWS]![1] = 'kept@example.com'; // the last row kept
    leads()[WATCHED_ROWS + 2]![1] = 'unseen@example.com'; // a row below them
    add(WATCHED_ROWS + 6, 'June 1');
    await bed.poll();
    expect(output().map((json) => [json['row_number'], json['change_type'], json['Email']])).toEqual([
      [WATCHED_ROWS + 1, 'updated', 'kept@example.com'],
      [WATCHED_ROWS + 7, 'added', `lead${WATCHED_ROWS + 6}@example.com`],
    ]);
  });

  it('takes up from the mark of a trigger that watched added rows only', async () => {
    add(1, 'May 30');
    await bed.activate();
    await bed.engine.deactivate('wf-poll');
    leads()[1]![0] = 'Lead one';
    add(2, 'May 31');
    await bed.activate(watching({ event: 'rowAddedOrUpdated' }));
    expect(bed.labels()).toEqual([['Lead 2']]);
  });
});

describePollingTrigger('Google Sheets New Row, as every polling trigger', bed, {
  add,
  label: (n) => `Lead ${n}`,
  refused: {
    credentials: { googleSheetsOAuth2Api: 'revoked' },
    message:
      "Node 'New lead': Credential 'revoked': the provider no longer accepts its refresh token (invalid_grant). Reconnect this account: open the credential and connect it again.",
  },
});
