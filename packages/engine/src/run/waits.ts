import { FlowloomError } from '../errors/flowloom.error.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { ResumeInfo } from '../model/execution-wait.js';
import { errorResponse, jsonResponse } from './webhook-reply.js';
import { WebhookBodyError } from './webhook-body.error.js';
import { requestToItem, sensitiveHeaderValues } from './webhook-request.js';
import type { WaitingResumer } from './webhooks.js';

const key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

/**
 * Keeps track of `waiting` executions and resumes them: at their `resumeAt`
 * time while the scheduler runs, or on a call to their resume webhook.
 * The wait state is read from storage (`execution.wait`), so another engine
 * instance over the same persistent storage resumes them after a restart;
 * a copy is kept in memory for storages that do not keep it.
 */
export class WaitingExecutions implements WaitingResumer {
  readonly #known = new Map<string, Execution>();
  readonly #timers = new Map<string, () => void>();
  readonly #claimed = new Set<string>();
  #running = false;

  constructor(private readonly engine: EngineInternals) {}

  /** Remembers an execution that started waiting, and sets its timer when the scheduler runs. */
  track(execution: Execution): void {
    if (execution.status !== 'waiting' || !execution.wait) return;
    const k = key(execution.tenantId, execution.id);
    this.#known.set(k, execution);
    if (this.#running) this.#arm(execution);
  }

  #arm(execution: Execution): void {
    const resumeAt = execution.wait?.resumeAt;
    if (resumeAt === undefined) return;
    const k = key(execution.tenantId, execution.id);
    this.#timers.get(k)?.();
    const delay = Math.max(0, Date.parse(resumeAt) - this.engine.clock.now());
    this.#timers.set(
      k,
      this.engine.clock.setTimer(delay, () => {
        this.#timers.delete(k);
        this.engine
          .background(this.resume(execution.tenantId, execution.id, { reason: 'time' }))
          .catch((error: unknown) => this.engine.logger.error(`Could not resume execution '${execution.id}'.`, { error: String(error) }));
      }),
    );
  }

  /** Loads waiting executions from storage (all tenants it knows) and arms their timers. */
  async start(tenants: Iterable<string>): Promise<void> {
    this.#running = true;
    const store = this.engine.storage.executions;
    const all = new Set(tenants);
    if (typeof store.tenants === 'function') for (const t of await store.tenants()) all.add(t);
    for (const tenantId of all) {
      const waiting = await store.list(tenantId, { status: 'waiting', limit: 1000 });
      for (const summary of waiting) {
        const k = key(tenantId, summary.id);
        if (this.#known.has(k)) continue;
        const execution = await store.get(tenantId, summary.id);
        if (execution?.status === 'waiting' && execution.wait) this.#known.set(k, execution);
      }
    }
    for (const execution of this.#known.values()) this.#arm(execution);
  }

  /** Cancels the timers; waiting executions stay stored. */
  stop(): void {
    this.#running = false;
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  /**
   * Continues a waiting execution now. Rejects when it does not exist, is not
   * waiting, or is being resumed already.
   */
  async resume(tenantId: string, executionId: string, info: ResumeInfo, redactValues: readonly string[] = []): Promise<Execution> {
    const k = key(tenantId, executionId);
    if (this.#claimed.has(k)) throw new FlowloomError('NOT_WAITING', `Execution '${executionId}' is being resumed already.`);
    this.#claimed.add(k);
    try {
      const stored = await this.engine.storage.executions.get(tenantId, executionId);
      if (!stored) throw new FlowloomError('NOT_FOUND', `Execution '${executionId}' was not found.`);
      if (stored.status !== 'waiting') {
        throw new FlowloomError('NOT_WAITING', `Execution '${executionId}' is not waiting (its status is '${stored.status}').`);
      }
      const wait = stored.wait ?? this.#known.get(k)?.wait;
      if (!wait) {
        throw new FlowloomError(
          'WAIT_STATE_MISSING',
          `Execution '${executionId}' is waiting but its storage did not keep what it waits for, so it cannot be resumed.`,
        );
      }
      this.#timers.get(k)?.();
      this.#timers.delete(k);
      this.#known.delete(k);
      const execution = await this.engine.execute(wait.workflow, {
        tenantId,
        mode: stored.mode,
        depth: wait.depth,
        resume: { execution: { ...stored, wait }, wait, info },
        ...(redactValues.length > 0 ? { redactValues } : {}),
      });
      this.track(execution);
      return execution;
    } finally {
      this.#claimed.delete(k);
    }
  }

  async resumeByWebhook(
    tenantId: string,
    executionId: string,
    request: Request,
    redactHeaders: readonly string[],
    path?: string,
  ): Promise<Response> {
    const stored = await this.engine.storage.executions.get(tenantId, executionId);
    const k = key(tenantId, executionId);
    const wait = stored?.wait ?? this.#known.get(k)?.wait;
    if (!stored || stored.status !== 'waiting' || !wait?.webhook || this.#claimed.has(k)) {
      return errorResponse(404, 'WEBHOOK_NOT_FOUND', `No execution '${executionId}' is waiting for a webhook call.`);
    }
    if (wait.webhook.method !== request.method) {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `Execution '${executionId}' is resumed with ${wait.webhook.method}.`, {
        allow: wait.webhook.method,
      });
    }
    let item;
    try {
      item = await requestToItem(request, { path: path ?? new URL(request.url).pathname, params: {} });
    } catch (error) {
      if (error instanceof WebhookBodyError) return errorResponse(400, 'BAD_REQUEST', error.message);
      throw error;
    }
    this.engine
      .background(this.resume(tenantId, executionId, { reason: 'webhook', item }, sensitiveHeaderValues(item, redactHeaders)))
      .catch((error: unknown) => this.engine.logger.error(`Could not resume execution '${executionId}'.`, { error: String(error) }));
    return jsonResponse(200, { executionId, resumed: true });
  }
}
