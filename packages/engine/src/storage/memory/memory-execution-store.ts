import { FlowloomError } from '../../errors/flowloom.error.js';
import type { Execution } from '../../model/execution.js';
import { compareExecutions, matchesExecutionQuery, normalizeExecutionQuery } from '../execution-query.js';
import type { ExecutionStore, ExecutionSummary } from '../execution-store.js';
import { tenantMap } from './tenant-map.js';

function notFound(id: string): FlowloomError {
  return new FlowloomError('NOT_FOUND', `Execution '${id}' was not found.`);
}

function summaryOf(e: Execution): ExecutionSummary {
  const { nodes: _nodes, workflow: _workflow, wait: _wait, state: _state, ...summary } = e;
  return { ...summary };
}

/**
 * Executions in plain maps, per tenant; the oldest finished ones are dropped
 * past `maxExecutions`. Items and run states are kept by reference, not
 * copied: the engine never changes a state after handing it over.
 */
export function createMemoryExecutionStore(maxExecutions: number): ExecutionStore {
  const executions = new Map<string, Map<string, Execution>>();
  const matching = (tenantId: string, query: Parameters<ExecutionStore['list']>[1], ignoreCursor: boolean) => {
    const q = normalizeExecutionQuery(query);
    const out: Execution[] = [];
    for (const e of executions.get(tenantId)?.values() ?? []) if (matchesExecutionQuery(e, q, ignoreCursor)) out.push(e);
    return { q, out };
  };
  return {
    async create(execution) {
      const m = tenantMap(executions, execution.tenantId);
      if (m.has(execution.id)) throw new FlowloomError('CONFLICT', `Execution '${execution.id}' already exists.`);
      m.set(execution.id, { ...execution, nodes: {} });
      if (m.size > maxExecutions) {
        for (const [id, e] of m) {
          if (m.size <= maxExecutions) break;
          if (e.status !== 'running') m.delete(id);
        }
      }
    },
    async appendNodeRun(tenantId, executionId, run, state) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound(executionId);
      (execution.nodes[run.nodeId] ??= []).push(run);
      if (state) execution.state = state;
    },
    async claim(tenantId, executionId, owner, expectedOwner) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (execution?.status !== 'running' || execution.owner !== expectedOwner) return false;
      execution.owner = owner;
      return true;
    },
    async finish(tenantId, executionId, result) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound(executionId);
      execution.status = result.status;
      execution.finishedAt = result.finishedAt;
      if (result.error) execution.error = result.error;
      if (result.wait) execution.wait = result.wait;
      else delete execution.wait;
      delete execution.state;
    },
    async get(tenantId, id) {
      const e = executions.get(tenantId)?.get(id);
      if (!e) return undefined;
      const nodes: Execution['nodes'] = {};
      for (const key of Object.keys(e.nodes)) nodes[key] = [...e.nodes[key]!];
      return { ...e, nodes };
    },
    async list(tenantId, query) {
      const { q, out } = matching(tenantId, query, false);
      out.sort((a, b) => compareExecutions(a, b, q.order));
      return out.slice(0, q.limit).map(summaryOf);
    },
    async count(tenantId, query) {
      return matching(tenantId, query, true).out.length;
    },
    async delete(tenantId, ids) {
      const m = executions.get(tenantId);
      let n = 0;
      for (const id of ids) if (m?.delete(id)) n++;
      return n;
    },
    async tenants() {
      return [...executions].filter(([, m]) => m.size > 0).map(([t]) => t);
    },
  };
}
