import { bearerTokenOf } from '../credentials/webhook-auth-credentials.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { WEBHOOK_AUTHENTICATIONS, type WebhookAuthentication } from '../nodes/trigger/webhook.js';
import type { EngineInternals } from './engine-internals.js';
import { errorResponse } from './webhook-reply.js';
import type { Workflow } from '../model/workflow.js';

/** The node types whose `authentication` parameter says how their callers are checked. */
const CHECKED_TYPES: ReadonlySet<string> = new Set(['core.webhook', 'core.formTrigger']);

/** What the check needs of a router listener: whose node it is. */
interface Listener {
  readonly tenantId: string;
  readonly workflow: Workflow;
  readonly nodeId: string;
}

/** How calls to one listening node are checked: the way, and the credential that checks it. */
interface CallerCheck {
  authentication: WebhookAuthentication;
  credentialId: string;
}

/**
 * A copy of request headers that remembers the names read from it (`get`,
 * `has`, what a credential's check uses): the headers a credential checked
 * hold its secret (or a token made with it), so the run does not keep their
 * values.
 */
function watchedHeaders(source: Headers): { headers: Headers; read: Set<string> } {
  const headers = new Headers(source);
  const read = new Set<string>();
  const get = headers.get.bind(headers);
  const has = headers.has.bind(headers);
  Object.assign(headers, {
    get: (name: string) => (read.add(name.toLowerCase()), get(name)),
    has: (name: string) => (read.add(name.toLowerCase()), has(name)),
  });
  return { headers, read };
}

/**
 * Checks the callers of Webhook and Form Trigger nodes that ask for
 * authentication, with the credential in the node's slot of the way chosen
 * (basic auth, a header, a JWT). The check runs in the credentials layer
 * (`verifyWebhook` of the credential's type): the router never sees the
 * secret, only whether the call passes and why not.
 */
export class CallerChecks {
  readonly #checks = new WeakMap<Listener, CallerCheck | null>();

  constructor(private readonly engine: EngineInternals) {}

  /**
   * How a listener's calls are checked (null when they are not), read once
   * from its node; throws `ACTIVATION_FAILED` when the node asks for
   * authentication and its slot holds no credential, so such a workflow is
   * never served unchecked.
   */
  of(listener: Listener): CallerCheck | null {
    let check = this.#checks.get(listener);
    if (check === undefined) {
      check = checkOf(listener);
      this.#checks.set(listener, check);
    }
    return check;
  }

  /**
   * Checks one call before anything reads its body or starts a run: the
   * answer refusing it (401 with a `WWW-Authenticate` challenge when the
   * caller sent no credentials of the kind asked for, or any wrong basic
   * auth; 403 for a wrong header or token), or the names of the request
   * headers the check read, whose values the run must not record.
   */
  async check(listener: Listener, request: Request, path: string): Promise<Response | string[]> {
    const check = this.of(listener);
    if (!check) return [];
    const { headers, read } = watchedHeaders(request.headers);
    const reason = await this.engine.verifyWebhook(listener.tenantId, check.credentialId, {
      method: request.method,
      url: request.url,
      headers,
      body: new Uint8Array(0),
    });
    if (reason === undefined) return [...read];
    this.engine.logger.warn(`A webhook call to /${path} was refused: ${reason}`, {
      workflowId: listener.workflow.id,
      nodeId: listener.nodeId,
    });
    return refusal(check.authentication, request, `The call was refused: ${reason}.`);
  }
}

function checkOf(listener: Listener): CallerCheck | null {
  const node = listener.workflow.nodes.find((n) => n.id === listener.nodeId);
  if (!node || !CHECKED_TYPES.has(node.type)) return null;
  const authentication: unknown = node.parameters.authentication ?? 'none';
  if (authentication === 'none') return null;
  if (!(WEBHOOK_AUTHENTICATIONS as readonly unknown[]).includes(authentication)) {
    throw new FlowloomError(
      'ACTIVATION_FAILED',
      `Node '${node.name}': parameter 'authentication' must be one of ${WEBHOOK_AUTHENTICATIONS.join(', ')}, got ${JSON.stringify(authentication)}.`,
    );
  }
  const way = authentication as WebhookAuthentication;
  const credentialId = node.credentials?.[way];
  if (!credentialId) {
    throw new FlowloomError(
      'ACTIVATION_FAILED',
      `Node '${node.name}': parameter 'authentication' is '${way}', so choose the credential that checks calls in its slot '${way}'.`,
    );
  }
  return { authentication: way, credentialId };
}

function refusal(authentication: WebhookAuthentication, request: Request, message: string): Response {
  if (authentication === 'basicAuth') {
    return errorResponse(401, 'WEBHOOK_UNAUTHORIZED', message, { 'www-authenticate': 'Basic realm="Webhook"' });
  }
  if (authentication === 'jwtAuth' && bearerTokenOf(request.headers.get('authorization')) === undefined) {
    return errorResponse(401, 'WEBHOOK_UNAUTHORIZED', message, { 'www-authenticate': 'Bearer realm="Webhook"' });
  }
  return errorResponse(403, 'WEBHOOK_FORBIDDEN', message);
}
