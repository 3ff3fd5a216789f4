import { allExecutions, type Logger, type Storage } from '@flowloom/engine';
import type { ExecutionFence } from './execution-fence.js';
import { continueJobId, timerJobId, type ExecutionJobData } from './execution-jobs.js';
import type { ExecutionQueue } from './execution-queue.js';

/** What a sweep found and queued. */
export interface SweepReport {
  /** `running` executions no live worker holds, given a job that continues them. */
  continued: number;
  /** Waits with a time, given their timer job (adding one that exists adds nothing). */
  timers: number;
}

/**
 * Makes sure every unfinished execution has a job that will finish it, for
 * when Redis lost jobs (a restart without its append-only file) or waits
 * were stored before queue mode: an execution left mid-run whose lease no
 * live process holds gets a `continue` job, a wait with a time its timer.
 * Adding a job that is already queued adds nothing, and a job that finds its
 * execution ended does nothing, so a sweep is always safe to run. Main runs
 * one when it starts.
 */
export async function sweepExecutions(storage: Storage, fence: ExecutionFence, queue: ExecutionQueue): Promise<SweepReport> {
  const report: SweepReport = { continued: 0, timers: 0 };
  for (const tenantId of await storage.executions.tenants()) {
    for await (const summary of allExecutions(storage.executions, tenantId, { status: ['running', 'waiting'], order: 'asc' })) {
      const execution = summary.status === 'waiting' ? await storage.executions.get(tenantId, summary.id) : undefined;
      const midRun = summary.status === 'running' || execution?.state !== undefined;
      if (midRun) {
        if (await fence.isHeldElsewhere(tenantId, summary.id)) continue;
        await queue.add(continueJobId(tenantId, summary.id), { kind: 'continue', tenantId, executionId: summary.id });
        report.continued++;
      } else if (execution?.wait?.resumeAt !== undefined) {
        const { nodeId, runIndex, resumeAt } = execution.wait;
        const data: ExecutionJobData = { kind: 'timer', tenantId, executionId: summary.id, nodeId, runIndex };
        await queue.add(timerJobId(tenantId, summary.id, nodeId, runIndex), data, {
          delay: Math.max(0, Date.parse(resumeAt) - Date.now()),
        });
        report.timers++;
      }
    }
  }
  return report;
}

/**
 * Ends in storage the executions whose job failed for good (its attempts
 * used up by errors that were not outages): left `running`, nobody would
 * ever finish them. They are marked `crashed` with the job's reason, and can
 * be retried from the node that was interrupted.
 */
export function crashWhenJobsFail(queue: ExecutionQueue, storage: Storage, fence: ExecutionFence, logger: Logger): void {
  queue.onFailed((jobId) => {
    void (async () => {
      const job = await queue.queue.getJob(jobId);
      const data = job?.data;
      if (!data || data.kind === 'schedule') return;
      const tenantId = data.kind === 'run' ? data.run.tenantId : data.tenantId;
      const executionId = data.kind === 'run' ? data.run.executionId : data.executionId;
      const lease = await fence.acquire(tenantId, executionId);
      if (!lease) return;
      try {
        const execution = await storage.executions.get(tenantId, executionId);
        if (execution?.status !== 'running') return;
        await storage.executions.finish(tenantId, executionId, {
          status: 'crashed',
          finishedAt: new Date().toISOString(),
          error: {
            name: 'FlowloomError',
            code: 'EXECUTION_CRASHED',
            message: `The execution's job failed ${job?.attemptsMade ?? 0} times (${job?.failedReason ?? 'no reason given'}). The nodes that finished are kept; retry it to continue from the interrupted node.`,
          },
        });
        logger.error(`Execution '${executionId}' is marked crashed: its job failed for good.`);
      } finally {
        await lease.release();
      }
    })().catch((error: unknown) => logger.error(`The failed job '${jobId}' could not be looked at.`, { error: String(error) }));
  });
}
