import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import { implementNode, type NodeType } from '../../../nodes/define-node.js';
import { executeCommandDescription, type ExecuteCommandParams } from '../../../nodes/node-only/execute-command.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import type { ExecuteCommandOptions, NodeOnlyHost } from '../host.js';

/** How long a command may run when the host sets no limit. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

function refused(ctx: NodeContext): NodeExecutionError {
  return new NodeExecutionError(
    `Node '${ctx.node.name}': running commands is turned off on this engine. The host turns it on with createNodeEngine({ executeCommand: { enabled: true } }).`,
    { code: 'COMMANDS_DISABLED', retryable: false },
  );
}

async function run(ctx: NodeContext, settings: ExecuteCommandOptions): Promise<Item[]> {
  const { runCommand } = await import('./run-command.js');
  const limit = settings.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const first = ctx.params(0) as ExecuteCommandParams;
  const count = first.executeOnce ? 1 : Math.max(1, ctx.input().length);
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const p = i === 0 ? first : (ctx.params(i) as ExecuteCommandParams);
    const result = await runCommand(ctx, p.command, settings, Math.min(p.timeoutMs ?? limit, limit));
    out.push({ json: { ...result }, pairedItem: { item: i } });
  }
  return out;
}

/**
 * Execute Command (`core.executeCommand`, described in `nodes/node-only/`):
 * runs a shell command on the engine's machine and outputs its `exitCode`,
 * `stdout` and `stderr`. Refused unless the host turns it on
 * (`createNodeEngine({ executeCommand: { enabled: true } })`): a command can
 * do anything the engine's process can.
 */
export function executeCommandNode(host: NodeOnlyHost): NodeType {
  return implementNode(executeCommandDescription, {
    execute(ctx) {
      const settings = host.executeCommand;
      if (!settings?.enabled) throw refused(ctx);
      return run(ctx, settings);
    },
  });
}
