import { createHash } from 'node:crypto';
import type { IsolatedRunRequest, ResumeInfo, RunJob, ScheduleRule } from '@flowloom/engine';

/** The BullMQ queue every process of one installation shares. */
export const EXECUTION_QUEUE = 'executions';

/** The Redis channels of an installation, below its prefix. */
export function channelsOf(prefix: string) {
  return {
    /** Engine events of every execution, published by the workers that run them (main relays them to its listeners). */
    events: `${prefix}:events`,
    /** Respond to Webhook replies, for the process holding the caller's connection. */
    replies: `${prefix}:replies`,
    /** Executions to cancel: the worker running one stops it. */
    cancel: `${prefix}:cancel`,
    /** A workflow was activated or deactivated: processes that answer webhooks route again. */
    activations: `${prefix}:activations`,
  } as const;
}

/**
 * A run as it crosses the queue: a `RunJob` without what storage holds (a
 * resumed execution's record and wait, a continued one's state), which the
 * worker reads again when it takes the job, so the job stays small and the
 * worker acts on what storage says now.
 */
export type QueuedRun = Omit<RunJob, 'resume' | 'continueFrom'> & {
  /** Resume the wait of this node's activation, with what resumed it. */
  resume?: { nodeId: string; runIndex: number; info: ResumeInfo };
  /** Answer the webhook call that started it (Respond to Webhook) through the replies channel. */
  respond?: true;
};

/** What a job of the execution queue asks for. */
export type ExecutionJobData =
  /** A run an engine handed out (a webhook call, an API run, a retry, a resume by webhook). */
  | { kind: 'run'; run: QueuedRun }
  /** Go on with an execution storage holds as `running` whose worker is gone. */
  | { kind: 'continue'; tenantId: string; executionId: string }
  /** Resume a wait when its time comes (a delayed job). */
  | { kind: 'timer'; tenantId: string; executionId: string; nodeId: string; runIndex: number }
  /** A tick of a Schedule Trigger (a job of a BullMQ job scheduler). */
  | { kind: 'schedule'; tenantId: string; workflowId: string; nodeId: string; rule: ScheduleRule };

/** What a job of the execution queue ends with: the execution's status in storage. */
export interface ExecutionJobResult {
  executionId: string;
  status: string;
}

/** A short digest of some text, for job ids built from names that may hold any character. */
function digest(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/**
 * Checks that an execution id can be a BullMQ job id as it is (BullMQ
 * refuses ids that are whole numbers or hold ':'), so a job's id is its
 * execution's id and adding the same run twice adds one job.
 */
export function jobIdOfExecution(executionId: string): string {
  if (executionId.includes(':') || `${parseInt(executionId, 10)}` === executionId) {
    throw new Error(
      `Execution id '${executionId}' cannot be a queue job id (a whole number, or one holding ':'); keep the engine's default ids.`,
    );
  }
  return executionId;
}

/** The job of a run handed out: its execution's id, or, for a resume, one id per wait and what resumes it. */
export function jobIdOfRun(run: QueuedRun): string {
  if (!run.resume) return jobIdOfExecution(run.executionId);
  return `${run.resume.info.reason === 'time' ? 'timer' : 'call'}-${digest(run.tenantId, run.executionId, run.resume.nodeId, run.resume.runIndex)}`;
}

/** The delayed job that resumes a wait at its time: one per wait. */
export function timerJobId(tenantId: string, executionId: string, nodeId: string, runIndex: number): string {
  return `timer-${digest(tenantId, executionId, nodeId, runIndex)}`;
}

/** The job that goes on with a `running` execution whose worker is gone. */
export function continueJobId(tenantId: string, executionId: string): string {
  return `continue-${digest(tenantId, executionId)}`;
}

/** The job scheduler of one Schedule Trigger node. */
export function schedulerIdOf(tenantId: string, workflowId: string, nodeId: string): string {
  return `schedule-${digest(tenantId, workflowId, nodeId)}`;
}

/** A scheduler job's tick (ms), read from its id (`repeat:<scheduler>:<tick>`). */
export function tickOf(jobId: string, fallback: number): number {
  const tick = Number(jobId.slice(jobId.lastIndexOf(':') + 1));
  return Number.isSafeInteger(tick) && tick > 0 ? tick : fallback;
}

/** The execution id of one schedule tick: the same tick always gives the same id, in every process. */
export function executionIdOfTick(schedulerJobId: string): string {
  const h = createHash('sha256').update(schedulerJobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The request an isolating engine hands out, as it crosses the queue. */
export function queuedRunOf(request: IsolatedRunRequest): QueuedRun {
  const run: QueuedRun = {
    workflow: request.workflow,
    executionId: request.executionId,
    tenantId: request.tenantId,
    mode: request.mode,
    startNode: request.startNode,
    input: request.input,
    usePinData: request.usePinData,
    vars: request.vars,
  };
  if (request.timeoutMs !== undefined) run.timeoutMs = request.timeoutMs;
  if (request.depth) run.depth = request.depth;
  if (request.replay) run.replay = request.replay;
  if (request.redactValues?.length) run.redactValues = request.redactValues;
  if (request.respond) run.respond = true;
  if (request.resume) {
    const { wait, info } = request.resume;
    run.resume = { nodeId: wait.nodeId, runIndex: wait.runIndex, info };
  }
  return run;
}
