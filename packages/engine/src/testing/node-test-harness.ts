import type { SerializedError } from '../errors/flowloom.error.js';
import type { Item, PortItems } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import { WORKFLOW_SCHEMA_VERSION } from '../model/workflow.js';
import { createEngine, type EngineOptions } from '../run/engine.js';
import type { Execution } from '../model/execution.js';
import { silentLogger } from '../ports/logger.js';
import { systemRandom } from '../ports/random.js';
import { outputPortsOf } from '../model/node-type-lookup.js';
import type { NodeType } from '../nodes/define-node.js';
import type { NodeContext } from '../nodes/node-context.js';

/** What running one node through the engine gave. */
export interface NodeTrial {
  execution: Execution;
  /** The node's output per port (empty when it did not run or failed). */
  output: PortItems;
  /** The node's (or the run's) error, when it failed. */
  error: SerializedError | undefined;
  /** The node's `main` output as plain JSON objects. */
  json: Record<string, unknown>[];
}

/**
 * Runs one node of type `type` with `parameters` through a real engine, fed by
 * a Manual Trigger that emits `input`. For the node libraries' tests.
 */
export async function tryNode(
  type: string,
  parameters: Record<string, unknown>,
  input: (Record<string, unknown> | Item)[],
  options: EngineOptions & { name?: string } = {},
): Promise<NodeTrial> {
  const { name = 'Node', ...engineOptions } = options;
  const workflow: Workflow = {
    schemaVersion: WORKFLOW_SCHEMA_VERSION,
    id: 'wf',
    name: 'Trial',
    nodes: [
      { id: 'start', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
      { id: 'node', name, type, typeVersion: 1, position: { x: 200, y: 0 }, parameters },
    ],
    connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'node', port: 'main' } }],
    settings: {},
  };
  const engine = createEngine({ logger: silentLogger, ...engineOptions });
  const items: Item[] = input.map((x) =>
    'json' in x && typeof x.json === 'object' ? (x as Item) : { json: x as Record<string, unknown> },
  );
  const execution = await engine.run(workflow, { input: items });
  const run = execution.nodes.node?.[0];
  const output = run?.output ?? {};
  return {
    execution,
    output,
    error: run?.error ?? execution.error,
    json: (output.main ?? []).map((i) => i.json),
  };
}

/**
 * Calls a node type's `execute` directly with `items` on its main input (even
 * none, which the engine never does) and its parameters parsed by its schema.
 * Returns the output per port. For the node libraries' tests.
 */
export async function callNode(
  type: NodeType,
  parameters: Record<string, unknown>,
  inputs: PortItems,
  extra: { random?: () => number; state?: Record<string, unknown> } = {},
): Promise<PortItems> {
  const params = type.properties ? type.properties.parse(parameters) : parameters;
  const node = { id: 'node', name: 'Node', type: type.type, typeVersion: 1, position: { x: 0, y: 0 }, parameters };
  const ctx = {
    node,
    runIndex: 0,
    workflow: { settings: {} },
    signal: new AbortController().signal,
    logger: silentLogger,
    execution: { id: 'exec', mode: 'manual', tenantId: 'default' },
    input: (port = 'main') => inputs[port] ?? [],
    inputs: () => inputs,
    params: () => params,
    now: () => 0,
    random: extra.random ?? systemRandom,
    state: extra.state ?? {},
  } as unknown as NodeContext;
  const raw = await type.execute(ctx);
  if (raw === undefined) return {};
  return Array.isArray(raw) ? { [outputPortsOf(type, parameters)[0] ?? 'main']: raw } : (raw as PortItems);
}

/**
 * A workflow from shorthand, for tests: nodes as `[id, type, parameters]`
 * (the name is the id) laid out left to right, connections as
 * `['from:port', 'to:port']` (port `main` when left out).
 */
export function trialWorkflow(nodes: [string, string, Record<string, unknown>?][], connections: [string, string][]): Workflow {
  const end = (ref: string) => {
    const [node, port = 'main'] = ref.split(':') as [string, string?];
    return { node, port };
  };
  return {
    schemaVersion: WORKFLOW_SCHEMA_VERSION,
    id: 'wf',
    name: 'Trial',
    nodes: nodes.map(([id, type, parameters = {}], i) => ({
      id,
      name: id,
      type,
      typeVersion: 1,
      position: { x: i * 200, y: 0 },
      parameters,
    })),
    connections: connections.map(([from, to]) => ({ from: end(from), to: end(to) })),
    settings: {},
  };
}
