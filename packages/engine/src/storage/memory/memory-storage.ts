import { FlowloomError } from '../../errors/flowloom.error.js';
import type { Workflow } from '../../model/workflow.js';
import type { Execution } from '../../run/execution.js';
import type { ExecutionQuery, ExecutionStore, ExecutionSummary } from '../execution-store.js';
import type { Storage } from '../storage.js';
import type { WorkflowStore, WorkflowSummary } from '../workflow-store.js';

export interface MemoryStorageOptions {
  /** Executions kept per tenant before the oldest are dropped (default 1,000). */
  maxExecutions?: number;
  now?: () => number;
}

function notFound(kind: string, id: string): FlowloomError {
  return new FlowloomError('NOT_FOUND', `${kind} '${id}' was not found.`);
}

/**
 * Keeps everything in plain objects, per tenant. The engine's default: fine
 * for tests, scripts and pages; nothing survives the process. Items are kept
 * by reference, not copied, so storing a run costs nothing per item.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): Storage {
  const maxExecutions = options.maxExecutions ?? 1000;
  const now = options.now ?? (() => Date.now());
  const workflows = new Map<string, Map<string, { workflow: Workflow; updatedAt: string }>>();
  const executions = new Map<string, Map<string, Execution>>();
  const tenant = <T>(map: Map<string, Map<string, T>>, tenantId: string) => {
    let m = map.get(tenantId);
    if (!m) {
      m = new Map();
      map.set(tenantId, m);
    }
    return m;
  };

  const workflowStore: WorkflowStore = {
    async save(tenantId, workflow) {
      tenant(workflows, tenantId).set(workflow.id, { workflow, updatedAt: new Date(now()).toISOString() });
    },
    async get(tenantId, id) {
      return workflows.get(tenantId)?.get(id)?.workflow;
    },
    async list(tenantId) {
      const out: WorkflowSummary[] = [];
      for (const { workflow, updatedAt } of workflows.get(tenantId)?.values() ?? []) {
        out.push({ id: workflow.id, name: workflow.name, updatedAt });
      }
      return out;
    },
    async delete(tenantId, id) {
      return workflows.get(tenantId)?.delete(id) ?? false;
    },
  };

  const executionStore: ExecutionStore = {
    async create(execution) {
      const m = tenant(executions, execution.tenantId);
      if (m.has(execution.id)) throw new FlowloomError('CONFLICT', `Execution '${execution.id}' already exists.`);
      m.set(execution.id, { ...execution, nodes: {} });
      while (m.size > maxExecutions) m.delete(m.keys().next().value as string);
    },
    async appendNodeRun(tenantId, executionId, run) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound('Execution', executionId);
      (execution.nodes[run.nodeId] ??= []).push(run);
    },
    async finish(tenantId, executionId, result) {
      const execution = executions.get(tenantId)?.get(executionId);
      if (!execution) throw notFound('Execution', executionId);
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

  return { workflows: workflowStore, executions: executionStore };
}
