import type { Item } from '../model/item.js';
import type { WorkflowNode } from '../model/node.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode } from '../run/execution.js';

/** What an expression can see while a node's parameters are resolved for one item. */
export interface ExpressionScope {
  /** The item the parameters are resolved for (`$json` is its `json`). */
  readonly item: Item | undefined;
  readonly itemIndex: number;
  /** All items on the node's main input. */
  readonly items: readonly Item[];
  readonly runIndex: number;
  readonly node: WorkflowNode;
  readonly workflow: Workflow;
  readonly execution: { readonly id: string; readonly mode: ExecutionMode; readonly tenantId: string };
  /** The last output (main port) of a node that already ran, by node name; undefined when it has not run. */
  nodeOutput(name: string): readonly Item[] | undefined;
  /** Workflow and tenant variables. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Values the host chose to expose as `$env`. */
  readonly env: Readonly<Record<string, unknown>>;
  /** Current time in epoch milliseconds. */
  readonly now: number;
}

/**
 * Resolves the `{{ }}` templates in a node's parameters. The engine calls it
 * only for nodes whose parameters contain a template, once per input item
 * (once when the node runs `executeOnce`), before the node's `execute`, so
 * `ctx.params(i)` stays synchronous. It may answer synchronously (pure data
 * references) or with a promise.
 */
export interface ParameterResolver {
  resolve(parameters: Record<string, unknown>, scope: ExpressionScope): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Leaves parameters as written (for hosts that want no expressions at all). */
export const literalParameters: ParameterResolver = {
  resolve: (parameters) => parameters,
};
