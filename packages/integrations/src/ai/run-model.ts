// One conversation with a chat model, as every AI node has it: the AI SDK's generateText (or streamText) with the
// node's limits (model calls, tokens, time) on the engine's clock, each model call written to the node's record,
// and whatever goes wrong turned into an error that names the node and the parameter to change.
import { FlowloomError, NodeExecutionError, type NodeContext } from '@flowloom/engine';
import {
  APICallError,
  generateText,
  isStepCount,
  NoObjectGeneratedError,
  streamText,
  type LanguageModelCallEndEvent,
  type LanguageModelCallStartEvent,
  type LanguageModelUsage,
  type ModelMessage,
  type StepResult,
  type ToolSet,
} from 'ai';
import { costOf, pricingOf } from './prices.js';
import { aiError, type ChatModelSupply } from './supplies.js';

/** The limits of one node activation, shared by its items: tokens are counted across them. */
export interface RunLimits {
  /** Model calls per item (an agent's tool loop); the run fails when the model still calls tools after this many. */
  maxSteps: number;
  /** Tokens (input and output) the activation may use; no further model call starts past it. */
  maxTokens: number | undefined;
  /** How long one item's conversation may take, in ms, on the engine's clock. */
  timeoutMs: number | undefined;
  /** Tokens used so far by this activation. */
  used: number;
}

/** Token counts of a call or a conversation, as the record gives them. */
export interface UsageRecord {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** One model call as the node's record holds it (`NodeRun.logs[].data`). */
export interface ModelCallRecord {
  kind: 'model-call';
  /** The input item the conversation is for. */
  item: number;
  /** 1 for the conversation's first call, then 2, 3... */
  step: number;
  model: { node: string; provider: string; modelId: string };
  /** What was sent: the system instructions first, then the messages (tool calls and results included). */
  messages: unknown[];
  /** The names of the tools the model was offered. */
  tools?: string[];
  response: { text: string; toolCalls: { id: string; name: string; arguments: unknown }[]; finishReason: string };
  usage?: UsageRecord;
  latencyMs: number;
  /** Estimated from the usage and the model's price per token; absent when either is unknown. */
  costUsd?: number;
}

/** A conversation's end, as the node's record holds it. */
export interface ConversationRecord {
  kind: 'conversation';
  item: number;
  steps: number;
  finishReason: string;
  usage: UsageRecord;
  costUsd?: number;
}

/** What one conversation asks of the model. */
export interface Conversation {
  ctx: NodeContext;
  item: number;
  model: ChatModelSupply;
  system: string | undefined;
  messages: ModelMessage[];
  tools?: ToolSet;
  limits: RunLimits;
  /** Only for `generateText`'s structured output (an `Output.object`). */
  output?: Parameters<typeof generateText>[0]['output'];
  /** The parameter named when the step limit is reached (`options.maxSteps`). */
  stepsParameter?: string;
  /** Model calls for this conversation, when not the limits' (one, for a structured answer asked again). */
  maxSteps?: number;
}

/** What came of a conversation. */
export interface ConversationResult {
  text: string;
  /** The structured output, when `output` was asked for. */
  output?: unknown;
  steps: number;
  usage: UsageRecord;
  costUsd: number | undefined;
}

const usageOf = (u: LanguageModelUsage | undefined): UsageRecord => {
  const out: UsageRecord = {};
  if (u?.inputTokens !== undefined) out.inputTokens = u.inputTokens;
  if (u?.outputTokens !== undefined) out.outputTokens = u.outputTokens;
  const total =
    u?.totalTokens ??
    (u?.inputTokens !== undefined || u?.outputTokens !== undefined ? (u.inputTokens ?? 0) + (u.outputTokens ?? 0) : undefined);
  if (total !== undefined) out.totalTokens = total;
  return out;
};

/** Plain JSON of what the SDK hands the callbacks (messages may hold class instances or bytes). */
const plain = (value: unknown): unknown => {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `[${v.length} bytes]` : v))) as unknown;
  } catch {
    return String(value);
  }
};

/**
 * Runs one conversation: the model answers, calling tools until it gives a
 * final answer or the limits stop it. Records every model call in the
 * node's record. Throws a node error: past the step or token limit while
 * the model still wants tools, on time-out, when the provider refuses the
 * model, the credential or the request.
 */
