// `@flowloom/engine/n8n`: imports n8n workflow exports as Flowloom workflow documents.
export { importN8nWorkflow, type ImportN8nOptions, type ImportN8nResult } from './import-workflow.js';
export { aggregateImportReports, formatImportTable, type ImportSummary } from './aggregate-reports.js';
export type {
  CredentialEntry,
  DroppedSetting,
  ExpressionCounts,
  ImportProblem,
  ImportReport,
  ImportStatus,
  MappedNodeEntry,
  UntranslatedExpression,
  PlaceholderEntry,
} from './import-report.js';
