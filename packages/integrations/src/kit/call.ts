import { NodeExecutionError, type NodeContext, type Item } from '@flowloom/engine';
import type { ServiceDefinition } from './service-types.js';

/** What one item's operation works with. */
export interface Call {
  service: ServiceDefinition;
  ctx: NodeContext;
  /** The credential slot that signs the requests; undefined for an unsigned operation. */
  slot: string | undefined;
  label: string;
  params: Record<string, unknown>;
  item: Item;
  itemIndex: number;
}

/** A node error naming the node first, as every engine error does. */
export function nodeError(
  ctx: NodeContext,
  message: string,
  code: string,
  cause?: unknown,
  retryable = false,
  details?: unknown,
): NodeExecutionError {
  return new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, {
    code,
    retryable,
    cause,
    ...(details !== undefined ? { details } : {}),
  });
}
