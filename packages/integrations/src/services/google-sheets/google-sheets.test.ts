// Google Sheets, checked against Google's own SDK (@googleapis/sheets): both make the same calls to one recording
// server, which keeps a spreadsheet as the Sheets API does (testing/sheets-model.ts), so each test also sees what the
// calls did to the sheet. The SDK is given the requests a user would write; the node builds them from items.
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import type { Item } from '@flowloom/engine';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { OAuth2Client } from 'google-auth-library';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { relayFetch, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { googleSheets } from './google-sheets.js';
import { SheetsModel } from './testing/sheets-model.js';

const TOKEN = 'ya29.sheets-good';
const REVOKED = 'ya29.sheets-revoked';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
const URL_OF_ID = `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`;

const model = new SheetsModel(ID);
const LEADS = [
  ['Name', 'Email', 'Score', 'Grade'],
  ['Ada', 'ada@example.com', 90, '=IF(C2>80,"A","B")'],
  ['Grace', 'grace@example.com', 85, '=IF(C3>80,"A","B")'],
  ['Linus', 'linus@example.com', 70, '=IF(C4>80,"A","B")'],
];
beforeEach(() => {
  model.sheets.clear();
  model.set('Leads', LEADS);
  model.set('Empty sheet', []);
});

const overrides: ((request: SeenRequest) => Answer | undefined)[] = [];
function vendor(request: SeenRequest): Answer | undefined {
  for (const override of overrides) {
    const answer = override(request);
    if (answer) return answer;
  }
  const token = String(request.headers.authorization ?? '');
  if (token !== `Bearer ${TOKEN}`) {
    return {
      status: 401,
      body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
    };
  }
  if (request.url.startsWith('/drive/v3/about'))
    return { body: { user: { displayName: 'Ada Lovelace', emailAddress: 'ada@example.com' } } };
  return model.answer(request);
}

const bed = serviceTestbed(googleSheets, {
  name: 'Sheets',
  answers: vendor,
  hosts: ['sheets.googleapis.com', 'www.googleapis.com'],
  credentials: [
    { id: 'sheets', type: 'googleSheetsOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'googleSheetsOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('sheets', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: REVOKED, tokenType: 'Bearer' });
  },
  read: withoutBodilessContentType,
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, { spreadsheetId: ID, sheet: 'Leads', ...parameters }, { input });
const items = (...rows: Record<string, unknown>[]): Item[] => rows.map((json) => ({ json }));
const json = (found: Item[]) => found.map((i) => i.json);

let sdk: sheets_v4.Sheets;
beforeAll(() => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  sdk = sheets({ version: 'v4', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
});
const values = () => sdk.spreadsheets.values;

describe('Google Sheets rows, against @googleapis/sheets', () => {
  it("appends an item's fields as a row under the header, as the SDK does, and puts out the row with its number", async () => {
    await values().get({ spreadsheetId: ID, range: "'Leads'!1:1" });
    await values().append({
      spreadsheetId: ID,
      range: "'Leads'!A1",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['Alan', 'alan@example.com', 75, '']] },
    });
    const expected = await take();
    model.set('Leads', LEADS);
    const { items: out, requests } = await node('row', 'append', {}, items({ Name: 'Alan', Email: 'alan@example.com', Score: 75, id: 17 }));
    expect(requests).toEqual(expected);
    expect(requests.map((r) => [r.method, decodeURIComponent(r.path), r.auth])).toEqual([
      ['GET', `/v4/spreadsheets/${ID}/values/'Leads'!1:1`, `Bearer ${TOKEN}`],
      ['POST', `/v4/spreadsheets/${ID}/values/'Leads'!A1:append`, `Bearer ${TOKEN}`],
    ]);
    expect(json(out)).toEqual([{ Name: 'Alan', Email: 'alan@example.com', Score: 75, Grade: '', row_number: 5 }]);
    expect(model.grid('Leads')[4]).toEqual(['Alan', 'alan@example.com', 75, '']);
  });

  it('appends the items of a run in one request, each item putting out its own row', async () => {
    await values().get({ spreadsheetId: ID, range: "'Leads'!1:1" });
    await values().append({
      spreadsheetId: ID,
      range: "'Leads'!A1",
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: {
        values: [
          ['Alan', '', '', ''],
          ['Barbara', '', 60, ''],
          ['Claude', '', '', ''],
        ],
      },
    });
    const expected = await take();
    model.set('Leads', LEADS);
    const run = await node(
      'row',
      'append',
      { valueInputOption: 'RAW' },
      items({ Name: 'Alan' }, { Name: 'Barbara', Score: 60 }, { Name: 'Claude' }),
    );
    expect(run.requests).toEqual(expected);
    expect(run.items.map((i) => [i.json['Name'], i.json['row_number'], i.pairedItem])).toEqual([
      ['Alan', 5, { item: 0 }],
      ['Barbara', 6, { item: 1 }],
      ['Claude', 7, { item: 2 }],
    ]);
  });

  it('writes the header of an empty sheet from the fields, then appends, as the SDK does', async () => {
    await values().get({ spreadsheetId: ID, range: "'Empty sheet'!1:1" });
    await values().update({
      spreadsheetId: ID,
      range: "'Empty sheet'!A1",
      valueInputOption: 'RAW',
      requestBody: { values: [['Name', 'Email']] },
    });
    await values().append({
      spreadsheetId: ID,
      range: "'Empty sheet'!A1",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['Ada', 'ada@example.com']] },
    });
    const expected = await take();
    model.set('Empty sheet', []);
    const run = await node('row', 'append', { sheet: 'Empty sheet' }, items({ Name: 'Ada', Email: 'ada@example.com' }));
    expect(run.requests).toEqual(expected);
    expect(model.grid('Empty sheet')).toEqual([
      ['Name', 'Email'],
      ['Ada', 'ada@example.com'],
    ]);
    expect(json(run.items)).toEqual([{ Name: 'Ada', Email: 'ada@example.com', row_number: 2 }]);
  });

  it('adds the columns a field names when asked, or fails naming the fields and the header', async () => {
    await values().get({ spreadsheetId: ID, range: "'Leads'!1:1" });
    await values().update({ spreadsheetId: ID, range: "'Leads'!E1", valueInputOption: 'RAW', requestBody: { values: [['Phone']] } });
    const expected = await take();
    model.set('Leads', LEADS);
    const added = await node('row', 'append', { unknownColumns: 'add', rowValues: { Name: 'Alan', Phone: '+44 20' } });
    expect(added.requests.slice(0, 2)).toEqual(expected);
    expect(model.grid('Leads')[0]).toEqual(['Name', 'Email', 'Score', 'Grade', 'Phone']);
    expect(model.grid('Leads')[4]).toEqual(['Alan', '', '', '', '+44 20']);

    const refused = await node('row', 'append', { unknownColumns: 'error', rowValues: { Name: 'Alan', Fax: '1', Telex: '2' } });
    expect(refused.execution.error?.message).toBe(
      "Node 'Sheets': Google Sheets row.append: sheet 'Leads' has no column 'Fax', 'Telex' (its header row 1: Name, Email, Score, Grade, Phone); add the column, or set parameter 'unknownColumns' to ignore or add.",
    );
    expect(refused.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('looks rows up by a column, reading the sheet once for all the items of a run, as the SDK reads it', async () => {
    await values().get({
      spreadsheetId: ID,
      range: "'Leads'",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    const expected = await take();
    const run = await node(
      'row',
      'lookup',
      { matchColumn: 'Email', matchValue: '{{ $json.email }}' },
      items({ email: 'grace@example.com' }, { email: 'linus@example.com' }, { email: 'nobody@example.com' }),
    );
    expect(run.requests).toEqual(expected);
    expect(run.items.map((i) => [i.json['Name'], i.json['row_number'], i.pairedItem])).toEqual([
      ['Grace', 3, { item: 0 }],
      ['Linus', 4, { item: 1 }],
    ]);
  });

  it('updates only the cells it writes in the rows matched by a column, as the SDK does, keeping formulas', async () => {
    await values().get({
      spreadsheetId: ID,
      range: "'Leads'",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    await values().batchUpdate({
      spreadsheetId: ID,
      requestBody: { valueInputOption: 'USER_ENTERED', data: [{ range: "'Leads'!C3", values: [[95]] }] },
    });
    const expected = await take();
    model.set('Leads', LEADS);
    const run = await node('row', 'update', { matchColumn: 'Email' }, items({ Email: 'grace@example.com', Score: 95, row_number: 3 }));
    expect(run.requests).toEqual(expected);
    expect(model.grid('Leads')[2]).toEqual(['Grace', 'grace@example.com', 95, '=IF(C3>80,"A","B")']);
    expect(json(run.items)).toEqual([{ Name: 'Grace', Email: 'grace@example.com', Score: 95, Grade: '=IF(C3>80,"A","B")', row_number: 3 }]);
  });

  it('leaves the columns named in skipColumns out of what an upsert writes, as the SDK writes only the rest', async () => {
    await values().get({
      spreadsheetId: ID,
      range: "'Leads'",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    await values().batchUpdate({
      spreadsheetId: ID,
      requestBody: { valueInputOption: 'USER_ENTERED', data: [{ range: "'Leads'!C3", values: [[99]] }] },
    });
    const expected = await take();
    model.set('Leads', LEADS);
    const run = await node(
      'row',
      'upsert',
      { matchColumn: 'Email', skipColumns: ['Name', 'Grade'] },
      items({ Email: 'grace@example.com', Name: 'Grace Hopper', Score: 99, Grade: 'A+' }),
    );
    expect(run.requests).toEqual(expected);
    expect(model.grid('Leads')[2]).toEqual(['Grace', 'grace@example.com', 99, '=IF(C3>80,"A","B")']);
  });

  it('puts out nothing when an update matches no row, and appends the row when it is an upsert', async () => {
    const updated = await node('row', 'update', { matchColumn: 'Email', rowValues: { Email: 'alan@example.com', Score: 1 } });
    expect(updated.items).toEqual([]);
    expect(updated.requests.map((r) => r.method)).toEqual(['GET']);

    await values().get({
      spreadsheetId: ID,
      range: "'Leads'",
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    await values().append({
      spreadsheetId: ID,
      range: "'Leads'!A1",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['', 'alan@example.com', 75, '']] },
    });
    const expected = await take();
    model.set('Leads', LEADS);
    const upserted = await node('row', 'upsert', { matchColumn: 'Email', matchValue: 'alan@example.com', rowValues: { Score: 75 } });
    expect(upserted.requests).toEqual(expected);
    expect(json(upserted.items)).toEqual([{ Name: '', Email: 'alan@example.com', Score: 75, Grade: '', row_number: 5 }]);
  });

  it('names the column to match on when the header lacks it', async () => {
    const { execution } = await node('row', 'lookup', { matchColumn: 'Phone', matchValue: '1' });
    expect(execution.error?.message).toBe(
      "Node 'Sheets': Google Sheets row.lookup: parameter 'matchColumn': sheet 'Leads' has no column 'Phone' (its header row 1: Name, Email, Score, Grade).",
    );
  });
});

describe('Google Sheets ranges, sheets and spreadsheets, against @googleapis/sheets', () => {
  it('reads a range as items under its first row, empty rows left out, with the spreadsheet given by its URL', async () => {
    model.set('Leads', [...LEADS.slice(0, 3), [], ...LEADS.slice(3)]);
    const answer = await values().get({
      spreadsheetId: ID,
      range: "'Leads'!A1:C",
      valueRenderOption: 'FORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    const expected = await take();
    const run = await node('range', 'read', { spreadsheetId: URL_OF_ID, range: 'A1:C', valueRenderOption: 'FORMATTED_VALUE' });
    expect(run.requests).toEqual(expected);
    const [header, ...rows] = answer.data.values!;
    expect(json(run.items)).toEqual(
      rows
        .map((row, i) => ({ row, number: i + 2 }))
        .filter(({ row }) => row.length > 0)
        .map(({ row, number }) => ({ ...Object.fromEntries(header!.map((name, c) => [name, row[c] ?? ''])), row_number: number })),
    );
    expect(run.items).toHaveLength(3);
  });

  it('names the columns of a range without a header by their letters', async () => {
    const { items: out } = await node('range', 'read', { range: 'B2:C3', firstRowIsHeader: false });
    expect(json(out)).toEqual([
      { B: 'ada@example.com', C: 90, row_number: 2 },
      { B: 'grace@example.com', C: 85, row_number: 3 },
    ]);
  });

  it('clears a range, creates a sheet and a spreadsheet, and lists the sheets, as the SDK does', async () => {
    await values().clear({ spreadsheetId: ID, range: "'Leads'!A4:D4" });
    await sdk.spreadsheets.batchUpdate({ spreadsheetId: ID, requestBody: { requests: [{ addSheet: { properties: { title: 'Q3' } } }] } });
    await sdk.spreadsheets.create({ requestBody: { properties: { title: 'Budget' }, sheets: [{ properties: { title: 'Costs' } }] } });
    await sdk.spreadsheets.get({ spreadsheetId: ID, fields: 'sheets.properties' });
    const expected = await take();
    model.set('Leads', LEADS);
    model.sheets.delete('Q3');
    const cleared = await node('range', 'clear', { range: 'A4:D4' });
    const created = await node('sheet', 'create', { title: 'Q3' });
    const book = await node('spreadsheet', 'create', { title: 'Budget', sheetTitles: ['Costs'] });
    const listed = await node('sheet', 'list', {});
    expect([...cleared.requests, ...created.requests, ...book.requests, ...listed.requests]).toEqual(expected);
    expect(model.grid('Leads')[3]).toEqual(['', '', '', '']);
    expect(json(created.items)).toEqual([expect.objectContaining({ title: 'Q3', sheetType: 'GRID' })]);
    expect(book.items[0]!.json).toMatchObject({ spreadsheetId: 'created1', properties: { title: 'Budget' } });
    expect(json(listed.items).map((s) => s['title'])).toEqual(['Leads', 'Empty sheet', 'Q3']);
  });

  it('offers the spreadsheet’s sheets as choices once the spreadsheet is given', async () => {
    expect(await bed.choices('sheets', { resource: 'row', operation: 'append', spreadsheetId: URL_OF_ID })).toEqual([
      { value: 'Leads', label: 'Leads' },
      { value: 'Empty sheet', label: 'Empty sheet' },
    ]);
    await expect(bed.choices('sheets', { resource: 'row', operation: 'append' })).rejects.toThrow(
      "Google Sheets: fill in parameter 'spreadsheetId' first, to list the choices.",
    );
  });

  it("turns Sheets' error into a node error with Google's status, as the SDK sees it", async () => {
    const sdkError = await values()
      .get({ spreadsheetId: ID, range: "'Nope'!A1:B", valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })
      .catch((e: { status: number; message: string }) => [e.status, e.message]);
    const { execution } = await node('range', 'read', { sheet: 'Nope', range: 'A1:B' });
    expect(sdkError).toEqual([400, 'Unable to parse range: Nope']);
    expect(execution.error?.message).toBe(
      "Node 'Sheets': Google Sheets range.read failed: HTTP 400 INVALID_ARGUMENT: Unable to parse range: Nope",
    );
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'range', operation: 'read', spreadsheetId: ID, sheet: 'Leads' },
    limits: (request) => request.method === 'GET',
    answer: {
      status: 429,
      headers: { 'retry-after': '12' },
      body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
    },
    waitMs: 12_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited).toHaveLength(1);
      expect(retried).toEqual(limited);
    },
  });

  itTestsCredential(bed, 'tests a credential on Drive, which its drive.file scope reaches: a revoked token asks to reconnect', [
    { id: 'sheets', calls: [{ method: 'GET', path: '/drive/v3/about', query: { fields: 'user' }, auth: `Bearer ${TOKEN}` }] },
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

describe('Google Sheets in a workflow', () => {
  it('appends the rows a workflow made, in engine.run and the CLI alike', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'append',
        name: 'Log lead',
        type: googleSheets.node.type,
        parameters: { resource: 'row', operation: 'append', spreadsheetId: ID, sheet: 'Leads' },
        credentials: { googleSheetsOAuth2Api: 'sheets' },
      },
    ]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'sheets', type: 'googleSheetsOAuth2Api', data: CLIENT, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      input: items({ Name: 'Alan', Email: 'alan@example.com' }, { Name: 'Barbara', Email: 'barbara@example.com' }),
      compare: 'append',
      // The stand-in keeps the rows the engine's run appended: the command line starts from the same sheet.
      beforeCli: () => model.set('Leads', LEADS),
    });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });
});

describe('Google Sheets node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Sheets',
    parameters: { resource: 'range', operation: 'read', spreadsheetId: ID },
    message:
      "Node 'Sheets': Google Sheets range.read needs a credential: choose a Google Sheets OAuth2 or Google Sheets service account credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out', {
    name: 'Sheets',
    cases: [
      {
        parameters: { resource: 'range', operation: 'read' },
        fails: "Node 'Sheets': Google Sheets range.read: parameter 'spreadsheetId' is required.",
      },
      {
        parameters: { resource: 'row', operation: 'lookup', spreadsheetId: ID, matchColumn: 'Email' },
        fails: "Node 'Sheets': Google Sheets row.lookup: parameter 'matchValue' is required.",
      },
      {
        parameters: { resource: 'row', operation: 'update', spreadsheetId: ID, matchColumn: 'Email', rowValues: { Score: 1 } },
        fails:
          "Node 'Sheets': Google Sheets row.update: parameter 'matchValue' is required: the values written have no 'Email' to match on.",
      },
      {
        parameters: { resource: 'row', operation: 'append', spreadsheetId: ID, headerRow: 0 },
        throws: "node 'Sheets' (Google Sheets): parameter 'headerRow'",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Sheets',
    unknown: { service: 'Google Sheets', resources: ['row', 'range', 'sheet', 'spreadsheet', 'custom'], operation: ['row', 'append'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the Sheets API with the credential', {
    parameters: { method: 'GET', path: `/spreadsheets/${ID}`, query: { fields: 'sheets.properties' } },
    request: { method: 'GET', path: `/v4/spreadsheets/${ID}`, auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200 },
  });
});
