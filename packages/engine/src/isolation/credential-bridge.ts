import type { CredentialRelay } from '../credentials/credential-relay.js';
import { abortError } from '../errors/canceled.error.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { NodeExecutionError, serializeError } from '../errors/node-execution.error.js';
import { NetworkError, type NetworkErrorCode } from '../ports/network.error.js';
import { WorkerError } from '../workers/worker.error.js';
import type {
  CredentialCall,
  CrossingError,
  ExecutionHostMessage,
  ExecutionWorkerMessage,
  RelayedRequest,
  RelayedResponse,
} from './execution-protocol.js';

/** Statuses whose responses have no body (a `Response` with one cannot be built). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

type HostReply = Extract<ExecutionHostMessage, { type: 'credential-result' | 'credential-chunk' }>;
type Answer = Extract<HostReply, { type: 'credential-result'; ok: true }>;
type WorkerCall = Extract<ExecutionWorkerMessage, { type: 'credential' | 'credential-abort' | 'credential-pull' | 'credential-cancel' }>;

/** Whether a worker message belongs to the credential bridge. */
export function isCredentialCall(message: ExecutionWorkerMessage): message is WorkerCall {
  return message.type.startsWith('credential');
}

/** Whether a host message belongs to the credential bridge. */
export function isCredentialReply(message: ExecutionHostMessage): message is HostReply {
  return message.type === 'credential-result' || message.type === 'credential-chunk';
}

interface Pending {
  settle(reply: Extract<HostReply, { type: 'credential-result' }>): void;
  chunk?(reply: Extract<HostReply, { type: 'credential-chunk' }>): void;
}

/**
 * The worker's end: a `CredentialRelay` whose calls are messages to the host.
 * A request crosses as plain data (its body as text or bytes); the answer
 * comes back as a head, then its body one chunk per read, so the host never
 * holds more than a chunk of it. Aborting the request's signal aborts it on
 * the host too. A credential's fields (`ctx.credentialData`) come back whole.
 */
export function relayToHost(post: (message: ExecutionWorkerMessage) => void): {
  relay: CredentialRelay;
  receive(message: HostReply): void;
} {
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const call = (message: CredentialCall, signals: (AbortSignal | null | undefined)[], onSettled?: (id: number) => Pending['chunk']) =>
    new Promise<Answer>((resolve, reject) => {
      const id = nextId++;
      const live = signals.filter((s): s is AbortSignal => !!s);
      const aborted = live.find((s) => s.aborted);
      if (aborted) return reject(abortError(aborted));
      const stop = () => live.forEach((s) => s.removeEventListener('abort', onAbort));
      const onAbort = () => {
        stop();
        pending.delete(id);
        post({ type: 'credential-abort', id });
        reject(abortError(live.find((s) => s.aborted)!));
      };
      live.forEach((s) => s.addEventListener('abort', onAbort, { once: true }));
      pending.set(id, {
        settle(reply) {
          stop();
          if (!reply.ok) {
            pending.delete(id);
            reject(rebuildError(reply.error));
            return;
          }
          const chunk = reply.response?.hasBody ? onSettled?.(id) : undefined;
          if (chunk) pending.set(id, { settle: () => {}, chunk });
          else pending.delete(id);
          resolve(reply);
        },
      });
      post({ type: 'credential', id, call: message });
    });

  const relay: CredentialRelay = {
    async prepare(run, node) {
      await call({ op: 'prepare', run, node }, []);
    },
    async fetch(run, node, slot, input, init = {}, signal) {
      const request = await relayedRequest(input, init);
      let stream: ReadableStream<Uint8Array> | undefined;
      const { response: head } = await call({ op: 'fetch', run, node, slot, request }, [signal, init.signal], (id) => {
        const body = bodyStream(id, post, () => pending.delete(id), [signal, init.signal]);
        stream = body.stream;
        return body.chunk;
      });
      if (!head) throw new WorkerError('WORKER_PROTOCOL', 'The host answered a credential request without a response.');
      return new Response(stream ?? null, { status: head.status, statusText: head.statusText, headers: head.headers });
    },
    async data(run, node, slot, signal) {
      const { data } = await call({ op: 'data', run, node, slot }, [signal]);
      if (!data) throw new WorkerError('WORKER_PROTOCOL', "The host answered a credential's fields without them.");
      return data;
    },
  };
  return {
    relay,
    receive(message) {
      const entry = pending.get(message.id);
      if (message.type === 'credential-result') entry?.settle(message);
      else entry?.chunk?.(message);
    },
  };
}

