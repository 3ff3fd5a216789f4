import { describeValue } from '../errors/describe-value.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { OptionError } from '../errors/option.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { Workflow } from '../model/workflow.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import type { WebhookRunOutcome } from '../nodes/define-node.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { lastNodeOutput } from './sub-workflows.js';
import { CallerChecks } from './webhook-auth.js';
import { errorResponse, jsonResponse, replyToResponse } from './webhook-reply.js';
import { WebhookBodyError } from './webhook-body.error.js';
import { DEFAULT_REDACTED_HEADERS, requestToItem, sensitiveHeaderValues } from './webhook-request.js';
import { webhookMethods, webhookProperties, type WebhookParameters } from '../nodes/trigger/webhook.js';
import { nextFormPageReply } from '../nodes/trigger/form/form-wait.js';

/** Where the engine serves webhooks (`createEngine({ webhooks })`). */
export interface WebhookOptions {
  /** Path prefix of workflow webhooks (default `/webhook`): a node with path `orders` answers `/webhook/orders`. */
  basePath?: string;
  /** Path prefix of resume calls for waiting executions (default `/webhook-waiting`): `/webhook-waiting/<execution id>`. */
  waitingPath?: string;
  /**
   * Request headers whose values the execution history and events never
   * keep (default: `authorization`, `cookie`, `proxy-authorization`,
   * `x-api-key`): they are replaced with `__redacted__` in the stored trigger
   * item and wherever the run copies them. The workflow still reads them while
   * it runs (to check a caller's key, say). Names are case-insensitive; `[]`
   * keeps every header.
   */
  redactHeaders?: readonly string[];
}

/** What `engine.handleWebhook` takes besides the call. */
export interface WebhookCallOptions {
  /** The tenant whose workflows answer (default: the engine's `tenantId`). */
  tenantId?: string;
  /**
   * The path to route the call by (`/webhook/orders/7`), when it is not the
   * path of the request's URL: a host that serves webhooks under a prefix of
   * its own (`/t/acme/webhook/orders/7`) passes the request as it came, with
   * the path after its prefix. The query still comes from the URL.
   */
  path?: string;
}

const WEBHOOK_CALL_OPTIONS: OptionSpec<WebhookCallOptions> = { tenantId: true, path: true };

/** Checks the options of `engine.handleWebhook`: keys it knows, and a `path` that is one. */
export function checkWebhookCallOptions(options: WebhookCallOptions | undefined): void {
  checkOptions('engine.handleWebhook', options, WEBHOOK_CALL_OPTIONS);
  const path: unknown = options?.path;
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new OptionError(
      'OPTION_INVALID',
      'engine.handleWebhook',
      'path',
      `engine.handleWebhook: path must be the call's path, starting with '/', got ${describeValue(path)}.`,
    );
  }
}

/** How a webhook answers: at once, with the last node's output, or from a Respond to Webhook node. */
export type WebhookResponseMode = 'onReceived' | 'lastNode' | 'responseNode';

/** The settings of one listening Webhook node, as the router keeps them. */
export interface WebhookListener {
  tenantId: string;
  workflow: Workflow;
  nodeId: string;
  method: string;
  /** Path segments; `:name` segments match anything and are passed as `params.name`. */
  segments: string[];
  responseMode: WebhookResponseMode;
  responseCode: number;
  responseData: 'firstEntryJson' | 'allEntries' | 'noData';
  /** A service's trigger: the credential that checks each call's signature. */
  verifyWith?: string;
  /** A service's trigger: answers a call at once (a URL check, a form page) instead of running. */
  handshake?: (call: Record<string, unknown>, binary: Item['binary']) => WebhookReply | undefined;
  /** A service's trigger: whether a verified call starts a run. */
  accepts?: (call: Record<string, unknown>) => boolean;
  /** A service's trigger: the answer to a call that starts a run, instead of `{ executionId }`. */
  accepted?: WebhookReply;
  /** A service's trigger in `lastNode` mode: the answer once the run has ended, instead of the last node's JSON. */
  completed?: (outcome: WebhookRunOutcome) => WebhookReply | undefined;
  /**
   * A Form Trigger that Form nodes follow: whatever its response mode, a
   * call is answered once the run has gone as far as it can, with a
   * redirect to the next page when it waits on one, the form's ending when
   * a Form node gave it, else as in `lastNode` mode.
   */
  formPages?: boolean;
}

