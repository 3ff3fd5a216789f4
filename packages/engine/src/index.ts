export { FlowloomError, type SerializedError } from './errors/flowloom.error.js';
export { NodeExecutionError, serializeError } from './errors/node-execution.error.js';
export { WorkflowValidationError, formatIssue, formatPath, type ValidationIssue } from './errors/workflow-validation.error.js';
export { OptionError, type OptionErrorCode } from './errors/option.error.js';
export { CanceledError } from './errors/canceled.error.js';
export { checkOptions, type OptionSpec } from './options/check-options.js';

export { workflowSchema, WORKFLOW_SCHEMA_VERSION, type Workflow, type WorkflowInput } from './model/workflow.js';
export {
  noteSchema,
  noteColorSchema,
  NOTE_COLORS,
  MAX_NOTE_TEXT,
  MIN_NOTE_SIDE,
  MAX_NOTE_SIDE,
  MAX_NOTES,
  type WorkflowNote,
  type NoteColor,
} from './model/note.js';
export { nodeSchema, onErrorSchema, toolDescriptionSchema, type WorkflowNode, type OnError, type ToolDescription } from './model/node.js';
export { connectionSchema, type Connection, type ConnectionEndpoint } from './model/connection.js';
export { settingsSchema, type WorkflowSettings } from './model/settings.js';
export { itemSchema, binaryRefSchema, type Item, type BinaryRef, type PairedItem, type PortItems } from './model/item.js';
export { parseWorkflow, safeParseWorkflow, type ParseWorkflowOptions, type SafeParseWorkflowResult } from './model/parse-workflow.js';
export { MAX_NESTING_DEPTH } from './model/nesting-depth.js';
export {
  templateMetaSchema,
  placeholderSchema,
  placeholderTargetSchema,
  readTemplateMeta,
  fillTemplate,
  TEMPLATE_CATEGORIES,
  type TemplateMeta,
  type Placeholder,
  type PlaceholderTarget,
  type TemplateSource,
} from './templates/template-meta.js';
export { TemplateError, type TemplateErrorCode } from './templates/template.error.js';

export {
  inputPortsOf,
  isTriggerType,
  subOutputPortsOf,
  TOOL_PORT,
  type InputCount,
  type NodeTypeInfo,
  type NodeTypeLookup,
  type SubInputPort,
} from './model/node-type-lookup.js';

export {
  defineNode,
  defineLazyNode,
  implementNode,
  isNodeType,
  type NodeImplementation,
  type NodeType,
  type NodeTypeDefinition,
  type NodeGroup,
  type CredentialSlot,
  type WebhookTrigger,
  type PollTrigger,
  type PollResult,
  type LoadedOption,
  type LoadOptionsMethod,
} from './nodes/define-node.js';
export type { LoadOptionsRequest } from './run/load-options.js';
export { NodeRegistry, describeNodeType, type NodeTypeDescription } from './nodes/node-registry.js';
export type { NodeContext, NodeOutput } from './nodes/node-context.js';
export type { AttachedNode, NodeKeyValue } from './nodes/attached-node.js';
export type { ParameterUiHints, PropertiesSchema } from './nodes/ui-hints.js';
export { coreNodeTypes } from './nodes/core/index.js';
export { nodeOnlyNodeTypes } from './nodes/node-only/index.js';

export { createEngine, type Engine, type EngineOptions, type RunOptions } from './run/engine.js';
export type { RunJob, RunJobOptions } from './run/run-job.js';
export type { CloseOptions } from './run/engine-lifecycle.js';
export { executionDeadline, type DeadlineLimits } from './run/execution-deadline.js';
export type { Execution, ExecutionMode, ExecutionStatus, NodeRun } from './model/execution.js';
export type { RunState, CurrentActivation, RunOutcome } from './model/run-state.js';
export type {
  EngineEvent,
  EngineEventType,
  EngineListener,
  ExecutionStartEvent,
  ExecutionFinishEvent,
  NodeStartEvent,
  NodeFinishEvent,
} from './model/engine-event.js';

