import { FlowloomError } from '../errors/flowloom.error.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { ResumeInfo } from '../model/execution-wait.js';
import type { Item } from '../model/item.js';
import type { WebhookReply } from '../nodes/node-services.js';
import type { FormPage } from '../nodes/trigger/form-trigger/form-page.js';
import { formEndReply, formPageCall, nextFormPageReply, waitingFormPage } from '../nodes/trigger/form/form-wait.js';
import { errorResponse, jsonResponse, replyToResponse } from './webhook-reply.js';
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
  async resume(
    tenantId: string,
    executionId: string,
    info: ResumeInfo,
    redactValues: readonly string[] = [],
    respond?: (reply: WebhookReply) => boolean,
  ): Promise<Execution> {
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
        ...(respond ? { respond } : {}),
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
    const page = waitingFormPage(wait);
    if (!page && wait.webhook.method !== request.method) {
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
    if (page) return this.#formPage(tenantId, executionId, page, item, sensitiveHeaderValues(item, redactHeaders));
    const waiting = wait.workflow.nodes.find((n) => n.id === wait.nodeId);
    if (waiting?.type === 'core.wait' && waiting.parameters.responseMode === 'responseNode') {
      return this.#answeredByNode(tenantId, executionId, item, sensitiveHeaderValues(item, redactHeaders));
    }
    this.engine
      .background(this.resume(tenantId, executionId, { reason: 'webhook', item }, sensitiveHeaderValues(item, redactHeaders)))
      .catch((error: unknown) => this.engine.logger.error(`Could not resume execution '${executionId}'.`, { error: String(error) }));
    return jsonResponse(200, { executionId, resumed: true });
  }

  /**
   * A resume call a Respond to Webhook node of the resumed run answers (a
   * Wait node's `responseMode: 'responseNode'`): the first such node's
   * answer, as soon as it runs; else, once the run stops, 202 when it waits
   * again, the error when it failed, and a 500 saying no node answered when
   * it succeeded without one.
   */
  async #answeredByNode(tenantId: string, executionId: string, call: Item, redactValues: readonly string[]): Promise<Response> {
    let answer!: (response: Response) => void;
    const answered = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    let replied = false;
    const respond = (reply: WebhookReply) => {
      if (replied) return false;
      replied = true;
      answer(replyToResponse(reply));
      return true;
    };
    const id = { 'x-flowloom-execution-id': executionId };
    const finished = this.engine
      .background(this.resume(tenantId, executionId, { reason: 'webhook', item: call }, redactValues, respond))
      .then(
        (execution) => {
          if (execution.status === 'waiting') return jsonResponse(202, { executionId, status: 'waiting' }, id);
          if (execution.status !== 'success') {
            const error = {
              code: execution.error?.code ?? 'EXECUTION_FAILED',
              message: execution.error?.message ?? 'The workflow failed.',
            };
            return jsonResponse(500, { error, executionId }, id);
          }
          return errorResponse(500, 'NO_WEBHOOK_RESPONSE', 'The workflow finished without reaching a Respond to Webhook node.', id);
        },
        (error: unknown) => {
          if (error instanceof FlowloomError && error.code === 'NOT_WAITING') return errorResponse(409, 'NOT_WAITING', error.message);
          throw error;
        },
      );
    return Promise.race([answered, finished]);
  }

  /**
   * A call to the resume URL of an execution waiting on a Form node's page:
   * the page, the page again with what is wrong, or, once a valid one was
   * sent, the run goes on and the browser is sent where it leads (the next
   * page, the form's ending).
   */
  async #formPage(tenantId: string, executionId: string, page: FormPage, call: Item, redactValues: readonly string[]): Promise<Response> {
    const sent = formPageCall(page, call, this.engine.clock.now());
    if ('reply' in sent) return replyToResponse(sent.reply);
    // A Form node ending the form answers through `respond`, as Respond to Webhook answers a trigger's call,
    // and the browser need not wait for the rest of the run.
    let answer!: (reply: WebhookReply) => void;
    const ended = new Promise<WebhookReply>((resolve) => {
      answer = resolve;
    });
    let replied = false;
    const respond = (reply: WebhookReply) => {
      if (replied) return false;
      replied = true;
      answer(reply);
      return true;
    };
    const resumed = this.engine
      .background(this.resume(tenantId, executionId, { reason: 'webhook', item: sent.answers }, redactValues, respond))
      .then(
        // The resume URL of the next page is this one: `<id>` resolves to it from here.
        (execution) => nextFormPageReply(execution, encodeURIComponent(executionId)) ?? formEndReply(page, execution),
        (error: unknown): WebhookReply => {
          if (error instanceof FlowloomError && error.code === 'NOT_WAITING') {
            return { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'This page was sent already.' };
          }
          throw error;
        },
      );
    return replyToResponse(await Promise.race([ended, resumed]));
  }
}
