import type { WorkflowSettings } from '../model/settings.js';
import type { Item, PortItems } from '../model/item.js';
import type { ExecutionMode, ExecutionStatus, NodeRun } from '../model/execution.js';

/** What an engine keeps of executions; a workflow's `settings.saveExecutions` overrides each field. */
export interface ExecutionSaveSettings {
  /** Keep executions that succeeded (default true). */
  successful: boolean;
  /** Keep executions that failed, were canceled or crashed (default true). */
  failed: boolean;
  /** Keep manual runs (default true). */
  manual: boolean;
  /** `all` (default) keeps node input and output items; `summary` keeps status, timing and errors. */
  nodeData: 'all' | 'summary';
  /** Items kept per port of each node run (default: all). */
  maxItemsPerNode: number | undefined;
}

/** The engine's defaults: keep everything. */
export const DEFAULT_SAVE_SETTINGS: Readonly<ExecutionSaveSettings> = {
  successful: true,
  failed: true,
  manual: true,
  nodeData: 'all',
  maxItemsPerNode: undefined,
};

/** The settings for one workflow: its own over the engine's over the defaults. */
export function resolveSaveSettings(
  engine: Partial<ExecutionSaveSettings> | undefined,
  workflow: WorkflowSettings['saveExecutions'],
): ExecutionSaveSettings {
  const out = { ...DEFAULT_SAVE_SETTINGS };
  for (const source of [engine, workflow]) {
    if (!source) continue;
    for (const [key, value] of Object.entries(source)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Whether an execution that reached `status` stays stored. Running and waiting executions always do. */
export function keepsExecution(status: ExecutionStatus, mode: ExecutionMode, s: ExecutionSaveSettings): boolean {
  if (status === 'running' || status === 'waiting') return true;
  if (mode === 'manual' && !s.manual) return false;
  return status === 'success' ? s.successful : s.failed;
}

function capPorts(ports: PortItems, max: number): { ports: PortItems; dropped: number } {
  let dropped = 0;
  let changed = false;
  const out: PortItems = {};
  for (const [port, items] of Object.entries(ports)) {
    if (items.length > max) {
      dropped += items.length - max;
      changed = true;
      out[port] = items.slice(0, max) as Item[];
    } else out[port] = items;
  }
  return { ports: changed ? out : ports, dropped };
}

/**
 * The node run as storage should keep it: without items in `summary` mode,
 * with at most `maxItemsPerNode` items per port otherwise, and the number of
 * items left out in `droppedItems`. The run itself is not changed.
 */
export function runForStorage(run: NodeRun, s: ExecutionSaveSettings): NodeRun {
  const max = s.nodeData === 'summary' ? 0 : s.maxItemsPerNode;
  if (max === undefined) return run;
  const input = capPorts(run.input, max);
  const output = capPorts(run.output, max);
  const dropped = input.dropped + output.dropped;
  if (dropped === 0) return run;
  return { ...run, input: input.ports, output: output.ports, droppedItems: (run.droppedItems ?? 0) + dropped };
}
