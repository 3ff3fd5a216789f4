import type { LoadOptionsRequest } from './load-options.js';
import { checkRetentionScope, EXECUTION_HISTORY_OPTIONS } from '../executions/execution-history.js';
import type { Item } from '../model/item.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { HttpOptions } from '../ports/http.js';
import type { CodeLimits } from '../code-sandbox/code-limits.js';
import { WORKER_POOL_OPTIONS } from '../workers/worker-pool.js';
import type { IsolationPoolOptions } from '../workers/shared-workers.js';
import type { EngineOptions, RunOptions } from './engine-api.js';
import type { CloseOptions } from './engine-lifecycle.js';
import type { TenantOption } from './engine-triggers.js';
import type { WebhookOptions } from './webhooks.js';

// The option keys of the engine's public calls. Each spec is typed against
// its interface, so an option added there and not here fails to compile.

const HTTP_OPTIONS: OptionSpec<HttpOptions> = { allowPrivateNetworks: true, allowedRanges: true };
const WEBHOOK_OPTIONS: OptionSpec<WebhookOptions> = { basePath: true, waitingPath: true, redactHeaders: true };
const CODE_LIMITS: OptionSpec<Partial<CodeLimits>> = { memoryMb: true, timeoutMs: true, outputMb: true, waitMs: true };
const ISOLATION_OPTIONS: OptionSpec<IsolationPoolOptions> = {
  ...WORKER_POOL_OPTIONS,
  heapMb: true,
  executionsPerWorker: true,
};

/** The keys `createEngine` (and `createNodeEngine`) accept, nested objects included. */
export const ENGINE_OPTIONS: OptionSpec<EngineOptions> = {
  nodeTypes: true,
  storage: true,
  tenantId: true,
  clock: true,
  generateId: true,
  random: true,
  logger: true,
  expressions: true,
  env: true,
  fetch: true,
  http: HTTP_OPTIONS,
  webhooks: WEBHOOK_OPTIONS,
  limits: {
    maxWorkflowDepth: true,
    maxNodeRuns: true,
    executionTimeoutMs: true,
    maxExecutionTimeoutMs: true,
    code: CODE_LIMITS,
  },
  codeSandbox: true,
  codeLibraries: true,
  isolation: true,
  isolationOptions: ISOLATION_OPTIONS,
  nodeModules: true,
  keyProvider: true,
  credentialTypes: true,
  credentials: true,
  oauth2States: true,
  executions: EXECUTION_HISTORY_OPTIONS,
};

/** The keys `engine.run` accepts. */
export const RUN_OPTIONS: OptionSpec<RunOptions> = {
  input: true,
  signal: true,
  mode: true,
  startNode: true,
  timeoutMs: true,
  tenantId: true,
  usePinData: true,
  destinationNode: true,
  runData: true,
  vars: true,
  onEvent: true,
};

/** The keys of `activate` and `deactivate`. */
export const TENANT_OPTION: OptionSpec<TenantOption> = { tenantId: true };

/** The keys `engine.resume` accepts. */
export const LOAD_OPTIONS_REQUEST: OptionSpec<LoadOptionsRequest> = {
  node: true,
  method: true,
  workflowId: true,
  tenantId: true,
  signal: true,
};

export const RESUME_OPTIONS: OptionSpec<TenantOption & { item?: Item }> = { tenantId: true, item: true };

/** The keys `engine.close` accepts. */
export const CLOSE_OPTIONS: OptionSpec<CloseOptions> = { cancelRunning: true, graceMs: true };

/**
 * Checks the options of an engine factory: no unknown key at any level, and
 * periodic pruning that names its tenants.
 */
export function checkEngineOptions(where: string, options: EngineOptions | undefined): void {
  checkOptions(where, options, ENGINE_OPTIONS);
  checkRetentionScope(where, options?.executions);
}
