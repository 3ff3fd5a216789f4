import type { NodeRun } from '@flowloom/engine';

// What an AI node records of its run in `NodeRun.logs[].data` (see docs/ai.md, "The record"), read back for the
// transcript. The record is plain JSON that may come from another version of the engine or a server, so every
// field is checked as it is read; what does not fit is left out of the readable view and stays in the raw JSON.

/** Token counts as the record gives them. */
export interface TranscriptUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** One call of the model: what it answered, what it cost. */
export interface TranscriptModelCall {
  kind: 'model-call';
  step: number;
  modelId: string;
  /** The Chat Model node that served it. */
  modelNode: string | undefined;
  usage: TranscriptUsage | undefined;
  costUsd: number | undefined;
  latencyMs: number | undefined;
  text: string;
  toolCalls: { id: string; name: string; arguments: unknown }[];
  finishReason: string | undefined;
  /** The messages sent with the call (system first, tool calls and results included). */
  messages: unknown[];
  raw: Record<string, unknown>;
}

/** One call of a tool, with its arguments and what the model was given back. */
export interface TranscriptToolCall {
  kind: 'tool-call';
  tool: string;
  node: string | undefined;
  toolCallId: string | undefined;
  arguments: unknown;
  result: unknown;
  error: { code: string; message: string } | undefined;
  latencyMs: number | undefined;
  raw: Record<string, unknown>;
}

/** The conversation so far that a memory gave the model. */
export interface TranscriptMemoryLoad {
  kind: 'memory-load';
  sessionKey: string;
  messages: unknown[];
  raw: Record<string, unknown>;
}

/** Texts turned into vectors. */
export interface TranscriptEmbedding {
  kind: 'embedding-call';
  count: number;
  usage: TranscriptUsage | undefined;
  costUsd: number | undefined;
  latencyMs: number | undefined;
  raw: Record<string, unknown>;
}

/** One step of a transcript, in the order the node recorded it. */
export type TranscriptEntry = TranscriptModelCall | TranscriptToolCall | TranscriptMemoryLoad | TranscriptEmbedding;

/** The conversation about one input item. */
export interface TranscriptItem {
  item: number;
  entries: TranscriptEntry[];
  /** The model's last answer, when it answered rather than asked for tools. */
  answer: string | undefined;
  /** The totals the node recorded when the conversation ended (absent when it failed first). */
  total: { steps: number; usage: TranscriptUsage; costUsd: number | undefined; finishReason: string | undefined } | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function usageOf(v: unknown): TranscriptUsage | undefined {
  if (!isObject(v)) return undefined;
  const usage: TranscriptUsage = {};
  for (const key of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
    const n = num(v[key]);
    if (n !== undefined) usage[key] = n;
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}

function entryOf(data: Record<string, unknown>): TranscriptEntry | undefined {
  switch (data['kind']) {
    case 'model-call': {
      const model = isObject(data['model']) ? data['model'] : {};
      const response = isObject(data['response']) ? data['response'] : {};
      const calls = Array.isArray(response['toolCalls']) ? response['toolCalls'] : [];
      return {
        kind: 'model-call',
        step: num(data['step']) ?? 0,
        modelId: str(model['modelId']) ?? '',
        modelNode: str(model['node']),
        usage: usageOf(data['usage']),
        costUsd: num(data['costUsd']),
        latencyMs: num(data['latencyMs']),
        text: str(response['text']) ?? '',
        toolCalls: calls.filter(isObject).map((c) => ({ id: str(c['id']) ?? '', name: str(c['name']) ?? '', arguments: c['arguments'] })),
        finishReason: str(response['finishReason']),
        messages: Array.isArray(data['messages']) ? data['messages'] : [],
        raw: data,
      };
    }
    case 'tool-call': {
      const node = isObject(data['node']) ? str(data['node']['name']) : undefined;
      const error = isObject(data['error'])
        ? { code: str(data['error']['code']) ?? '', message: str(data['error']['message']) ?? '' }
        : undefined;
      return {
        kind: 'tool-call',
        tool: str(data['tool']) ?? '',
        node,
        toolCallId: str(data['toolCallId']),
        arguments: data['arguments'],
        result: data['result'],
        error,
        latencyMs: num(data['latencyMs']),
        raw: data,
      };
    }
    case 'memory-load':
      return {
        kind: 'memory-load',
        sessionKey: str(data['sessionKey']) ?? '',
        messages: Array.isArray(data['messages']) ? data['messages'] : [],
        raw: data,
      };
    case 'embedding-call':
      return {
        kind: 'embedding-call',
        count: num(data['count']) ?? 0,
        usage: usageOf(data['usage']),
        costUsd: num(data['costUsd']),
        latencyMs: num(data['latencyMs']),
        raw: data,
      };
    default:
      return undefined;
  }
}

/**
 * The transcript of an AI node's run, one conversation per input item, from
 * what it recorded in its logs (model calls, tool calls, memory, embeddings).
 * Empty for a node that recorded none of these.
 */
export function transcriptOf(run: Pick<NodeRun, 'logs'>): TranscriptItem[] {
  const items = new Map<number, TranscriptItem>();
  const itemOf = (data: Record<string, unknown>) => {
    const index = num(data['item']) ?? 0;
    let entry = items.get(index);
    if (!entry) {
      entry = { item: index, entries: [], answer: undefined, total: undefined };
      items.set(index, entry);
    }
    return entry;
  };
  for (const log of run.logs ?? []) {
    const data = log.data;
    if (!isObject(data)) continue;
    if (data['kind'] === 'conversation') {
      itemOf(data).total = {
        steps: num(data['steps']) ?? 0,
        usage: usageOf(data['usage']) ?? {},
        costUsd: num(data['costUsd']),
        finishReason: str(data['finishReason']),
      };
      continue;
    }
    const entry = entryOf(data);
    if (entry) itemOf(data).entries.push(entry);
  }
  for (const item of items.values()) {
    const last = item.entries.filter((e): e is TranscriptModelCall => e.kind === 'model-call').at(-1);
    if (last && last.toolCalls.length === 0 && last.text) item.answer = last.text;
  }
  return [...items.values()].sort((a, b) => a.item - b.item);
}

/** Whether a node's run recorded anything a transcript shows. */
export function hasTranscript(run: Pick<NodeRun, 'logs'> | undefined): boolean {
  return (run?.logs ?? []).some(
    (l) => isObject(l.data) && ['model-call', 'tool-call', 'memory-load', 'embedding-call'].includes(String(l.data['kind'])),
  );
}

/** A duration for people: `57 ms`, `1.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** A cost in US dollars, with the digits a small amount needs: `$0.000052`, `$1.25`. */
export function formatCost(usd: number): string {
  if (usd <= 0) return '$0';
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${usd.toFixed(Math.min(10, 1 - Math.floor(Math.log10(usd))))}`;
}
