import type { Item, PortItems } from '../model/item.js';
import type { WorkflowNode } from '../model/node.js';
import type { Workflow } from '../model/workflow.js';
import type { Logger } from '../ports/logger.js';
import type { ExecutionMode } from '../run/execution.js';

/** What a node's `execute` receives. */
export interface NodeContext<P = Record<string, unknown>> {
  /** The node being run, as written in the workflow document. */
  readonly node: WorkflowNode;
  readonly workflow: Workflow;
  readonly execution: { readonly id: string; readonly mode: ExecutionMode; readonly tenantId: string };
  /** How many times this node has run before in this execution (loops, several arrivals). */
  readonly runIndex: number;
  /** Aborted when the run is cancelled or a deadline passes; pass it to fetch and timers. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /**
   * Items that arrived on an input port (`main` by default). For a trigger,
   * `input()` is the trigger event's items (the `input` given to `engine.run`).
   */
  input(port?: string): Item[];
  /** Every input port's items. */
  inputs(): Readonly<PortItems>;
  /**
   * This node's parameters for one item: expressions resolved against that
   * item, then validated and defaulted by the node type's schema. Throws a
   * NodeExecutionError naming the parameter when a value is wrong.
   */
  params(itemIndex?: number): P;
  /** The engine's clock, in epoch milliseconds. */
  now(): number;
}

/** What `execute` may return: items for the `main` port, items per port, or nothing. */
export type NodeOutput = Item[] | { [port: string]: Item[] | undefined } | undefined | void;