export { literalParameters, type ExpressionScope, type ParameterResolver } from './expression/resolver.js';
export { createExpressionResolver, type ExpressionOptions, type ExpressionResolver } from './expression/expression-resolver.js';
export { DEFAULT_BUDGETS, type ExpressionBudgets } from './expression/budgets.js';
export { ExpressionError } from './expression/expression.error.js';
export { validateExpression, type ValidateExpressionOptions } from './expression/validate-expression.js';
export { getExpressionCompletions, type ExpressionCompletion, type CompletionOptions } from './expression/completions.js';
export { createJsonataLanguage, type JsonataLanguageOptions } from './expression/jsonata-language.js';
export type {
  CompilationStats,
  CompiledExpression,
  ExpressionIssue,
  ExpressionLanguage,
  ValidationContext,
} from './expression/language.js';
export type { FunctionCategory } from './expression/functions/function-spec.js';
export { parseTemplate, type TemplateSegment, type TextSegment, type ExpressionSegment } from './expression/template.js';
export { VariableError } from './expression/variable.error.js';
export type { VariablesApi, SetVariableOptions, VariableScopeOptions } from './expression/variables.js';

export { systemClock, type Clock } from './ports/clock.js';
export { randomId, type IdGenerator } from './ports/id.js';
export { systemRandom, type Random } from './ports/random.js';
export { consoleLogger, silentLogger, type Logger } from './ports/logger.js';

