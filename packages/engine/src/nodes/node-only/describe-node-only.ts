import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { defineNode, type NodeType, type NodeTypeDefinition, type PollTrigger } from '../define-node.js';
import type { NodeContext } from '../node-context.js';
import type { PropertiesSchema } from '../ui-hints.js';

/** What a Node-only node type declares for every engine: everything but its work (and, for a polling trigger, its interval). */
export type NodeOnlyDefinition<S extends PropertiesSchema> = Omit<
  NodeTypeDefinition<S>,
  'execute' | 'poll' | 'nodeOnly' | 'load' | 'supply' | 'webhook' | 'loadOptions'
> & { poll?: Pick<PollTrigger, 'intervalMs'> };

/** The error of a Node-only node on an engine without its implementation. */
export function nodeUnavailable(ctx: NodeContext, displayName: string): NodeExecutionError {
  return new NodeExecutionError(
    `Node '${ctx.node.name}': ${displayName} runs only in Node.js, on an engine made with createNodeEngine from @flowloom/engine/node; this engine cannot run it.`,
    { code: 'NODE_UNAVAILABLE', retryable: false },
  );
}

/**
 * The description of a node type whose work needs Node.js: a full node type
 * (validation, forms, ports, credential slots) that every engine registers,
 * whose `execute` (and `poll`) fail with `NODE_UNAVAILABLE`. Its
 * implementation (`implementNode`) takes its place on engines made with
 * `createNodeEngine`.
 */
export function describeNodeOnly<S extends PropertiesSchema>(definition: NodeOnlyDefinition<S>): NodeType {
  const { poll, ...rest } = definition;
  return defineNode<S>({
    ...rest,
    nodeOnly: true,
    execute(ctx) {
      throw nodeUnavailable(ctx, definition.displayName);
    },
    ...(poll ? { poll: { intervalMs: poll.intervalMs, poll: (ctx) => Promise.reject(nodeUnavailable(ctx, definition.displayName)) } } : {}),
  }) as unknown as NodeType;
}
