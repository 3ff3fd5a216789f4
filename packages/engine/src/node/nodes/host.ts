import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { NodeContext } from '../../nodes/node-context.js';

/** Where the Read/Write Files node may read and write (`createNodeEngine({ files })`). */
export interface FilesOptions {
  /**
   * The folder every path is confined to: relative paths start there, and a
   * path that leads outside it (`..`, an absolute path elsewhere, a symbolic
   * link pointing out) is refused. It must exist.
   */
  root: string;
  /** The largest file read into an item, in bytes (default 64 MiB). */
  maxFileBytes?: number;
}

/** Whether and how the Execute Command node runs commands (`createNodeEngine({ executeCommand })`). */
export interface ExecuteCommandOptions {
  /** Runs commands only when true; otherwise the node fails saying the host turned it off. */
  enabled: boolean;
  /** How long a command may run, in milliseconds: the default and the most a node may ask for (default 60,000). */
  timeoutMs?: number;
  /** The working directory of commands (default: the process's). */
  cwd?: string;
  /**
   * The environment commands see, exactly (default: only `PATH`, `HOME`,
   * `LANG`, `LC_ALL`, `TZ`, `TMPDIR` and, on Windows, `SystemRoot`,
   * `ComSpec`, `PATHEXT` of the host process, so its secrets stay out).
   */
  env?: Readonly<Record<string, string>>;
  /** The most a command may write to stdout, and to stderr, in bytes, before it is stopped (default 1 MiB each). */
  maxOutputBytes?: number;
}

/**
 * What the Node-only nodes' implementations get from the engine that
 * registers them (`createNodeEngine`): its network policy and the settings
 * of files and commands. Credentials they read through their context
 * (`ctx.credentialData`), as any node does.
 */
export interface NodeOnlyHost {
  /**
   * The address to connect to for a host name, checked against the engine's
   * network policy (private addresses refused unless the host allows them),
   * as HTTP requests are.
   */
  connectAddress(hostname: string): Promise<string>;
  /** The files root; undefined when the host did not set one. */
  files: FilesOptions | undefined;
  /** The Execute Command settings; undefined when the host did not enable it. */
  executeCommand: ExecuteCommandOptions | undefined;
}

/** An error about a parameter's value, naming the node, the parameter and, when given, the item. */
export function parameterError(ctx: NodeContext, parameter: string, problem: string, itemIndex?: number): NodeExecutionError {
  const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
  return new NodeExecutionError(`Node '${ctx.node.name}': parameter '${parameter}' ${problem}${where}.`, {
    code: 'PARAMETER_INVALID',
    retryable: false,
    details: { parameter, ...(itemIndex === undefined ? {} : { itemIndex }) },
  });
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
