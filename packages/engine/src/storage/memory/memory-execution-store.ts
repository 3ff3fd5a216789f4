import { FlowloomError } from '../../errors/flowloom.error.js';
import type { Execution } from '../../run/execution.js';
import type { ExecutionQuery, ExecutionStore, ExecutionSummary } from '../execution-store.js';
import { tenantMap } from './tenant-map.js';

function notFound(id: string): FlowloomError {
  return new FlowloomError('NOT_FOUND', `Execution '${id}' was not found.`);
}

/** Executions in plain maps, per tenant; the oldest are dropped past `maxExecutions`. */
export function createMemoryExecutionStore(maxExecutions: number): ExecutionStore {
  const executions = new Map<string, Map<string, Execution>>();
  return {
    async create(execution) {
      const m = tenantMap(executions, execution.tenantId);
      if (m.has(execution.id)) throw new FlowloomError('CONFLICT', `Execution '${execution.id}' already exists.`);
      m.set(execution.id, { ...execution, nodes: {} });
      while (m.size > maxExecutions) m.delete(m.keys().next().value as string);
    },
    async appendNodeRun(tenantId, executionId, run) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound(executionId);
      (execution.nodes[run.nodeId] ??= []).push(run);
    },
    async finish(tenantId, executionId, result) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound(executionId);
      execution.status = result.status;
      execution.finishedAt = result.finishedAt;
      if (result.error) execution.error = result.error;
    },
    async get(tenantId, id) {
      const e = executions.get(tenantId)?.get(id);
      if (!e) return undefined;
      const nodes: Execution['nodes'] = {};
      for (const key of Object.keys(e.nodes)) nodes[key] = [...e.nodes[key]!];
      return { ...e, nodes };
    },
    async list(tenantId, query: ExecutionQuery = {}) {
      const out: ExecutionSummary[] = [];
      const all = [...(executions.get(tenantId)?.values() ?? [])].reverse();
      for (const e of all) {
        if (query.workflowId !== undefined && e.workflowId !== query.workflowId) continue;
        if (query.status !== undefined && e.status !== query.status) continue;
        if (query.mode !== undefined && e.mode !== query.mode) continue;
        const { nodes: _nodes, ...summary } = e;
        out.push(summary);
        if (out.length >= (query.limit ?? 100)) break;
      }
      return out;
    },
  };
}