export async function converse(c: Conversation): Promise<ConversationResult> {
  const { ctx, model, limits } = c;
  if (limits.maxTokens !== undefined && limits.used >= limits.maxTokens) throw tokenLimit(ctx, limits);
  const timer = new AbortController();
  const controller = new AbortController();
  const onAbort = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  if (limits.timeoutMs !== undefined) {
    ctx.sleep(limits.timeoutMs, timer.signal).then(
      () => {
        timedOut = true;
        controller.abort(new FlowloomError('AI_TIMEOUT', 'timed out'));
      },
      () => {},
    );
  }

  let step = 0;
  let startedAt = 0;
  let sent: Pick<ModelCallRecord, 'messages' | 'tools'> = { messages: [] };
  const pricing = pricingOf(model.modelId, model.pricing);
  let streamError: unknown;
  const onStart = (e: LanguageModelCallStartEvent) => {
    step++;
    startedAt = ctx.now();
    const system =
      typeof e.instructions === 'string' ? [{ role: 'system', content: e.instructions }] : e.instructions ? [e.instructions] : [];
    sent = {
      messages: plain([...system, ...e.messages]) as unknown[],
      ...(e.tools?.length ? { tools: e.tools.map((t) => String(t['name'])) } : {}),
    };
  };
  const onEnd = (e: LanguageModelCallEndEvent) => {
    const usage = usageOf(e.usage);
    limits.used += usage.totalTokens ?? 0;
    const text = e.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    const toolCalls = e.content.flatMap((p) =>
      p.type === 'tool-call' ? [{ id: p.toolCallId, name: p.toolName, arguments: plain(p.input) }] : [],
    );
    const costUsd = costOf(pricing, usage.inputTokens, usage.outputTokens);
    const record: ModelCallRecord = {
      kind: 'model-call',
      item: c.item,
      step,
      model: { node: model.node.name, provider: model.provider, modelId: model.modelId },
      ...sent,
      response: { text, toolCalls, finishReason: e.finishReason },
      ...(Object.keys(usage).length ? { usage } : {}),
      latencyMs: ctx.now() - startedAt,
      ...(costUsd === undefined ? {} : { costUsd }),
    };
    const tokens =
      usage.totalTokens === undefined ? 'no token count' : `${usage.inputTokens ?? '?'} in + ${usage.outputTokens ?? '?'} out tokens`;
    ctx.addLogs([
      {
        level: 'info',
        message: `Model call ${step} (${model.modelId}) for item ${c.item}: ${toolCalls.length ? `${toolCalls.length} tool call${toolCalls.length > 1 ? 's' : ''}` : 'answer'}, ${tokens}, ${record.latencyMs} ms${costUsd === undefined ? '' : `, ~$${costUsd}`}`,
        data: record as unknown as Record<string, unknown>,
      },
    ]);
  };
  const overBudget = () => limits.maxTokens !== undefined && limits.used >= limits.maxTokens;
  const settings = {
    model: model.model,
    ...(c.system ? { system: c.system } : {}),
    messages: c.messages,
    ...(c.tools && Object.keys(c.tools).length ? { tools: c.tools } : {}),
    ...(model.temperature === undefined ? {} : { temperature: model.temperature }),
    ...(model.maxOutputTokens === undefined ? {} : { maxOutputTokens: model.maxOutputTokens }),
    // Retries are the provider fetch's, on the engine's clock.
    maxRetries: 0,
    abortSignal: controller.signal,
    stopWhen: [isStepCount(c.maxSteps ?? limits.maxSteps), overBudget],
    // Strict mode would refuse any schema with an optional field; the node checks the answer itself.
    providerOptions: { openai: { strictJsonSchema: false } },
    onLanguageModelCallStart: onStart,
    onLanguageModelCallEnd: onEnd,
    // The SDK would print these to the console; they belong in the engine's log.
    onWarning: ({ warnings }: { warnings: readonly unknown[] }) => {
      for (const w of warnings) ctx.logger.warn(`Node '${ctx.node.name}': model provider warning: ${JSON.stringify(w)}`);
    },
  };
  try {
    let steps: StepResult<ToolSet>[];
    let text: string;
    let output: unknown;
    if (model.stream && !c.output) {
      const result = streamText({ ...settings, onError: ({ error }) => void (streamError ??= error) });
      try {
        text = await result.text;
        steps = await result.steps;
      } catch (error) {
        throw streamError ?? error;
      }
      if (streamError) throw streamError;
    } else {
      const result = await generateText({ ...settings, ...(c.output ? { output: c.output } : {}) });
      steps = result.steps;
      text = result.text;
      if (c.output) output = result.output;
    }
    const last = steps.at(-1);
    const usage = usageOf(steps.reduce<LanguageModelUsage | undefined>((sum, s) => addUsage(sum, s.usage), undefined));
    const costUsd = costOf(pricing, usage.inputTokens, usage.outputTokens);
    const finishReason = last?.finishReason ?? 'other';
    const conversation: ConversationRecord = {
      kind: 'conversation',
      item: c.item,
      steps: steps.length,
      finishReason,
      usage,
      ...(costUsd === undefined ? {} : { costUsd }),
    };
    ctx.addLogs([
      {
        level: 'info',
        message: `Item ${c.item}: ${steps.length} model call${steps.length === 1 ? '' : 's'}, ${usage.totalTokens ?? '?'} tokens${costUsd === undefined ? '' : `, ~$${costUsd}`}`,
        data: conversation as unknown as Record<string, unknown>,
      },
    ]);
    if (last && last.finishReason === 'tool-calls') {
      if (overBudget()) throw tokenLimit(ctx, limits);
      throw aiError(
        ctx,
        `the model was still calling tools after ${steps.length} model call${steps.length === 1 ? '' : 's'}, the most parameter '${c.stepsParameter ?? 'options.maxSteps'}' allows (item ${c.item}); raise the limit, or tell the model to answer sooner.`,
        'AI_STEP_LIMIT',
        { details: { steps: steps.length, item: c.item } },
      );
    }
    return { text, ...(c.output ? { output } : {}), steps: steps.length, usage, costUsd };
  } catch (error) {
    if (timedOut) {
      throw aiError(
        ctx,
        `the model did not finish within ${limits.timeoutMs} ms (parameter 'options.timeoutMs', item ${c.item}).`,
        'AI_TIMEOUT',
        { retryable: true },
      );
    }
    // A structured answer that did not parse or match: the caller may ask once more.
    if (NoObjectGeneratedError.isInstance(error)) throw error;
    // The limits' own errors, thrown above.
    if (error instanceof FlowloomError && error.message.startsWith(`Node '${ctx.node.name}': `)) throw error;
    throw providerFailure(ctx, model, error);
  } finally {
    timer.abort();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

function addUsage(sum: LanguageModelUsage | undefined, u: LanguageModelUsage): LanguageModelUsage {
  if (!sum) return u;
  const add = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  return {
    ...sum,
    inputTokens: add(sum.inputTokens, u.inputTokens),
    outputTokens: add(sum.outputTokens, u.outputTokens),
    totalTokens: add(sum.totalTokens, u.totalTokens),
  };
}

function tokenLimit(ctx: NodeContext, limits: RunLimits) {
  return aiError(
    ctx,
    `the model calls used ${limits.used} tokens, reaching the ${limits.maxTokens} this node may use in one execution (parameter 'options.maxTokens'); nothing more was asked of the model.`,
    'AI_TOKEN_LIMIT',
    { details: { used: limits.used, maxTokens: limits.maxTokens } },
  );
}

/** The Flowloom error inside a provider's error, when one caused it (a refused host, a missing credential). */
function flowloomCause(error: unknown): FlowloomError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof FlowloomError) return e;
  }
  return undefined;
}