export { createMemoryStorage, type MemoryStorageOptions } from './storage/memory/memory-storage.js';
export type { Storage } from './storage/storage.js';
export type { WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from './storage/workflow-store.js';
export type { ExecutionStore, ExecutionSummary, ExecutionQuery, ExecutionResult } from './storage/execution-store.js';
export {
  executionCursor,
  normalizeExecutionQuery,
  matchesExecutionQuery,
  compareExecutions,
  executionDurationMs,
  MAX_EXECUTION_PAGE,
  type NormalizedExecutionQuery,
} from './storage/execution-query.js';
export type { VariableStore, Variable, VariableType } from './storage/variable-store.js';
export type { TriggerStateStore, TriggerState } from './storage/trigger-state-store.js';
export type { KeyValueStore } from './storage/key-value-store.js';
export type { VectorMatch, VectorRecordInput, VectorStore } from './storage/vector-store.js';
export {
  checkVector,
  checkVectorRecords,
  checkVectorTopK,
  cosineFromNorms,
  MAX_VECTOR_LENGTH,
  TopVectorMatches,
  vectorLengthError,
  vectorNorm,
} from './storage/vector-store.js';
export type { CredentialStore, StoredCredential, CredentialAuditEntry, CredentialAuditQuery } from './storage/credential-store.js';
export { StorageError, type StorageErrorCode } from './storage/storage.error.js';

export {
  ExecutionHistory,
  type ExecutionHistoryOptions,
  type RetryOptions,
  type RetryRunOptions,
  type RetryInternals,
  type HistoryDeps,
} from './executions/execution-history.js';
export { RetryError } from './executions/retry.error.js';
export { RunReplay, type RetryWorkflowChoice } from './executions/retry.js';
export { DEFAULT_SAVE_SETTINGS, type ExecutionSaveSettings } from './executions/save-settings.js';
export { pruneExecutions, schedulePruning, type RetentionOptions, type PruneReport, type PruneSchedule } from './executions/retention.js';
export {
  recoverCrashedExecutions,
  ownerLivesInThisRealm,
  type CrashRecoveryReport,
  type CrashRecoveryOptions,
  type OwnerLiveness,
} from './executions/crash-recovery.js';
export {
  executionAnalytics,
  type AnalyticsQuery,
  type ExecutionAnalytics,
  type DurationStats,
  type SlowNode,
} from './executions/analytics.js';
export { exportExecution, exportExecutions, type ExecutionExport, type ExportOptions } from './executions/export.js';
export { listExecutionPage, allExecutions, type ExecutionPage } from './executions/execution-pages.js';

export {
  defineCredentialType,
  defineLazyCredentialType,
  isCredentialType,
  isLazyCredentialType,
  type LazyCredentialType,
  type CredentialType,
  type CredentialTypeDefinition,
  type CredentialAuthentication,
  type CredentialPropertiesSchema,
  type CredentialTestRequest,
  type SignableRequest,
  type WebhookCall,
} from './credentials/credential-type.js';
export {
  apiKeyCredential,
  bearerTokenCredential,
  basicAuthCredential,
  customHeadersCredential,
  oauth2Credential,
  builtinCredentialTypes,
} from './credentials/builtin-types.js';
export { smtpCredential, imapCredential } from './credentials/mail-credentials.js';
export { totpCredential } from './credentials/totp-credential.js';
export { CredentialTypeRegistry } from './credentials/credential-registry.js';
export {
  CredentialsManager,
  createCredentialsManager,
  type CredentialsManagerOptions,
  type CredentialInput,
  type CredentialUpdate,
  type CredentialTestResult,
} from './credentials/credentials-manager.js';
export type { CredentialView, CredentialSharing } from './credentials/credential-view.js';
export type { CredentialDraft } from './credentials/credential-draft.js';
export type { CredentialUse } from './credentials/credential-audit.js';
export { CredentialError, CredentialValidationError, type CredentialFieldIssue } from './credentials/credential.error.js';
export type { KeyProvider, DataKey } from './credentials/key-provider.js';
export { rawKeyProvider, type RawKeyProviderOptions } from './credentials/keys/raw-key-provider.js';
export { passphraseKeyProvider, type PassphraseKeyProviderOptions } from './credentials/keys/passphrase-key-provider.js';
export { kmsKeyProvider, type KmsKeyProviderOptions } from './credentials/keys/kms-key-provider.js';
export { keyRing } from './credentials/keys/key-ring.js';
export { BLOB_VERSION, sealBlob, openBlob, parseBlob, type ParsedBlob, type BlobBinding } from './credentials/credential-cipher.js';
export { Redactor, REDACTED, MIN_SECRET_LENGTH } from './credentials/redactor.js';
export type { OAuth2Config, OAuth2Tokens } from './credentials/oauth2/oauth2-config.js';
export type { OAuth2Callback } from './credentials/oauth2/oauth2-flows.js';
export { createMemoryOAuth2StateStore, type OAuth2StateStore, type PendingAuthorization } from './credentials/oauth2/oauth2-state-store.js';
export { OAuth2Flows } from './credentials/oauth2/oauth2-flows.js';
export { openOAuth2Popup, type OAuth2PopupOptions } from './credentials/oauth2/oauth2-popup.js';

export { type FetchFunction, type HttpOptions } from './ports/http.js';
export { isPrivateAddress } from './ports/addresses.js';
export { PrivateNetworkError } from './ports/private-network.error.js';
export { NetworkError, type NetworkErrorCode } from './ports/network.error.js';
export type { WebhookReply, SubWorkflowRequest, SubWorkflowResult, SuspendRequest } from './nodes/node-services.js';
export type { ExecutionWait, ResumeInfo } from './model/execution-wait.js';
export type { RunPlanSnapshot } from './model/activation.js';
export type { WebhookCallOptions, WebhookOptions, WebhookResponseMode } from './run/webhooks.js';
export type { ActivationSummary } from './run/workflow-triggers.js';
export { nextTickFunction, type ScheduleRule } from './run/scheduler.js';

export { codeNode } from './nodes/data/code/code-node.js';
export type { CodeSandbox, CodeSandboxBinding, CodeTimerWait } from './code-sandbox/code-sandbox.js';
export type { CodeLibraries, CodeLibrarySource } from './code-sandbox/code-libraries.js';
export { DEFAULT_CODE_LIMITS, type CodeLimits } from './code-sandbox/code-limits.js';
export type { CodeMode, CodeRunRequest, CodeRunResult, CodeRunFailure, CodeLogEntry, CodeRunLibraries } from './code-sandbox/protocol.js';
export { createWebWorkerSandbox, lazySandbox } from './code-sandbox/default-sandbox.js';
export { createWebExecutionIsolation } from './run/web-isolation.js';
export type { WebExecutionIsolationOptions } from './run/web-execution-host.js';
export type { WebWorkerSandboxOptions } from './code-sandbox/web-worker-host.js';
export { createWorkerSandbox, type WorkerSandboxOptions, type SandboxWorker } from './code-sandbox/worker-sandbox.js';
export type { WorkerExit, WorkerPort } from './workers/worker-port.js';
export {
  createWorkerPool,
  type PoolableWorker,
  type PoolLease,
  type WorkerPool,
  type WorkerPoolCounts,
  type WorkerPoolOptions,
} from './workers/worker-pool.js';
export {
  sharedWorkers,
  serveChannels,
  type ChannelMessage,
  type IsolationPoolOptions,
  type SharedWorkerMessage,
  type SharedWorkersOptions,
} from './workers/shared-workers.js';
export { WorkerError, type WorkerErrorCode } from './workers/worker.error.js';
export {
  createWorkerIsolation,
  type ExecutionIsolation,
  type ExecutionWorker,
  type IsolationBridge,
  type IsolationCounts,
  type WorkerIsolationOptions,
} from './isolation/execution-isolation.js';
export type { IsolatedRunRequest, ExecutionHostMessage, ExecutionWorkerMessage } from './isolation/execution-protocol.js';
export { serveSandbox, type WorkerEndpoint } from './code-sandbox/serve-sandbox.js';
export { serveExecutions, type ExecutionWorkerEndpoint } from './run/serve-executions.js';
export type { NodeLogEntry } from './model/execution.js';
