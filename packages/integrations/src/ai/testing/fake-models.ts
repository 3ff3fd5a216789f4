/**
 * A recording fake of OpenAI's Chat Completions and Embeddings APIs and
 * Anthropic's Messages API on 127.0.0.1, answering each request with the
 * next scripted reply, in the API's own wire format: text, tool calls (one
 * or several at once), server-sent events when the request asks to stream,
 * or an error status. OpenAI-compatible servers (Ollama, vLLM) speak the
 * OpenAI format, so one fake serves them too.
 *
 * The vendors' official clients (`openai`, `@anthropic-ai/sdk`) are the
 * oracle: a test sends the same logical request through the client to an
 * `oracle` server and compares the normalized requests with what Flowloom
 * sent (see `startOracle`).
 */
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { startVendorServer, type Answer, type NormalizedRequest, type VendorServer } from '../../testing/service-harness.js';

/** One scripted reply of the model. */
export type Reply =
  | { text: string; toolCalls?: undefined; usage?: { input: number; output: number } }
  | {
      toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
      text?: string;
      usage?: { input: number; output: number };
    }
  | { status: number; message?: string; retryAfter?: number };

/** The fake's server, with its script. */
export interface FakeModels extends VendorServer {
  /** Queues replies, answered in order to the requests that come (embeddings requests excepted). */
  script(...replies: Reply[]): void;
  /** Replies still queued. */
  pending(): number;
}

const DEFAULT_USAGE = { input: 10, output: 5 };

/** A deterministic embedding: words hashed into 16 counts, so texts sharing words are close. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(16).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (word.length < 3) continue;
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    vector[h % 16]! += 1;
  }
  return vector;
}

const sse = (events: { event?: string; data: unknown }[]) =>
  events
    .map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`)
    .join('');

/** Text in parts of a few characters, as a stream sends it. */
const chunks = (text: string) => text.match(/[\s\S]{1,4}/g) ?? [];

function openAiAnswer(reply: Exclude<Reply, { status: number }>, model: string, stream: boolean): Answer {
  const usage = reply.usage ?? DEFAULT_USAGE;
  const toolCalls = (reply.toolCalls ?? []).map((c) => ({
    id: c.id,
    type: 'function',
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
  const finish = toolCalls.length ? 'tool_calls' : 'stop';
  const usageJson = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
  if (!stream) {
    return {
      body: {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [
          {
            index: 0,
            finish_reason: finish,
            message: { role: 'assistant', content: reply.text ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
          },
        ],
        usage: usageJson,
      },
    };
  }
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const events: { data: unknown }[] = [
    { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
  ];
  for (const part of chunks(reply.text ?? ''))
    events.push({ data: { ...base, choices: [{ index: 0, delta: { content: part }, finish_reason: null }] } });
  toolCalls.forEach((call, index) => {
    events.push({
      data: {
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
            finish_reason: null,
          },
        ],
      },
    });
    for (const part of chunks(call.function.arguments)) {
      events.push({
        data: { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: part } }] }, finish_reason: null }] },
      });
    }
  });
  events.push({ data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] } });
  events.push({ data: { ...base, choices: [], usage: usageJson } });
  events.push({ data: '[DONE]' });
  return { headers: { 'content-type': 'text/event-stream' }, body: sse(events) };
}

function anthropicAnswer(reply: Exclude<Reply, { status: number }>, model: string, stream: boolean): Answer {
  const usage = reply.usage ?? DEFAULT_USAGE;
  type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };
  const content: Block[] = [
    ...(reply.text ? [{ type: 'text' as const, text: reply.text }] : []),
    ...(reply.toolCalls ?? []).map((c) => ({ type: 'tool_use' as const, id: c.id, name: c.name, input: c.arguments })),
  ];
  const stop = reply.toolCalls?.length ? 'tool_use' : 'end_turn';
  if (!stream) {
    return {
      body: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: stop,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: usage.output },
      },
    };
  }
  const events: { event: string; data: unknown }[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: 'msg_fake',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: 1 },
        },
      },
    },
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      });
      for (const part of chunks(block.text)) {
        events.push({
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } },
        });
      }
    } else {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
      });
      for (const part of chunks(JSON.stringify(block.input))) {
        events.push({
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } },
        });
      }
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  events.push({
    event: 'message_delta',
    data: { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output } },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return { headers: { 'content-type': 'text/event-stream' }, body: sse(events) };
}

function errorAnswer(reply: { status: number; message?: string; retryAfter?: number }, anthropic: boolean): Answer {
  const message = reply.message ?? (reply.status === 429 ? 'Rate limit reached.' : 'The server had an error.');
  return {
    status: reply.status,
    ...(reply.retryAfter === undefined ? {} : { headers: { 'retry-after': String(reply.retryAfter) } }),
    body: anthropic
      ? {
          type: 'error',
          error: { type: reply.status === 429 ? 'rate_limit_error' : reply.status === 404 ? 'not_found_error' : 'api_error', message },
        }
      : {
          error: {
            message,
            type: reply.status === 429 ? 'requests' : 'server_error',
            param: null,
            code: reply.status === 404 ? 'model_not_found' : null,
          },
        },
  };
}

function embeddingsAnswer(body: { input?: unknown; model?: unknown }): Answer {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const tokens = inputs.reduce((n, t) => n + t.split(/\s+/).length, 0);
  return {
    body: {
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

/** What any API's request body holds, parsed. */
const bodyOf = (request: SeenRequest): Record<string, unknown> => {
  try {
    return JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** Starts the fake: one server for OpenAI, Anthropic and compatible servers, told apart by path. */
export async function startFakeModels(): Promise<FakeModels> {
  const queue: Reply[] = [];
  const server = await startVendorServer(
    (request) => {
      const path = new URL(request.url, 'http://x').pathname;
      const body = bodyOf(request);
      if (path.endsWith('/embeddings')) return embeddingsAnswer(body);
      const anthropic = path.endsWith('/messages');
      const reply = queue.shift();
      if (!reply) return { status: 500, body: { error: { message: `the test scripted no reply for this request (${path})` } } };
      if ('status' in reply) return errorAnswer(reply, anthropic);
      const model = String(body['model'] ?? 'model');
      return anthropic ? anthropicAnswer(reply, model, body['stream'] === true) : openAiAnswer(reply, model, body['stream'] === true);
    },
    ['x-api-key'],
  );
  return Object.assign(server, {
    script: (...replies: Reply[]) => void queue.push(...replies),
    pending: () => queue.length,
  });
}

/**
 * A server the vendors' clients send the oracle requests to: it answers any
 * chat, message or embeddings request with a minimal valid answer, and
 * records them for `take()`.
 */
export async function startOracle(): Promise<VendorServer> {
  return startVendorServer(
    (request) => {
      const path = new URL(request.url, 'http://x').pathname;
      const body = bodyOf(request);
      if (path.endsWith('/embeddings')) return embeddingsAnswer(body);
      const anthropic = path.endsWith('/messages');
      const model = String(body['model'] ?? 'model');
      return anthropic
        ? anthropicAnswer({ text: 'ok' }, model, body['stream'] === true)
        : openAiAnswer({ text: 'ok' }, model, body['stream'] === true);
    },
    ['x-api-key'],
  );
}

/**
 * A request as both callers must agree on it: method, path, credential, and
 * the JSON body. (Headers such as the user agent or Anthropic's beta flags
 * are each client's own.)
 */
export function logical(request: NormalizedRequest): Pick<NormalizedRequest, 'method' | 'path' | 'auth' | 'contentType' | 'body'> {
  const { method, path, auth, contentType, body } = request;
  return { method, path, auth, contentType, body };
}
