// n8n's Gmail Trigger and Google Sheets Trigger imported with the integrations' mappings, from real corpus nodes:
// what Flowloom's polling triggers do alike maps, with n8n's poll interval; what they do not (the full message with
// its attachments, rows watched for updates) stays a placeholder naming the parameter.
import { describe, expect, it } from 'vitest';
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

  it("keeps a corpus trigger on new or updated rows (n8n's default event) as a placeholder naming the event", () => {
    const { report } = importAfterTrigger(fixtureNode('0314_GoogleSheets_Discord_Create_Triggered.json', 'On new or updated row'));
    expect(report.placeholders).toMatchObject([{ n8nType: 'n8n-nodes-base.googleSheetsTrigger', parameter: 'event' }]);
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
