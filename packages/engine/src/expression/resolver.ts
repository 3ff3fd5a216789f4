import type { Item } from '../model/item.js';
import type { WorkflowNode } from '../model/node.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode } from '../model/execution.js';
import type { ExpressionSandbox } from './javascript/expression-sandbox.js';

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
  readonly execution: {
    readonly id: string;
    readonly mode: ExecutionMode;
    readonly tenantId: string;
    /** Where a call resumes the execution once it waits on a webhook (`$execution.resumeUrl`); see `resumeUrlOf`. */
    readonly resumeUrl?: string;
  };
  /** The last output (main port) of a node that already ran, by node name; undefined when it has not run. */
  nodeOutput(name: string): readonly Item[] | undefined;
  /**
   * The item of node `name`'s last run (on any of its outputs) that `item` descends from (n8n's paired
   * items), when the run knows it; `$('X').item` and `$node("X").item` fall back to the same index when not.
   */
  pairedItem?(name: string, item: Item): Item | undefined;
  /**
   * The context of node `name` (n8n's node context): what that node keeps under `context` in its
   * `ctx.state` (Loop Over Items: `currentRunIndex`, `noItemsLeft`...), as `$node("X").context`,
   * `$node["X"].context` and `$('X').context` read it; undefined when it keeps none.
   */
  nodeContext?(name: string): Readonly<Record<string, unknown>> | undefined;
  /** Workflow and tenant variables. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Values the host chose to expose as `$env`. */
  readonly env: Readonly<Record<string, unknown>>;
  /** Current time in epoch milliseconds. */
  readonly now: number;
  /** Random numbers in [0, 1) for `$random()` and `$randomItem()` (default `systemRandom`, the platform's). */
  readonly random?: () => number;
  /** Where JavaScript expressions (`{{js: … }}`) run: the run's code sandbox and its limits. */
  readonly sandbox?: ExpressionSandbox;
  /** Ends a JavaScript evaluation under way when the activation is canceled. */
  readonly signal?: AbortSignal;
}

/** One template's outcome for one item in a batch: its value (maybe still a promise), or its error. */
export type BatchOutcome = { readonly value: unknown } | { readonly error: unknown };

/**
 * Evaluates `{{ }}` templates: the port through which the engine resolves
 * parameters and through which nodes evaluate templates of their own
 * (`ctx.evaluate`). The engine decides which parameter strings are
 * templates (strings a node type marks `noExpression` never reach the
 * resolver) and asks for each one per input item (once under
 * `executeOnce`): when `ctx.params(i)` asks, if `prepare` says every
 * template evaluates synchronously, else for every item before the node's
 * `execute`, so `ctx.params(i)` stays synchronous either way.
 */
export interface ParameterResolver {
  /**
   * The value of one parameter string for one item: synchronously when it
   * can (pure data references), else as a promise. A template that is
   * exactly one `{{ expr }}` gives the expression's value with its type;
   * otherwise the parts are joined as text, and `\{{` gives a literal `{{`.
   * A failure is thrown (or rejected) as an `ExpressionError`.
   */
  evaluateTemplate(template: string, scope: ExpressionScope): unknown;
  /**
   * Optional: as `evaluateTemplate`, but a failure of a template evaluated
   * synchronously is thrown, never given as a rejected promise, so a caller
   * that needs the value now learns of the error now.
   */
  evaluateTemplateSync?(template: string, scope: ExpressionScope): unknown;
  /**
   * Optional: gets the templates ready (loads and compiles what they need)
   * and resolves true when every one of them then evaluates synchronously.
   * The engine then resolves a node's parameters for an item when
   * `ctx.params(i)` asks, instead of every item before `execute`.
   */
  prepare?(templates: readonly string[]): Promise<boolean>;
  /**
   * Optional: evaluates the templates holding JavaScript expressions for
   * every scope (one per item of one activation) in one sandbox run. The
   * answer has, per template, an outcome per scope, or undefined for a
   * template without JavaScript (evaluated as usual). Never rejects: a failure
   * is each affected outcome's error.
   */
  evaluateBatch?(templates: readonly string[], scopes: readonly ExpressionScope[]): Promise<(BatchOutcome[] | undefined)[]>;
}

/** Leaves every parameter as written, `\{{` included (for hosts that want no expressions at all). */
export const literalParameters: ParameterResolver = {
  evaluateTemplate: (template) => template,
};
