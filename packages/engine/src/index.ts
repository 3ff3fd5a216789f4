export { FlowloomError, type SerializedError } from './errors/flowloom.error.js';
export { NodeExecutionError, serializeError } from './errors/node-execution.error.js';
export { WorkflowValidationError, formatIssue, formatPath, type ValidationIssue } from './errors/workflow-validation.error.js';

export { workflowSchema, WORKFLOW_SCHEMA_VERSION, type Workflow, type WorkflowInput } from './model/workflow.js';
export { nodeSchema, onErrorSchema, type WorkflowNode, type OnError } from './model/node.js';
export { connectionSchema, type Connection, type ConnectionEndpoint } from './model/connection.js';
export { settingsSchema, type WorkflowSettings } from './model/settings.js';
export { itemSchema, binaryRefSchema, type Item, type BinaryRef, type PairedItem, type PortItems } from './model/item.js';
export { parseWorkflow, safeParseWorkflow, type ParseWorkflowOptions, type SafeParseWorkflowResult } from './model/parse-workflow.js';

export {
  defineNode,
  isNodeType,
  isTriggerType,
  type NodeType,
  type NodeTypeDefinition,
  type NodeGroup,
  type CredentialSlot,
} from './nodes/define-node.js';
export { NodeRegistry, describeNodeType, type NodeTypeDescription } from './nodes/node-registry.js';
export type { NodeContext, NodeOutput } from './nodes/node-context.js';
export type { ParameterUiHints, PropertiesSchema } from './nodes/ui-hints.js';
export { coreNodeTypes } from './nodes/core/index.js';

export { createEngine, type Engine, type EngineOptions, type RunOptions } from './run/engine.js';
export type { Execution, ExecutionMode, ExecutionStatus, NodeRun } from './run/execution.js';
export type {
  EngineEvent,
  EngineEventType,
  EngineListener,
  ExecutionStartEvent,
  ExecutionFinishEvent,
  NodeStartEvent,
  NodeFinishEvent,
} from './run/events.js';

export type { ExpressionScope, ParameterResolver } from './expression/resolver.js';

export { systemClock, type Clock } from './ports/clock.js';
export { randomId, type IdGenerator } from './ports/id.js';
export { consoleLogger, silentLogger, type Logger } from './ports/logger.js';

export { createMemoryStorage, type MemoryStorageOptions } from './storage/memory/memory-storage.js';
export type { Storage } from './storage/storage.js';
export type { WorkflowStore, WorkflowSummary } from './storage/workflow-store.js';
export type { ExecutionStore, ExecutionSummary, ExecutionQuery } from './storage/execution-store.js';
