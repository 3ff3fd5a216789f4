// n8n's Google Sheets node imported with the integrations' mappings: real corpus nodes become Flowloom Google Sheets
// nodes, and an imported workflow makes the calls Google's own SDK (@googleapis/sheets) makes for what the n8n node's
// parameters mean in the Sheets API reference (values.get of the header row, then values.append), against a
// stand-in that keeps the spreadsheet as the Sheets API does.
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { coreNodeTypes, NodeRegistry, safeParseWorkflow } from '@flowloom/engine';
import { OAuth2Client } from 'google-auth-library';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureNode, importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { relayFetch } from '../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';
import { withoutBodilessContentType } from '../testing/recording-vendor.js';
import { googleSheets } from '../services/google-sheets/google-sheets.js';
import { SheetsModel } from '../services/google-sheets/testing/sheets-model.js';

const TOKEN = 'ya29.n8n-sheets';
const ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const CREDENTIAL = { id: 'sheets', type: 'googleSheetsOAuth2Api', data: CLIENT };
const LEADS = [
  ['Name', 'Email', 'Score'],
  ['Ada', 'ada@example.com', 90],
];

const model = new SheetsModel(ID);
beforeEach(() => {
  model.sheets.clear();
  model.set('Leads', LEADS);
});

const bed = serviceTestbed(googleSheets, {
  name: 'Sheets',
  answers: (request) => model.answer(request),
  hosts: ['sheets.googleapis.com'],
  credentials: [CREDENTIAL],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('sheets', { accessToken: TOKEN, tokenType: 'Bearer' });
  },
  read: withoutBodilessContentType,
});
let sdk: sheets_v4.Sheets;
beforeAll(() => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  sdk = sheets({ version: 'v4', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
});

/** An n8n Google Sheets node (version 4.5) on the sheet Leads picked from n8n's list, as its editor writes it. */
const onLeads = (parameters: Record<string, unknown>): N8nFixtureNode => ({
  name: 'Leads sheet',
  type: 'n8n-nodes-base.googleSheets',
  typeVersion: 4.5,
  parameters: {
    documentId: { __rl: true, mode: 'list', value: ID, cachedResultName: 'CRM' },
    sheetName: { __rl: true, mode: 'list', value: 'gid=0', cachedResultName: 'Leads' },
    ...parameters,
  },
  credentials: { googleSheetsOAuth2Api: { id: 'sheets', name: 'Google' } },
});

describe("n8n's Google Sheets node, imported", () => {
  it('makes a corpus append or update a row upsert matching on its column, the sheet named as n8n shows it', () => {
    const { node, report } = importAfterTrigger(fixtureNode('1645_Limit_Splitout_Automation_Webhook.json', 'Get Google Sheets'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.googlesheets',
      parameters: {
        resource: 'row',
        operation: 'upsert',
        spreadsheetId: '1QZhQqg79-HVBQh8Y2ihMq67UIYIRrJFKLQalcFvtDaY',
        sheet: 'Foglio1',
        matchColumn: 'Id',
        rowValues: { Id: "{{js: $('Split Out').item.json.recensioni.replace('/reviews/','') }}" },
      },
      credentials: { googleSheetsOAuth2Api: 'JYR6a64Qecd6t8Hb' },
    });
  });

  it('makes a corpus read with one filter a row lookup', () => {
    const { node } = importAfterTrigger(fixtureNode('1645_Limit_Splitout_Automation_Webhook.json', 'Get rows'));
    expect(node?.parameters).toMatchObject({ resource: 'row', operation: 'lookup', sheet: 'Foglio1', matchColumn: 'Id' });
  });

  it('keeps a read returning only the first match as a placeholder', () => {
    const first = importAfterTrigger(
      onLeads({ filtersUI: { values: [{ lookupColumn: 'Name', lookupValue: 'Ada' }] }, options: { returnFirstMatch: true } }),
    );
    expect(first.report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'options.returnFirstMatch' }]);
  });

  it('makes a corpus upsert auto-mapping the item with columns removed from the mapping leave those columns out', () => {
    const { workflow, node, report } = importAfterTrigger(
      fixtureNode('2036_Readbinaryfiles_Filter_Import_Triggered.json', 'Upload to spreadsheet'),
    );
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.googlesheets',
      parameters: {
        resource: 'row',
        operation: 'upsert',
        spreadsheetId: 'https://docs.google.com/spreadsheets/d/13YYuEJ1cDf-t8P2MSTFWnnNHCreQ6Zo8oPSp7WeNnbY',
        sheet: 'n8n-sheet',
        matchColumn: 'user_name',
        skipColumns: ['user_email', 'subscribed', 'date_subscribed'],
      },
    });
    expect(node?.parameters).not.toHaveProperty('rowValues');
    // The parameters validate against the Google Sheets node itself, not only its catalog stand-in.
    expect(safeParseWorkflow(workflow, { nodeTypes: new NodeRegistry([...coreNodeTypes, googleSheets.node]) }).success).toBe(true);
  });

  it('appends the item\u2019s fields but the removed columns, as the SDK writes that row', async () => {
    model.set('Leads', [['Name', 'Email', 'Score', 'Notes']]);
    await sdk.spreadsheets.values.get({ spreadsheetId: ID, range: "'Leads'!1:1" });
    await sdk.spreadsheets.values.append({
      spreadsheetId: ID,
      range: "'Leads'!A1",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['Grace', '', 85, '']] },
    });
    const expected = await bed.take();
    const reset = () => model.set('Leads', [['Name', 'Email', 'Score', 'Notes']]);
    reset();
    const column = (id: string, removed: boolean) => ({ id, displayName: id, type: 'string', display: true, removed, required: false });
    const { workflow, report } = importAfterTrigger(
      onLeads({
        operation: 'append',
        columns: {
          mappingMode: 'autoMapInputData',
          value: {},
          matchingColumns: [],
          schema: [column('Name', false), column('Email', true), column('Score', false), column('Notes', true)],
        },
        options: {},
      }),
    );
    expect(report.placeholders).toEqual([]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ ...CREDENTIAL, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      input: [{ json: { Name: 'Grace', Email: 'grace@example.com', Score: 85, Notes: 'met at the fair' } }],
      compare: 'service',
      beforeCli: reset,
    });
    expect(requests).toEqual(expected);
    expect(model.grid('Leads')).toEqual([
      ['Name', 'Email', 'Score', 'Notes'],
      ['Grace', '', 85, ''],
    ]);
  });

  it('appends a row of the mapped columns as the SDK does', async () => {
    await sdk.spreadsheets.values.get({ spreadsheetId: ID, range: "'Leads'!1:1" });
    await sdk.spreadsheets.values.append({
      spreadsheetId: ID,
      range: "'Leads'!A1",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['Grace', 'grace@example.com', '']] },
    });
    const expected = await bed.take();
    model.set('Leads', LEADS);
    const { workflow, report } = importAfterTrigger(
      onLeads({
        operation: 'append',
        columns: {
          mappingMode: 'defineBelow',
          value: { Name: '={{ $json.name }}', Email: '={{ $json.email }}' },
          matchingColumns: [],
          schema: [],
        },
        options: {},
      }),
    );
    expect(report.placeholders).toEqual([]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ ...CREDENTIAL, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      input: [{ json: { name: 'Grace', email: 'grace@example.com' } }],
      compare: 'service',
      beforeCli: () => model.set('Leads', LEADS),
    });
    expect(requests).toEqual(expected);
    expect(model.grid('Leads')[2]).toEqual(['Grace', 'grace@example.com', '']);
  });
});