/** What the router needs to resume waiting executions. */
export interface WaitingResumer {
  /** `path`: the call's path, when not the request URL's (see `WebhookCallOptions.path`). */
  resumeByWebhook(
    tenantId: string,
    executionId: string,
    request: Request,
    redactHeaders: readonly string[],
    path?: string,
  ): Promise<Response>;
}

/** Splits a path into segments without empty ones. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** A field of a JSON value by dotted path (`data.items.0`); undefined when it is not there. */
function fieldAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function matches(segments: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const p = path[i]!;
    if (s.startsWith(':')) params[s.slice(1)] = decodeURIComponent(p);
    else if (s !== p) return undefined;
  }
  return params;
}

/**
 * Routes webhook calls (Fetch API `Request` in, `Response` out) to the
 * workflows listening there, per tenant, and answers them in the listener's
 * response mode.
 */
export class WebhookRouter {
  readonly #listeners: WebhookListener[] = [];
  /** The Webhook node's own options of each listener (none for a service's trigger). */
  readonly #nodeOptions = new WeakMap<WebhookListener, WebhookParameters | null>();
  readonly #basePath: string[];
  readonly #waitingPath: string[];
  readonly #callers: CallerChecks;

  constructor(
    private readonly engine: EngineInternals,
    private readonly waits: WaitingResumer,
    options: WebhookOptions = {},
  ) {
    this.#basePath = pathSegments(options.basePath ?? '/webhook');
    this.#waitingPath = pathSegments(options.waitingPath ?? '/webhook-waiting');
    this.redactHeaders = (options.redactHeaders ?? DEFAULT_REDACTED_HEADERS).map((h) => h.toLowerCase());
    this.#callers = new CallerChecks(engine);
  }

  /** The request headers whose values runs do not keep. */
  readonly redactHeaders: readonly string[];

