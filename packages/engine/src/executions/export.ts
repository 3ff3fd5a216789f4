import type { Execution } from '../model/execution.js';
import type { ExecutionQuery, ExecutionStore } from '../storage/execution-store.js';
import { EXECUTION_QUERY } from '../storage/execution-query.js';
import { allExecutions } from './execution-pages.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { systemClock } from '../ports/clock.js';

/** The JSON document an export produces. */
export interface ExecutionExport {
  format: 'flowloom.executions';
  version: 1;
  exportedAt: string;
  tenantId: string;
  /** Full records: summary, node runs with their items, the workflow as it ran. */
  executions: Execution[];
}

/** What an export takes besides the filters. */
export interface ExportOptions {
  /** Stop after this many executions (default 1,000). */
  max?: number;
  /** Leave out the workflow snapshot of each execution (default: kept). */
  withoutWorkflow?: boolean;
  /** Current time in epoch milliseconds (default: `systemClock.now`, the platform's time). */
  now?: () => number;
}

/** The keys `ExportOptions` accepts. */
export const EXPORT_OPTIONS: OptionSpec<ExportOptions> = { max: true, withoutWorkflow: true, now: true };

function document(tenantId: string, executions: Execution[], options: ExportOptions): ExecutionExport {
  return {
    format: 'flowloom.executions',
    version: 1,
    exportedAt: new Date((options.now ?? systemClock.now)()).toISOString(),
    tenantId,
    executions: options.withoutWorkflow ? executions.map(({ workflow: _w, ...e }) => e) : executions,
  };
}

/** One execution as an export document; rejects with `NOT_FOUND` when there is no such execution. */
export async function exportExecution(
  store: ExecutionStore,
  tenantId: string,
  id: string,
  options: ExportOptions = {},
): Promise<ExecutionExport> {
  checkOptions('exportExecution', options, EXPORT_OPTIONS);
  const execution = await store.get(tenantId, id);
  if (!execution) throw new FlowloomError('NOT_FOUND', `Execution '${id}' was not found in tenant '${tenantId}'.`);
  return document(tenantId, [execution], options);
}

/**
 * Every execution matching the filters (up to `max`), each with its node
 * runs, as one export document: `JSON.stringify` it to save a file.
 */
export async function exportExecutions(
  store: ExecutionStore,
  tenantId: string,
  query: ExecutionQuery = {},
  options: ExportOptions = {},
): Promise<ExecutionExport> {
  checkOptions('exportExecutions', query, EXECUTION_QUERY);
  checkOptions('exportExecutions', options, EXPORT_OPTIONS);
  const max = options.max ?? 1000;
  const out: Execution[] = [];
  for await (const summary of allExecutions(store, tenantId, query)) {
    if (out.length >= max) break;
    const execution = await store.get(tenantId, summary.id);
    if (execution) out.push(execution);
  }
  return document(tenantId, out, options);
}
