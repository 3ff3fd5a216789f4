// What AI sub-nodes give the node they are attached to, and how that node gets it: each attached node's
// `supply` returns one of these, branded, so a node of the wrong kind on a sub-port is a clear error.
import { FlowloomError, NodeExecutionError, type AttachedNode, type NodeContext } from '@flowloom/engine';
import type { EmbeddingModel, LanguageModel, ModelMessage } from 'ai';

const CHAT_MODEL = Symbol.for('flowloom.ai.chatModel');
const MEMORY = Symbol.for('flowloom.ai.memory');
const EMBEDDINGS = Symbol.for('flowloom.ai.embeddings');
const TOOL = Symbol.for('flowloom.ai.tool');

/** The providers a chat model may use. */
export type ProviderKind = 'openai' | 'anthropic' | 'openaiCompatible';

/** USD per million tokens, for cost estimates. */
export interface Pricing {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** What a Chat Model node supplies: the configured model, and what the record and the limits need of it. */
export interface ChatModelSupply {
  readonly [CHAT_MODEL]: true;
  readonly model: LanguageModel;
  readonly provider: ProviderKind;
  readonly modelId: string;
  /** The Chat Model node, named in errors about the model. */
  readonly node: { readonly id: string; readonly name: string };
  readonly temperature: number | undefined;
  readonly maxOutputTokens: number | undefined;
  /** Asks for the answer in parts (server-sent events); the node still uses it whole. */
  readonly stream: boolean;
  readonly pricing: Pricing | undefined;
}

/** What a Memory node supplies: one conversation's last messages. */
export interface MemorySupply {
  readonly [MEMORY]: true;
  readonly sessionKey: string;
  /** The messages kept, oldest first. */
  load(): Promise<ModelMessage[]>;
  /** Adds one exchange, keeping the last messages of the window. */
  save(user: string, assistant: string): Promise<void>;
}

/** What an Embeddings node supplies. */
export interface EmbeddingsSupply {
  readonly [EMBEDDINGS]: true;
  readonly model: EmbeddingModel;
  readonly modelId: string;
  readonly node: { readonly id: string; readonly name: string };
  embed(values: readonly string[]): Promise<number[][]>;
}

/** A tool a node supplies itself (a vector store's search), rather than running on items. */
export interface ToolSupply {
  readonly [TOOL]: true;
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments (an object schema). */
  readonly inputSchema: Record<string, unknown>;
  invoke(args: Record<string, unknown>): Promise<unknown>;
}

export const brand = {
  chatModel: <T extends Omit<ChatModelSupply, typeof CHAT_MODEL>>(value: T): ChatModelSupply => ({ ...value, [CHAT_MODEL]: true }),
  memory: <T extends Omit<MemorySupply, typeof MEMORY>>(value: T): MemorySupply => ({ ...value, [MEMORY]: true }),
  embeddings: <T extends Omit<EmbeddingsSupply, typeof EMBEDDINGS>>(value: T): EmbeddingsSupply => ({ ...value, [EMBEDDINGS]: true }),
  tool: <T extends Omit<ToolSupply, typeof TOOL>>(value: T): ToolSupply => ({ ...value, [TOOL]: true }),
};

const isBranded = (value: unknown, mark: symbol): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true;

export const isToolSupply = (value: unknown): value is ToolSupply => isBranded(value, TOOL);

/** A node error naming the node first, as every engine error does. */
export function aiError(
  ctx: NodeContext,
  message: string,
  code: string,
  options: { retryable?: boolean; details?: unknown; cause?: unknown } = {},
) {
  return new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, { code, retryable: options.retryable ?? false, ...options });
}

/**
 * An attached node's failure as the running node's error: `Node 'Agent':
 * Chat Model node 'GPT': needs a credential...`, so the message names the
 * node that failed in the run and the node whose settings to change.
 */
export function attachedFailure(ctx: NodeContext, attached: AttachedNode, error: unknown): unknown {
  if (!(error instanceof FlowloomError) || ctx.signal.aborted) return error;
  const own = `Node '${attached.node.name}'`;
  const said = error.message.startsWith(own) ? error.message.slice(own.length).replace(/^( failed)?:?\s*/, '') : error.message;
  return new NodeExecutionError(`Node '${ctx.node.name}': ${attached.type.displayName} node '${attached.node.name}': ${said}`, {
    code: error.code,
    retryable: error instanceof NodeExecutionError ? error.retryable : false,
    cause: error,
  });
}

/** What the node attached to one sub-port supplies for an item, checked to be of the kind the port takes. */
async function suppliedOn(
  ctx: NodeContext,
  port: string,
  itemIndex: number,
  mark: symbol,
  kind: string,
  required: boolean,
): Promise<unknown> {
  const [attached] = ctx.attached(port);
  if (!attached) {
    if (!required) return undefined;
    throw aiError(ctx, `attach a ${kind} node to its '${port}' sub-port.`, 'ATTACHMENT_MISSING');
  }
  let value: unknown;
  try {
    value = await attached.supply(itemIndex);
  } catch (error) {
    throw attachedFailure(ctx, attached, error);
  }
  if (!isBranded(value, mark)) {
    throw aiError(
      ctx,
      `node '${attached.node.name}' (${attached.type.displayName}) on its '${port}' sub-port is not a ${kind} node.`,
      'ATTACHMENT_INVALID',
    );
  }
  return value;
}

/** The chat model attached to the node's `model` sub-port, configured for an item. */
export const chatModelOf = async (ctx: NodeContext, itemIndex: number) =>
  (await suppliedOn(ctx, 'model', itemIndex, CHAT_MODEL, 'Chat Model', true)) as ChatModelSupply;

/** The memory attached to the node's `memory` sub-port for an item, if any. */
export const memoryOf = async (ctx: NodeContext, itemIndex: number) =>
  (await suppliedOn(ctx, 'memory', itemIndex, MEMORY, 'Memory', false)) as MemorySupply | undefined;

/** The embedding model attached to the node's `embeddings` sub-port. */
export const embeddingsOf = async (ctx: NodeContext, itemIndex: number) =>
  (await suppliedOn(ctx, 'embeddings', itemIndex, EMBEDDINGS, 'Embeddings', true)) as EmbeddingsSupply;

/**
 * A text parameter of an item, or, when it is left empty, the item's field
 * of the same role (`chatInput`, `text`, `sessionId`): what an AI node reads
 * when it is placed after a chat trigger or a node that gives that field.
 */
export function textOrField(ctx: NodeContext, value: string | undefined, itemIndex: number, parameter: string, field: string): string {
  if (value !== undefined && value.trim() !== '') return value;
  const fromItem = ctx.input()[itemIndex]?.json[field];
  if (typeof fromItem === 'string' && fromItem.trim() !== '') return fromItem;
  throw aiError(
    ctx,
    `parameter '${parameter}' is empty for item ${itemIndex}, and the item has no '${field}' text to use instead; write it, or give it from the item with an expression such as {{ $json.${field} }}.`,
    'PARAMETER_INVALID',
  );
}
