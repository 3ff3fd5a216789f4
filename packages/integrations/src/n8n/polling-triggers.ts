// n8n's polling triggers of Google services (Gmail, Google Sheets) as Flowloom's polling triggers.
import { compact, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { sheetOf } from './google-sheets.js';
import { locator, pollMinutes, slotFor } from './n8n-parameters.js';

/**
 * n8n's Gmail Trigger: new messages matching a search and labels, at an interval. n8n's full message (parsed
 * addresses, bodies, attachments) has no equivalent: Flowloom's trigger puts out each message's headers and snippet.
 */
export const gmailTriggerMapping: NodeMapping = {
  versions: [1, 1.1, 1.2, 1.3],
  map(ctx): MappedNode {
    const auth = ctx.choice('authentication', ['oAuth2', 'serviceAccount'], 'oAuth2');
    if (auth === 'serviceAccount') ctx.fail('authentication', "a service account has no equivalent in Flowloom's Gmail trigger");
    if (ctx.literal<boolean>('simple', 'boolean', true) === false) {
      ctx.fail(
        'simple',
        "the full message (parsed addresses, bodies, attachments) has no equivalent: Flowloom's Gmail trigger puts out each message's headers and snippet",
      );
    }
    ctx.onlyDefault('options.downloadAttachments', false);
    for (const filter of ['includeSpamTrash', 'includeDrafts', 'readStatus', 'sender']) ctx.onlyDefault(`filters.${filter}`);
    ctx.warn(undefined, 'output-shape', "n8n's simplified message and Flowloom's differ in field names; check the nodes reading it");
    return {
      type: 'integrations.gmailNewMessage',
      parameters: compact({
        searchQuery: ctx.value('filters.q', undefined, { asText: true }),
        labelIds: ctx.value('filters.labelIds'),
        pollMinutes: pollMinutes(ctx),
      }),
      credential: slotFor('gmailOAuth2Api', 'gmailOAuth2'),
    };
  },
};

/**
 * n8n's Google Sheets Trigger: rows added to a sheet, changed in it, or both ("Row Added or Updated", n8n's default),
 * at an interval, with the changed rows put out as they are, as they were, or both, watching some columns or all.
 * n8n compares the spreadsheet's Drive revisions; Flowloom's trigger compares the sheet with the rows its last poll
 * kept (the first 2,000 under the header).
 */
export const googleSheetsTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const auth = ctx.choice('authentication', ['triggerOAuth2', 'serviceAccount'], 'triggerOAuth2');
    const event = ctx.choice('event', ['rowAdded', 'rowUpdate', 'anyUpdate'], 'anyUpdate');
    const watching = event !== 'rowAdded';
    const includeInOutput = watching ? ctx.choice('includeInOutput', ['new', 'old', 'both'], 'new') : undefined;
    if (!watching) ctx.ignore('includeInOutput', 'options.columnsToWatch');
    const columnsToWatch = watching ? ctx.value('options.columnsToWatch') : undefined;
    for (const option of ['valueRender', 'dateTimeRenderOption', 'dataLocationOnSheet']) ctx.onlyDefault(`options.${option}`);
    return {
      type: 'integrations.googleSheetsNewRow',
      parameters: compact({
        spreadsheetId: locator(ctx, 'documentId', ['list', 'id', 'url']),
        sheet: sheetOf(ctx),
        event: { rowAdded: undefined, rowUpdate: 'rowUpdated', anyUpdate: 'rowAddedOrUpdated' }[event],
        includeInOutput: includeInOutput === 'new' ? undefined : includeInOutput,
        columnsToWatch: Array.isArray(columnsToWatch) && columnsToWatch.length === 0 ? undefined : columnsToWatch,
        pollMinutes: pollMinutes(ctx),
      }),
      credential:
        auth === 'serviceAccount'
          ? slotFor('googleSheetsServiceAccount', 'googleApi')
          : slotFor('googleSheetsOAuth2Api', 'googleSheetsTriggerOAuth2Api'),
    };
  },
};