/** A response body read from the host one chunk per pull. */
function bodyStream(
  id: number,
  post: (message: ExecutionWorkerMessage) => void,
  done: () => void,
  signals: (AbortSignal | null | undefined)[],
): { stream: ReadableStream<Uint8Array>; chunk: NonNullable<Pending['chunk']> } {
  let waiting: { controller: ReadableStreamDefaultController<Uint8Array>; resolve(): void } | undefined;
  let ended = false;
  const live = signals.filter((s): s is AbortSignal => !!s);
  const end = () => {
    ended = true;
    done();
    live.forEach((s) => s.removeEventListener('abort', onAbort));
  };
  const onAbort = () => {
    if (ended) return;
    end();
    post({ type: 'credential-cancel', id });
    waiting?.controller.error(abortError(live.find((s) => s.aborted)!));
    waiting?.resolve();
  };
  live.forEach((s) => s.addEventListener('abort', onAbort, { once: true }));
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) =>
      new Promise<void>((resolve) => {
        if (ended) return resolve();
        waiting = { controller, resolve };
        post({ type: 'credential-pull', id });
      }),
    cancel: () => {
      if (ended) return;
      end();
      post({ type: 'credential-cancel', id });
    },
  });
  return {
    stream,
    chunk(reply) {
      const current = waiting;
      waiting = undefined;
      if (!current) return;
      if (reply.error !== undefined) {
        end();
        current.controller.error(new NetworkError('REQUEST_FAILED', reply.error));
      } else {
        if (reply.chunk) current.controller.enqueue(reply.chunk);
        if (reply.done) {
          end();
          current.controller.close();
        }
      }
      current.resolve();
    },
  };
}

/** A request as plain data: the body read to text or bytes, with the content type its kind implies (form, multipart...). */
async function relayedRequest(input: string | URL, init: RequestInit): Promise<RelayedRequest> {
  const url = String(input);
  const method = (init.method ?? 'GET').toUpperCase();
  const out: RelayedRequest = { url, method, headers: [], body: null, ...(init.redirect ? { redirect: init.redirect } : {}) };
  let headers = new Headers(init.headers);
  if (typeof init.body === 'string') out.body = init.body;
  else if (init.body !== undefined && init.body !== null) {
    const request = new Request(url, { method, headers: init.headers ?? {}, body: init.body });
    out.body = new Uint8Array(await request.arrayBuffer());
    headers = request.headers;
  }
  headers.forEach((value, key) => out.headers.push([key, value]));
  return out;
}

/**
 * The host's error, as the worker throws it. Network errors stay network
 * errors (the HTTP Request node retries them); anything else the host threw
 * that was not a Flowloom error came from its fetch, and is one too.
 */
function rebuildError(error: CrossingError): FlowloomError {
  if (error.name === 'NodeExecutionError')
    return new NodeExecutionError(error.message, { code: error.code, retryable: error.retryable ?? false });
  if (error.name === 'NetworkError') return new NetworkError(error.code as NetworkErrorCode, error.message);
  if (error.code !== 'NODE_FAILED') return new FlowloomError(error.code, error.message);
  return new NetworkError('REQUEST_FAILED', error.message);
}

