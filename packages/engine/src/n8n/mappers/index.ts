import { codeMapping, functionItemMapping, functionMapping } from './code.js';
import { chatTriggerMapping, formMapping, formTriggerMapping } from './form-chat.js';
import { itemListsMapping } from './item-lists.js';
import {
  compareDatasetsMapping,
  compressionMapping,
  htmlExtractMapping,
  htmlMapping,
  markdownMapping,
  rssFeedReadMapping,
  xmlMapping,
} from './content.js';
import {
  debugHelperMapping,
  executeWorkflowMapping,
  executionDataMapping,
  filterMapping,
  ifMapping,
  noOpMapping,
  splitInBatchesMapping,
  stopAndErrorMapping,
  waitMapping,
} from './flow.js';
import {
  aggregateMapping,
  limitMapping,
  removeDuplicatesMapping,
  renameKeysMapping,
  setMapping,
  sortMapping,
  splitOutMapping,
  summarizeMapping,
  totpMapping,
} from './data.js';
import { graphqlMapping } from './graphql.js';
import { editImageMapping } from './edit-image.js';
import { httpRequestMapping } from './http-request.js';
import type { NodeMapping } from './mapping.js';
import { mergeMapping } from './merge.js';
import {
  emailReadImapMapping,
  emailSendMapping,
  executeCommandMapping,
  readBinaryFileMapping,
  readBinaryFilesMapping,
  readWriteFileMapping,
  writeBinaryFileMapping,
} from './node-only.js';
import { convertToFileMapping, extractFromFileMapping, moveBinaryDataMapping, readPdfMapping, spreadsheetFileMapping } from './files.js';
import { switchMapping } from './switch.js';
import { cryptoMapping, dateTimeMapping } from './transform.js';
import {
  cronMapping,
  executeWorkflowTriggerMapping,
  intervalMapping,
  manualTriggerMapping,
  respondToWebhookMapping,
  scheduleTriggerMapping,
  webhookMapping,
} from './triggers.js';

