import { FlowloomError, type ActivationSummary, type Engine, type Logger, type Workflow } from '@flowloom/engine';
import type { ActivationStore } from '../routes/activation-store.js';
import { channelsOf } from './execution-jobs.js';
import type { ExecutionQueue } from './execution-queue.js';
import type { ActivationRecords } from './postgres-server-stores.js';
import type { RedisChannels } from './redis-channels.js';

/** The message processes get when a workflow was activated or deactivated. */
interface ActivationMessage {
  tenantId: string;
  workflowId: string;
}

/**
 * Active workflows shared by every process: main records each activation
 * (the document and its Schedule Triggers) in PostgreSQL, turns each Schedule
 * Trigger into a job scheduler of the queue, so each tick fires once in the
 * whole installation, and tells the other processes over Redis. Webhook
 * processes follow with `followActivations`.
 */
export class SharedActivations {
  readonly #records: ActivationRecords;
  readonly #queue: ExecutionQueue;
  readonly #channels: RedisChannels;
  readonly #channel: string;

  constructor(records: ActivationRecords, queue: ExecutionQueue, channels: RedisChannels, prefix: string) {
    this.#records = records;
    this.#queue = queue;
    this.#channels = channels;
    this.#channel = channelsOf(prefix).activations;
  }

  /**
   * Records what `engine.activate` set up: the document, its schedules as job
   * schedulers (those of nodes no longer scheduled removed), and the news.
   * Refuses polling triggers, which queue mode does not run yet.
   */
  async record(tenantId: string, workflow: Workflow, summary: ActivationSummary): Promise<void> {
    if (summary.polls.length > 0) {
      const node = workflow.nodes.find((n) => n.id === summary.polls[0]!.nodeId);
      throw new FlowloomError(
        'ACTIVATION_FAILED',
        `Node '${node?.name ?? summary.polls[0]!.nodeId}': polling triggers do not run in queue mode yet; use a webhook trigger or a Schedule Trigger with an HTTP Request.`,
      );
    }
    const scheduled = summary.schedules.map((s) => s.nodeId);
    const { before } = await this.#records.put(tenantId, workflow, scheduled);
    for (const s of summary.schedules) await this.#queue.schedule(tenantId, workflow.id, s.nodeId, s.rule);
    for (const nodeId of before) if (!scheduled.includes(nodeId)) await this.#queue.unschedule(tenantId, workflow.id, nodeId);
    await this.#tell({ tenantId, workflowId: workflow.id });
  }

  /** Forgets an activation: its record, its job schedulers, and the news. Whether it was active. */
  async forget(tenantId: string, workflowId: string): Promise<boolean> {
    const removed = await this.#records.remove(tenantId, workflowId);
    for (const nodeId of removed?.schedules ?? []) await this.#queue.unschedule(tenantId, workflowId, nodeId);
    await this.#tell({ tenantId, workflowId });
    return removed !== undefined;
  }

  async #tell(message: ActivationMessage): Promise<void> {
    await this.#channels.publish(this.#channel, message);
  }

  /**
   * The activation store of main's API: `Activations` lists it to activate
   * again after a restart and removes what it deactivates; `record` has
   * written each activation already when `add` is called.
   */
  store(): ActivationStore {
    return {
      list: async () => (await this.#records.list()).map(({ tenantId, workflowId }) => ({ tenantId, workflowId })),
      add: async () => {},
      remove: async (tenantId, workflowId) => void (await this.forget(tenantId, workflowId)),
    };
  }
}

/** A process that answers webhooks keeping its engine's routes in step with the shared activations. */
export interface ActivationFollower {
  /** Routes again the tenant's webhooks from the records (a call found no route: an activation may be newer than the news). */
  refreshTenant(tenantId: string): Promise<void>;
  stop(): void;
}

/**
 * Activates in `engine` every workflow the records hold, then follows the
 * news: each message re-reads that workflow's record, and a reconnection to
 * Redis (news may have been missed) reads them all again. Routes only: the
 * engine's own scheduler is never started here.
 */
export async function followActivations(
  engine: Engine,
  records: ActivationRecords,
  channels: RedisChannels,
  prefix: string,
  logger: Logger,
): Promise<ActivationFollower> {
  const versions = new Map<string, number>();
  const key = (tenantId: string, workflowId: string) => `${tenantId}\u0000${workflowId}`;
  const refresh = async (tenantId: string, workflowId: string) => {
    const record = await records.get(tenantId, workflowId);
    const k = key(tenantId, workflowId);
    if (!record) {
      if (versions.delete(k)) engine.deactivate(workflowId, { tenantId });
      return;
    }
    if (versions.get(k) === record.version) return;
    try {
      await engine.activate(record.workflow, { tenantId });
      versions.set(k, record.version);
    } catch (error) {
      logger.error(`Workflow '${workflowId}' of tenant '${tenantId}' could not be routed here.`, { error: (error as Error).message });
    }
  };
  const refreshTenant = async (tenantId: string) => {
    const current = await records.listTenant(tenantId);
    const seen = new Set(current.map((r) => key(r.tenantId, r.workflowId)));
    for (const r of current) if (versions.get(key(r.tenantId, r.workflowId)) !== r.version) await refresh(r.tenantId, r.workflowId);
    for (const k of [...versions.keys()]) {
      const [t, w] = k.split('\u0000') as [string, string];
      if (t === tenantId && !seen.has(k)) await refresh(t, w);
    }
  };
  const refreshAll = async () => {
    const all = await records.list();
    const tenants = new Set([...all.map((r) => r.tenantId), ...[...versions.keys()].map((k) => k.split('\u0000')[0]!)]);
    for (const tenantId of tenants) await refreshTenant(tenantId);
  };
  const stopListening = await channels.listen(channelsOf(prefix).activations, (message) => {
    const { tenantId, workflowId } = message as ActivationMessage;
    refresh(tenantId, workflowId).catch((error: unknown) =>
      logger.error(`The activation of workflow '${workflowId}' could not be read.`, { error: String(error) }),
    );
  });
  const stopReconnect = channels.onReconnect(() => {
    refreshAll().catch((error: unknown) => logger.error('The active workflows could not be read again.', { error: String(error) }));
  });
  await refreshAll();
  return {
    refreshTenant,
    stop() {
      stopListening();
      stopReconnect();
    },
  };
}