function crossingError(error: unknown): CrossingError {
  const out: CrossingError = serializeError(error);
  const plain: CrossingError = { name: out.name, code: out.code, message: out.message };
  if (error instanceof NodeExecutionError) plain.retryable = error.retryable;
  return plain;
}

/**
 * The host's end for one isolated execution: answers the worker's
 * credential calls with `relay` (the host's own manager), sends each answer's
 * body one chunk per pull, and aborts whatever is in flight on `close`.
 * Without a relay, every call fails with `CREDENTIALS_UNAVAILABLE`.
 */
export function serveCredentialCalls(
  relay: CredentialRelay | undefined,
  post: (message: ExecutionHostMessage) => void,
): { receive(message: WorkerCall): void; close(): void } {
  const inFlight = new Map<number, AbortController>();
  const bodies = new Map<number, ReadableStreamDefaultReader<Uint8Array>>();
  let closed = false;

  const answer = async (id: number, call: CredentialCall): Promise<{ response?: RelayedResponse; data?: Record<string, unknown> }> => {
    if (!relay) {
      throw new FlowloomError(
        'CREDENTIALS_UNAVAILABLE',
        `Node '${call.node.name}' uses a credential, but this isolated execution has no access to the host's credentials.`,
      );
    }
    if (call.op === 'prepare') {
      await relay.prepare(call.run, call.node);
      return {};
    }
    // The fields cross into the worker: the host's session has checked the slot, the type (readableByNodes), sharing,
    // and written the audit entry; the secrets it decrypted are redacted from everything the worker sends back.
    if (call.op === 'data') return { data: await relay.data(call.run, call.node, call.slot) };
    const controller = new AbortController();
    inFlight.set(id, controller);
    try {
      const { url, method, headers, body, redirect } = call.request;
      const init: RequestInit = { method, headers, body, ...(redirect ? { redirect } : {}) };
      const response = await relay.fetch(call.run, call.node, call.slot, url, init, controller.signal);
      const head: RelayedResponse = { status: response.status, statusText: response.statusText, headers: [], hasBody: false };
      response.headers.forEach((value, key) => head.headers.push([key, value]));
      if (response.body) {
        const reader = response.body.getReader();
        // An answer that arrives after the run ended is dropped, not held; so is the (empty) body of a status that has none.
        if (closed || NULL_BODY.has(response.status)) void reader.cancel().catch(() => {});
        else {
          head.hasBody = true;
          bodies.set(id, reader);
        }
      }
      return { response: head };
    } finally {
      inFlight.delete(id);
    }
  };

  const pull = async (id: number) => {
    const reader = bodies.get(id);
    if (!reader) return post({ type: 'credential-chunk', id, error: 'The response body is no longer available.' });
    try {
      const { done, value } = await reader.read();
      if (done) {
        bodies.delete(id);
        post({ type: 'credential-chunk', id, done: true });
      } else post({ type: 'credential-chunk', id, chunk: value });
    } catch (error) {
      bodies.delete(id);
      post({ type: 'credential-chunk', id, error: serializeError(error).message });
    }
  };

  const cancel = (id: number) => {
    inFlight.get(id)?.abort();
    inFlight.delete(id);
    void bodies
      .get(id)
      ?.cancel()
      .catch(() => {});
    bodies.delete(id);
  };

  return {
    receive(message) {
      switch (message.type) {
        case 'credential':
          answer(message.id, message.call).then(
            (answered) => post({ type: 'credential-result', id: message.id, ok: true, ...answered }),
            (error: unknown) => post({ type: 'credential-result', id: message.id, ok: false, error: crossingError(error) }),
          );
          return;
        case 'credential-pull':
          void pull(message.id);
          return;
        case 'credential-abort':
        case 'credential-cancel':
          cancel(message.id);
          return;
      }
    },
    close() {
      closed = true;
      for (const id of [...inFlight.keys(), ...bodies.keys()]) cancel(id);
    },
  };
}