/** n8n node type -> how it becomes a Flowloom core node. Types not listed become placeholders. */
export const NODE_MAPPINGS: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.manualTrigger': manualTriggerMapping,
  'n8n-nodes-base.start': manualTriggerMapping,
  'n8n-nodes-base.scheduleTrigger': scheduleTriggerMapping,
  'n8n-nodes-base.cron': cronMapping,
  'n8n-nodes-base.interval': intervalMapping,
  'n8n-nodes-base.webhook': webhookMapping,
  'n8n-nodes-base.respondToWebhook': respondToWebhookMapping,
  'n8n-nodes-base.executeWorkflowTrigger': executeWorkflowTriggerMapping,
  'n8n-nodes-base.httpRequest': httpRequestMapping,
  'n8n-nodes-base.graphql': graphqlMapping,
  'n8n-nodes-base.set': setMapping,
  'n8n-nodes-base.if': ifMapping,
  'n8n-nodes-base.filter': filterMapping,
  'n8n-nodes-base.switch': switchMapping,
  'n8n-nodes-base.merge': mergeMapping,
  'n8n-nodes-base.splitOut': splitOutMapping,
  'n8n-nodes-base.aggregate': aggregateMapping,
  'n8n-nodes-base.sort': sortMapping,
  'n8n-nodes-base.limit': limitMapping,
  'n8n-nodes-base.removeDuplicates': removeDuplicatesMapping,
  'n8n-nodes-base.summarize': summarizeMapping,
  'n8n-nodes-base.splitInBatches': splitInBatchesMapping,
  'n8n-nodes-base.wait': waitMapping,
  'n8n-nodes-base.noOp': noOpMapping,
  'n8n-nodes-base.stopAndError': stopAndErrorMapping,
  'n8n-nodes-base.code': codeMapping,
  'n8n-nodes-base.function': functionMapping,
  'n8n-nodes-base.functionItem': functionItemMapping,
  'n8n-nodes-base.executeWorkflow': executeWorkflowMapping,
  'n8n-nodes-base.executionData': executionDataMapping,
  'n8n-nodes-base.debugHelper': debugHelperMapping,
  'n8n-nodes-base.dateTime': dateTimeMapping,
  'n8n-nodes-base.crypto': cryptoMapping,
  'n8n-nodes-base.renameKeys': renameKeysMapping,
  'n8n-nodes-base.totp': totpMapping,
  'n8n-nodes-base.convertToFile': convertToFileMapping,
  'n8n-nodes-base.extractFromFile': extractFromFileMapping,
  'n8n-nodes-base.moveBinaryData': moveBinaryDataMapping,
  'n8n-nodes-base.spreadsheetFile': spreadsheetFileMapping,
  'n8n-nodes-base.readPDF': readPdfMapping,
  'n8n-nodes-base.html': htmlMapping,
  'n8n-nodes-base.htmlExtract': htmlExtractMapping,
  'n8n-nodes-base.xml': xmlMapping,
  'n8n-nodes-base.markdown': markdownMapping,
  'n8n-nodes-base.compression': compressionMapping,
  'n8n-nodes-base.editImage': editImageMapping,
  'n8n-nodes-base.compareDatasets': compareDatasetsMapping,
  'n8n-nodes-base.rssFeedRead': rssFeedReadMapping,
  'n8n-nodes-base.emailSend': emailSendMapping,
  'n8n-nodes-base.emailReadImap': emailReadImapMapping,
  'n8n-nodes-base.readWriteFile': readWriteFileMapping,
  'n8n-nodes-base.readBinaryFile': readBinaryFileMapping,
  'n8n-nodes-base.readBinaryFiles': readBinaryFilesMapping,
  'n8n-nodes-base.writeBinaryFile': writeBinaryFileMapping,
  'n8n-nodes-base.executeCommand': executeCommandMapping,
  'n8n-nodes-base.formTrigger': formTriggerMapping,
  'n8n-nodes-base.form': formMapping,
  '@n8n/n8n-nodes-langchain.chatTrigger': chatTriggerMapping,
  'n8n-nodes-base.itemLists': itemListsMapping,
};

/**
 * n8n node types whose every output item is the input item at the same index
 * (n8n pairs them that way), so `$('Earlier').item` reads the same item as
 * `$node("Earlier").json` through them.
 */
export const ITEM_PRESERVING_TYPES: ReadonlySet<string> = new Set([
  'n8n-nodes-base.set',
  'n8n-nodes-base.noOp',
  'n8n-nodes-base.dateTime',
  'n8n-nodes-base.crypto',
  'n8n-nodes-base.renameKeys',
  'n8n-nodes-base.totp',
  'n8n-nodes-base.respondToWebhook',
  'n8n-nodes-base.executionData',
  'n8n-nodes-base.markdown',
  'n8n-nodes-base.xml',
]);

/** n8n node types that always output exactly one item. */
export const SINGLE_ITEM_TYPES: ReadonlySet<string> = new Set([
  'n8n-nodes-base.webhook',
  'n8n-nodes-base.scheduleTrigger',
  'n8n-nodes-base.cron',
  'n8n-nodes-base.interval',
  'n8n-nodes-base.aggregate',
  'n8n-nodes-base.formTrigger',
  '@n8n/n8n-nodes-langchain.chatTrigger',
]);

/** n8n node types that start runs although their name does not end in "Trigger". */
export const OTHER_TRIGGER_TYPES: ReadonlySet<string> = new Set([
  'n8n-nodes-base.emailReadImap',
  'n8n-nodes-base.webhook',
  'n8n-nodes-base.cron',
  'n8n-nodes-base.interval',
  'n8n-nodes-base.start',
  'n8n-nodes-base.sseTrigger',
  '@n8n/n8n-nodes-langchain.mcpTrigger',
]);