  /**
   * The options a core Webhook node sets beyond what the listener holds
   * (several methods, the raw body, how the answer is written), read from
   * its parameters once.
   */
  #optionsOf(listener: WebhookListener): WebhookParameters | null {
    let options = this.#nodeOptions.get(listener);
    if (options === undefined) {
      const node = listener.workflow.nodes.find((n) => n.id === listener.nodeId);
      const parsed = node?.type === 'core.webhook' ? webhookProperties.safeParse(node.parameters) : undefined;
      options = parsed?.success ? parsed.data : null;
      this.#nodeOptions.set(listener, options);
    }
    return options;
  }

  /** The methods a listener answers. */
  #methodsOf(listener: WebhookListener): readonly string[] {
    const options = this.#optionsOf(listener);
    return options ? webhookMethods(options) : [listener.method];
  }

  /**
   * Adds a workflow's listeners, replacing that workflow's earlier ones;
   * refuses a method + path another workflow holds, and a node that asks for
   * authentication without a credential to check calls with.
   */
  register(tenantId: string, workflowId: string, listeners: WebhookListener[]): void {
    for (const l of listeners) {
      this.#callers.of(l);
      for (const method of this.#methodsOf(l)) {
        const taken = this.#listeners.find(
          (o) =>
            o.tenantId === tenantId &&
            o.workflow.id !== workflowId &&
            this.#methodsOf(o).includes(method) &&
            o.segments.join('/') === l.segments.join('/'),
        );
        if (taken) {
          throw new FlowloomError(
            'WEBHOOK_CONFLICT',
            `Webhook ${method} /${l.segments.join('/')} is already used by workflow '${taken.workflow.name || taken.workflow.id}'; choose another path or method.`,
          );
        }
      }
    }
    this.unregister(tenantId, workflowId);
    this.#listeners.push(...listeners);
  }

  /** Removes a workflow's listeners. */
  unregister(tenantId: string, workflowId: string): void {
    for (let i = this.#listeners.length - 1; i >= 0; i--) {
      const l = this.#listeners[i]!;
      if (l.tenantId === tenantId && l.workflow.id === workflowId) this.#listeners.splice(i, 1);
    }
  }

  /** Every registered listener (for tests and admin screens). */
  listeners(tenantId: string): readonly WebhookListener[] {
    return this.#listeners.filter((l) => l.tenantId === tenantId);
  }

  /** Answers one call, routed by `pathname` when given, else by its URL; never rejects (an unexpected failure is a 500 JSON error, logged). */
  async handle(request: Request, tenantId: string, pathname?: string): Promise<Response> {
    try {
      return await this.#handle(request, tenantId, pathname);
    } catch (error) {
      this.engine.logger.error('A webhook call could not be handled.', { error: String(error) });
      return errorResponse(500, 'INTERNAL_ERROR', `The webhook call could not be handled: ${(error as Error).message}`);
    }
  }

  async #handle(request: Request, tenantId: string, given: string | undefined): Promise<Response> {
    let pathname: string;
    try {
      pathname = given ?? new URL(request.url).pathname;
    } catch {
      return errorResponse(400, 'BAD_REQUEST', 'The request URL is not valid.');
    }
    const path = pathSegments(pathname);
    const under = (prefix: string[]) => prefix.every((s, i) => path[i] === s);
    if (under(this.#waitingPath) && path.length === this.#waitingPath.length + 1) {
      return this.waits.resumeByWebhook(tenantId, decodeURIComponent(path[path.length - 1]!), request, this.redactHeaders, given);
    }
    if (!under(this.#basePath)) return this.#notFound(pathname);
    const rest = path.slice(this.#basePath.length);
    const found: { listener: WebhookListener; params: Record<string, string> }[] = [];
    for (const l of this.#listeners) {
      if (l.tenantId !== tenantId) continue;
      const params = matches(l.segments, rest);
      if (params) found.push({ listener: l, params });
    }
    if (found.length === 0) return this.#notFound(pathname);
    // A literal path beats one with `:params`.
    const forMethod = found
      .filter((f) => this.#methodsOf(f.listener).includes(request.method))
      .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length)[0];
    if (!forMethod) {
      const allowed = [...new Set(found.flatMap((f) => this.#methodsOf(f.listener)))].sort().join(', ');
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${pathname}; use ${allowed}.`, {
        allow: allowed,
      });
    }
    return this.#run(forMethod.listener, request, rest.join('/'), forMethod.params);
  }

  #notFound(path: string): Response {
    return errorResponse(404, 'WEBHOOK_NOT_FOUND', `No active workflow listens on ${path}.`);
  }

  async #run(listener: WebhookListener, request: Request, path: string, params: Record<string, string>): Promise<Response> {
    // A Webhook or Form Trigger's own authentication: checked before the body is read or anything is recorded.
    const checked = await this.#callers.check(listener, request, path);
    if (checked instanceof Response) return checked;
    if (listener.verifyWith) {
      // The signature covers the body as sent: check the bytes before anything parses them.
      const body = new Uint8Array(await request.clone().arrayBuffer());
      const refused = await this.engine.verifyWebhook(listener.tenantId, listener.verifyWith, {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
      });
      if (refused !== undefined) {
        this.engine.logger.warn(`A webhook call to /${path} was refused: ${refused}`, {
          workflowId: listener.workflow.id,
          nodeId: listener.nodeId,
        });
        return errorResponse(401, 'WEBHOOK_SIGNATURE_INVALID', `The call was refused: ${refused}`);
      }
    }
    let item;
    try {
      item = await requestToItem(request, { path, params, rawBody: this.#optionsOf(listener)?.rawBody === true });
    } catch (error) {
      if (error instanceof WebhookBodyError) return errorResponse(400, 'BAD_REQUEST', error.message);
      throw error;
    }
    const handshake = listener.handshake?.(item.json, item.binary);
    if (handshake) return replyToResponse(handshake);
    if (listener.accepts && !listener.accepts(item.json)) return jsonResponse(200, { ignored: true });
    const executionId = this.engine.newId();
    let answer: ((response: Response) => void) | undefined;
    const answered = new Promise<Response>((resolve) => (answer = resolve));
    let replied = false;
    const respond =
      listener.responseMode === 'responseNode' || listener.formPages
        ? (reply: WebhookReply) => {
            if (replied) return false;
            replied = true;
            answer!(replyToResponse(reply));
            return true;
          }
        : undefined;
    const running = this.engine.execute(listener.workflow, {
      tenantId: listener.tenantId,
      mode: 'webhook',
      startNode: listener.nodeId,
      input: [item],
      executionId,
      redactValues: [...sensitiveHeaderValues(item, this.redactHeaders), ...sensitiveHeaderValues(item, checked)],
      ...(respond ? { respond } : {}),
    });
    if (listener.formPages) {
      // From `<base>/<path>` to `<waiting path>/<id>`, relative, so it holds wherever the host mounts webhooks.
      const up = '../'.repeat(this.#basePath.length + pathSegments(path).length - 1);
      const nextPage = `${up}${this.#waitingPath.join('/')}/${encodeURIComponent(executionId)}`;
      const settled = running.then(
        (execution) => {
          const next = nextFormPageReply(execution, nextPage);
          return next ? replyToResponse(next) : this.#finalResponse({ ...listener, responseMode: 'lastNode' }, execution);
        },
        (error: unknown) => errorResponse(500, 'EXECUTION_FAILED', `The workflow could not run: ${(error as Error).message}`),
      );
      return Promise.race([answered, settled]);
    }
    if (listener.responseMode === 'onReceived') {
      running.catch((error: unknown) => this.engine.logger.error(`Webhook execution '${executionId}' failed to start.`, { error }));
      if (listener.accepted) return replyToResponse(listener.accepted);
      return this.#answer(listener, listener.responseCode, { executionId }, {});
    }
    const finished = running.then(
      (execution) => this.#finalResponse(listener, execution),
      (error: unknown) => errorResponse(500, 'EXECUTION_FAILED', `The workflow could not run: ${(error as Error).message}`),
    );
    if (listener.responseMode === 'lastNode') return finished;
    // responseNode: whichever comes first, the node's answer or the end of the run.
    return Promise.race([answered, finished]);
  }

  #finalResponse(listener: WebhookListener, execution: Execution): Response {
    const id = { 'x-flowloom-execution-id': execution.id };
    const failed = execution.status === 'error' || execution.status === 'canceled' || execution.status === 'crashed';
    const error = { code: execution.error?.code ?? 'EXECUTION_FAILED', message: execution.error?.message ?? 'The workflow failed.' };
    if (execution.status === 'waiting') return jsonResponse(202, { executionId: execution.id, status: 'waiting' }, id);
    if (listener.completed && listener.responseMode === 'lastNode') {
      const reply = listener.completed({
        executionId: execution.id,
        status: failed ? (execution.status as 'error' | 'canceled' | 'crashed') : 'success',
        items: failed ? [] : lastNodeOutput(execution),
        ...(failed ? { error } : {}),
      });
      if (reply) return replyToResponse({ ...reply, headers: { ...reply.headers, ...id } });
    }
    if (failed) return jsonResponse(500, { error, executionId: execution.id }, id);
    if (listener.responseMode === 'responseNode') {
      return errorResponse(500, 'NO_WEBHOOK_RESPONSE', 'The workflow finished without reaching a Respond to Webhook node.', id);
    }
    const items = lastNodeOutput(execution);
    if (listener.responseData === 'noData') return this.#answer(listener, listener.responseCode, undefined, id);
    if (listener.responseData === 'allEntries')
      return this.#answer(
        listener,
        listener.responseCode,
        items.map((i) => i.json),
        id,
      );
    const first = items[0]?.json ?? {};
    const property = this.#optionsOf(listener)?.responsePropertyName;
    return this.#answer(listener, listener.responseCode, property ? fieldAt(first, property) : first, id);
  }

  /**
   * A Webhook node's answer: `body` as JSON, or as it is when it is text and
   * the node sets a content type, as an option or among its response headers
   * (an HTML page, an XML document); no body
   * when undefined. The node's response headers come first, so the
   * execution id header stays the engine's.
   */
  #answer(listener: WebhookListener, status: number, body: unknown, own: Record<string, string>): Response {
    const options = this.#optionsOf(listener);
    const headers = new Headers();
    for (const h of options?.responseHeaders ?? []) headers.set(h.name, h.value);
    for (const [name, value] of Object.entries(own)) headers.set(name, value);
    // A Content-Type among the response headers says the same as the content type option.
    const contentType = options?.responseContentType ?? headers.get('content-type') ?? undefined;
    if (body === undefined) return new Response(null, { status, headers });
    if (typeof body === 'string' && contentType) {
      headers.set('content-type', contentType);
      return new Response(body, { status, headers });
    }
    headers.set('content-type', contentType ?? 'application/json; charset=utf-8');
    return new Response(JSON.stringify(body), { status, headers });
  }
}