/** What a provider's error body says (`{ error: { message } }` for OpenAI, `{ error: { message } }` for Anthropic too). */
function providerMessage(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? '') as { error?: { message?: unknown } | string; message?: unknown };
    const inner = typeof body.error === 'string' ? body.error : body.error?.message;
    if (typeof inner === 'string' && inner) return inner;
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // not JSON: the SDK's own message says enough
  }
  return error.message;
}

const PROVIDER_NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', openaiCompatible: 'the model server' };

/** Turns whatever a model call threw into a node error naming the node, the Chat Model and the parameter to change. */
export function providerFailure(
  ctx: NodeContext,
  model: Pick<ChatModelSupply, 'provider' | 'modelId'> & { node: { name: string }; kind?: string },
  error: unknown,
): FlowloomError {
  const provider = PROVIDER_NAMES[model.provider] ?? model.provider;
  const where = `${model.kind ?? 'Chat Model'} node '${model.node.name}'`;
  const inner = flowloomCause(error);
  if (inner) {
    if (inner.code === 'CANCELED' || inner.code === 'EXECUTION_TIMEOUT' || inner.code === 'NODE_TIMEOUT') return inner;
    // A refusal by the engine (a private address, a host the credential may not go to), said by the node that asked.
    const said = inner.message.replace(/^Node '[^']*'(?: \(slot '[^']*'\))?:\s*/, '');
    return aiError(ctx, `${said} (${where})`, inner.code, {
      cause: inner,
      retryable: inner instanceof NodeExecutionError && inner.retryable,
    });
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const said = providerMessage(error);
    const details = { status, provider: model.provider, modelId: model.modelId, body: error.responseBody?.slice(0, 2000) };
    if (status === 404 || (status === 400 && /model/i.test(said))) {
      return aiError(ctx, `${provider} refused model '${model.modelId}' (${where}, parameter 'model'): ${said}`, 'AI_MODEL_REJECTED', {
        details,
      });
    }
    if (status === 401 || status === 403) {
      return aiError(ctx, `${provider} refused the credential of ${where} (HTTP ${status}): ${said}`, 'AI_CREDENTIAL_REJECTED', {
        details,
      });
    }
    if (status === 429) {
      return aiError(
        ctx,
        `${provider} is rate limiting the requests of ${where} and they were tried again until the limit: ${said}`,
        'AI_RATE_LIMITED',
        {
          retryable: true,
          details,
        },
      );
    }
    if (status !== undefined && status >= 500) {
      return aiError(ctx, `${provider} failed (HTTP ${status}) for ${where}: ${said}`, 'AI_PROVIDER_ERROR', { retryable: true, details });
    }
    return aiError(ctx, `${provider} refused the request of ${where}${status ? ` (HTTP ${status})` : ''}: ${said}`, 'AI_REQUEST_REFUSED', {
      details,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return aiError(ctx, `the model call of ${where} failed: ${message}`, 'AI_FAILED', { retryable: false, cause: error });
}
