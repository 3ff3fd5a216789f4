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
// For node packages that map n8n nodes of their own (`importN8nWorkflow(doc, { mappings })`).
export type { MappedNode, NodeMapping } from './mappers/mapping.js';
export { compact, fieldPath, fieldPaths, locatorValue, mainInput, mainOutput } from './mappers/mapping.js';
export { isExpression, type MapContext, type MapEnv, type N8nNode } from './map-context.js';
