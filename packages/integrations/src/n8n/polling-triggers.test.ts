// n8n's Gmail Trigger and Google Sheets Trigger imported with the integrations' mappings, from real corpus nodes:
// what Flowloom's polling triggers do alike maps, with n8n's poll interval (rows watched for updates included); what they
// do not (the full message with its attachments, a poll at a time of day) stays a placeholder naming the parameter.
import { NodeRegistry, safeParseWorkflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { googleSheetsNewRow } from '../services/google-sheets/google-sheets-new-row.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';

describe("n8n's Gmail Trigger, imported", () => {
  it("makes a corpus trigger on new messages a Flowloom Gmail New Message polling every minute, as n8n's did", () => {
    const { node, report } = importAfterTrigger(fixtureNode('0910_Bitly_Datetime_Update_Webhook.json', 'Gmail Trigger'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({ type: 'integrations.gmailNewMessage', parameters: { pollMinutes: 1 } });
    expect(report.problems.map((p) => p.code)).toContain('output-shape');
  });

  it('keeps a corpus trigger putting out whole messages with their attachments as a placeholder naming simple', () => {
    const { report } = importAfterTrigger(fixtureNode('0544_Gmail_GoogleDrive_Create_Triggered.json', 'Trigger - New Email'));
    expect(report.placeholders).toMatchObject([{ n8nType: 'n8n-nodes-base.gmailTrigger', parameter: 'simple' }]);
  });
});

describe("n8n's Google Sheets Trigger, imported", () => {
  it("makes a corpus trigger on added rows a Flowloom Google Sheets New Row on the sheet's name, its credential in the slot", () => {
    const { node, report } = importAfterTrigger(fixtureNode('1146_Splitout_Code_Automation_Webhook.json', 'Google Sheets Trigger'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.googleSheetsNewRow',
      parameters: { spreadsheetId: '1d99PlHkp9RPeSAtmATgQ4OC4Selcp8JSFLNuKx-n1EQ', sheet: 'Sheet1', pollMinutes: 1 },
      credentials: { googleSheetsOAuth2Api: 'DKYpQQpUt3ceJiG4' },
    });
  });

  it("makes a corpus trigger on new or updated rows (n8n's default event) watch its column for changes, with the added rows", () => {
    const { workflow, node, report } = importAfterTrigger(
      fixtureNode('0314_GoogleSheets_Discord_Create_Triggered.json', 'On new or updated row'),
    );
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.googleSheetsNewRow',
      parameters: {
        spreadsheetId: '1Np8TQv7kWwwrGiPkWWsmr4WYWAosv1BMBwwCd0f-dis',
        sheet: 'Investments',
        event: 'rowAddedOrUpdated',
        columnsToWatch: ['Security Code'],
        pollMinutes: 1,
      },
      credentials: { googleSheetsOAuth2Api: '35' },
    });
    expect(node?.parameters).not.toHaveProperty('includeInOutput');
    // The parameters validate against the trigger itself, not only its catalog stand-in.
    expect(safeParseWorkflow(workflow, { nodeTypes: new NodeRegistry([googleSheetsNewRow]) }).success).toBe(true);
  });

  it('makes a trigger on updated rows putting out both versions a Flowloom trigger on changed rows with both', () => {
    const corpus = fixtureNode('0314_GoogleSheets_Discord_Create_Triggered.json', 'On new or updated row');
    const { node, report } = importAfterTrigger({
      ...corpus,
      parameters: { ...corpus.parameters, event: 'rowUpdate', includeInOutput: 'both', options: {} },
    });
    expect(report.placeholders).toEqual([]);
    expect(node?.parameters).toMatchObject({ event: 'rowUpdated', includeInOutput: 'both' });
    expect(node?.parameters).not.toHaveProperty('columnsToWatch');
  });

  it('keeps a trigger polling at a time of day as a placeholder naming the poll time', () => {
    const corpus = fixtureNode('1146_Splitout_Code_Automation_Webhook.json', 'Google Sheets Trigger');
    const { report } = importAfterTrigger({
      ...corpus,
      parameters: { ...corpus.parameters, pollTimes: { item: [{ mode: 'everyDay', hour: 9 }] } },
    });
    expect(report.placeholders).toMatchObject([{ parameter: 'pollTimes.item[0].mode' }]);
  });
});
