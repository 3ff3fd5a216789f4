import { needsCredentials } from '../credentials/credential-session.js';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { PortItems } from '../model/item.js';
import type { AttachedNode } from '../nodes/attached-node.js';
import { ActivationContext, type RunScope } from './activation-context.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import { raceAbort } from './signals.js';
import { attemptNode } from './run-node.js';

/**
 * The nodes attached to `consumer` through its sub-port `port`, as
 * `ctx.attached(port)` gives them. They run inside the consumer's
 * activation: its signal, its run scope (credentials, HTTP, logs go to the
 * consumer's record), never as steps of the run plan. Each call gets a
 * context of its own, with `ctx.state` fresh for that call.
 */
export function attachedNodes(
  graph: CompiledWorkflow,
  scope: RunScope,
  consumer: CompiledNode,
  port: string,
  inputs: PortItems,
  runIndex: number,
  signal: AbortSignal,
): AttachedNode[] {
  // Attached nodes keep no state between calls: the run state holds the consumer's only.
  const own: RunScope = { ...scope, nodeState: undefined };
  return graph.attachedTo(consumer.node.id, port).map((compiled) => {
    const { node, type } = compiled;
    return {
      node,
      type: {
        type: type.type,
        displayName: type.displayName,
        ...(type.description === undefined ? {} : { description: type.description }),
        supplies: typeof type.supply === 'function',
      },
      async supply(itemIndex = 0) {
        if (typeof type.supply !== 'function') {
          throw new NodeExecutionError(
            `Node '${consumer.node.name}': node '${node.name}' (${type.displayName}) is attached to its '${port}' sub-port but supplies nothing there.`,
            { code: 'ATTACHMENT_INVALID', retryable: false },
          );
        }
        const ctx = new ActivationContext(compiled, inputs, own, runIndex, signal);
        // A missing credential fails here, naming the attached node, as it would before a step runs.
        if (own.credentials && needsCredentials(node, type.credentials)) await own.credentials.prepare(node, type.credentials);
        if (!compiled.staticParams) await raceAbort(ctx.prepareParams(), signal);
        return await raceAbort(Promise.resolve(type.supply(ctx, itemIndex)), signal);
      },
      async run(items) {
        const result = await attemptNode(compiled, { main: items }, own, runIndex, signal);
        if (result.ok) return result.output;
        // Named as a failed step is, so the message makes sense to whoever reads it (a model, a log).
        const { message } = result.error;
        throw new NodeExecutionError(message.includes(`'${node.name}'`) ? message : `Node '${node.name}' failed: ${message}`, {
          code: result.error.code,
          retryable: result.retryable,
          ...(result.error.details === undefined ? {} : { details: result.error.details }),
        });
      },
    };
  });
}
