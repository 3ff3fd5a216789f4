import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { Item } from '../model/item.js';
import { sleep, type Clock } from '../ports/clock.js';
import type { FetchFunction } from '../ports/http.js';
import type { CompiledWorkflow } from './compiled-workflow.js';
import type { Execution } from '../model/execution.js';
import type { ResumeInfo } from '../model/execution-wait.js';
import type { RunServices, SubWorkflowRequest, SubWorkflowResult, SuspendRequest, WebhookReply } from '../nodes/node-services.js';

/** Runs a sub-workflow for Execute Workflow; supplied by the engine. */
export type SubWorkflowRunner = (
  request: SubWorkflowRequest,
  parent: { tenantId: string; executionId: string; workflowId: string; depth: number },
  signal: AbortSignal,
) => Promise<SubWorkflowResult>;

/** The node services of one run, plus what the run loop reads back from them. */
export interface RunServicesState extends RunServices {
  /** The suspension a node asked for during its activation, taken once. */
  takeSuspension(nodeId: string): SuspendRequest | undefined;
  /** Makes the next activation of `nodeId` see `info` as `ctx.resumed`. */
  setResumed(nodeId: string, info: ResumeInfo): void;
}

/** Builds the services a run's activation contexts use (`ctx.fetch`, `ctx.suspend`...). */
export function createRunServices(options: {
  fetch: FetchFunction | undefined;
  respond: ((reply: WebhookReply) => boolean) | undefined;
  runSubWorkflow: SubWorkflowRunner | undefined;
  parent: { tenantId: string; executionId: string; workflowId: string; depth: number };
  clock: Clock;
}): RunServicesState {
  const suspensions = new Map<string, SuspendRequest>();
  const resumes = new Map<string, ResumeInfo>();
  return {
    fetch(input, init) {
      const f = options.fetch ?? ((i: string | URL | Request, o?: RequestInit) => fetch(i, o));
      return f(input, init);
    },
    respondToWebhook: (reply) => options.respond?.(reply) ?? false,
    async executeWorkflow(request, signal) {
      if (!options.runSubWorkflow) {
        throw new NodeExecutionError(
          'Sub-workflows cannot run here: this run was started without a sub-workflow runner (engine.run gives it one).',
          {
            code: 'SUB_WORKFLOWS_UNAVAILABLE',
            retryable: false,
          },
        );
      }
      return options.runSubWorkflow(request, options.parent, signal);
    },
    suspend(nodeId, request) {
      suspensions.set(nodeId, request);
    },
    sleep: (ms, signal) => sleep(options.clock, ms, signal),
    resumed(nodeId) {
      return resumes.get(nodeId);
    },
    takeSuspension(nodeId) {
      const s = suspensions.get(nodeId);
      suspensions.delete(nodeId);
      resumes.delete(nodeId);
      return s;
    },
    setResumed(nodeId, info) {
      resumes.set(nodeId, info);
    },
  };
}

/** The run loop's counters rebuilt from a stored execution, to continue it. */
export function progressOf(
  execution: Execution,
  compiled: CompiledWorkflow,
): { order: number; runCounts: Map<string, number>; lastOutput: Map<string, Item[]> } {
  const runCounts = new Map<string, number>();
  const lastOutput = new Map<string, Item[]>();
  let order = 0;
  for (const [nodeId, runs] of Object.entries(execution.nodes)) {
    runCounts.set(nodeId, runs.length);
    order += runs.length;
    const last = runs[runs.length - 1];
    const port = compiled.nodes.get(nodeId)?.outputs[0] ?? 'main';
    if (last) lastOutput.set(nodeId, last.output[port] ?? []);
  }
  return { order, runCounts, lastOutput };
}

/** The execution record to continue from a waiting one: running again, without its wait (nor the stored workflow snapshot). */
export function resumedRecord(execution: Execution): Execution {
  const { wait: _wait, finishedAt: _finished, error: _error, workflow: _workflow, ...rest } = execution;
  const nodes: Execution['nodes'] = {};
  for (const [id, runs] of Object.entries(execution.nodes)) nodes[id] = [...runs];
  return { ...rest, status: 'running', nodes };
}
