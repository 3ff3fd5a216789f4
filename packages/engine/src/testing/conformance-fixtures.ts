import type { Workflow } from '../model/workflow.js';
import type { Execution, NodeRun } from '../model/execution.js';
import type { RunState } from '../model/run-state.js';

/** A small valid workflow with the given id and name. */
export function sampleWorkflow(id: string, name = `Workflow ${id}`, extra: Partial<Workflow> = {}): Workflow {
  return {
    schemaVersion: 1,
    id,
    name,
    nodes: [
      {
        id: 'trigger',
        name: 'Start',
        type: 'core.manualTrigger',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        parameters: {},
      },
    ],
    connections: [],
    settings: {},
    ...extra,
  } as Workflow;
}

const BASE = Date.parse('2026-01-01T00:00:00.000Z');

/** An ISO instant `minutes` after a fixed base time. */
export function at(minutes: number, ms = 0): string {
  return new Date(BASE + minutes * 60_000 + ms).toISOString();
}

/** A finished execution summary-level record (no node runs) with sensible defaults. */
export function sampleExecution(id: string, overrides: Partial<Execution> = {}): Execution {
  return {
    id,
    workflowId: 'wf-1',
    tenantId: 't1',
    status: 'success',
    mode: 'manual',
    startedAt: at(0),
    finishedAt: at(0, 500),
    nodes: {},
    ...overrides,
  };
}

/** A node run with items on its ports. */
export function sampleNodeRun(nodeId: string, order: number, overrides: Partial<NodeRun> = {}): NodeRun {
  return {
    nodeId,
    nodeName: `Node ${nodeId}`,
    runIndex: 0,
    order,
    status: 'success',
    startedAt: at(0, order * 10),
    finishedAt: at(0, order * 10 + 5),
    tries: 1,
    input: { main: [{ json: { n: order } }] },
    output: { main: [{ json: { n: order, doubled: order * 2, nested: { list: [1, 'two', null, true] } } }] },
    ...overrides,
  };
}

/**
 * A run state after `order` recorded activations: one activation left to
 * run, one parked, and a node's `ctx.state` holding items.
 */
export function sampleRunState(order: number, overrides: Partial<RunState> = {}): RunState {
  return {
    stack: [{ nodeId: 'b', inputs: { main: [{ json: { n: order } }] } }],
    parked: [{ nodeId: 'merge', inputs: { left: [{ json: { side: 'left', n: order } }] } }],
    runCounts: { start: 1, a: order },
    order,
    nodeState: { loop: { remaining: [{ json: { n: order + 1, tags: ['x', null, true] } }], done: order } },
    ...overrides,
  };
}
