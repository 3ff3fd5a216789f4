import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { ExpressionScope, ParameterResolver } from '../expression/resolver.js';
import type { Item, PortItems } from '../model/item.js';
import { fromZodIssues } from '../model/zod-issues.js';
import type { NodeContext } from '../nodes/node-context.js';
import type { Logger } from '../ports/logger.js';
import type { CompiledNode } from './compiled-workflow.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode } from './execution.js';

/** What an activation context needs from the run it belongs to. */
export interface RunScope {
  readonly workflow: Workflow;
  readonly execution: { readonly id: string; readonly mode: ExecutionMode; readonly tenantId: string };
  readonly logger: Logger;
  readonly resolver: ParameterResolver;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
  now(): number;
  nodeOutput(name: string): readonly Item[] | undefined;
}

const EMPTY: Item[] = [];

/** The `ctx` a node's `execute` receives for one activation. */
export class ActivationContext implements NodeContext {
  readonly #compiled: CompiledNode;
  readonly #inputs: PortItems;
  readonly #run: RunScope;
  #paramCache: Map<number, Record<string, unknown>> | undefined;

  constructor(
    compiled: CompiledNode,
    inputs: PortItems,
    run: RunScope,
    readonly runIndex: number,
    readonly signal: AbortSignal,
  ) {
    this.#compiled = compiled;
    this.#inputs = inputs;
    this.#run = run;
  }

  get node() {
    return this.#compiled.node;
  }
  get workflow() {
    return this.#run.workflow;
  }
  get execution() {
    return this.#run.execution;
  }
  get logger() {
    return this.#run.logger;
  }

  input(port = 'main'): Item[] {
    return this.#inputs[port] ?? EMPTY;
  }

  inputs(): Readonly<PortItems> {
    return this.#inputs;
  }

  now(): number {
    return this.#run.now();
  }

  params(itemIndex = 0): Record<string, unknown> {
    const fixed = this.#compiled.staticParams;
    if (fixed) return fixed;
    const cache = (this.#paramCache ??= new Map());
    let value = cache.get(itemIndex);
    if (!value) {
      value = this.#resolve(itemIndex);
      cache.set(itemIndex, value);
    }
    return value;
  }

  #resolve(itemIndex: number): Record<string, unknown> {
    const { node, type } = this.#compiled;
    const run = this.#run;
    const items = this.input();
    const scope: ExpressionScope = {
      item: items[itemIndex],
      itemIndex,
      items,
      runIndex: this.runIndex,
      node,
      workflow: run.workflow,
      execution: run.execution,
      nodeOutput: (name) => run.nodeOutput(name),
      vars: run.vars,
      env: run.env,
      now: run.now(),
    };
    const resolved = run.resolver.resolve(node.parameters, scope);
    if (!type.properties) return resolved;
    const parsed = type.properties.safeParse(resolved, { reportInput: true });
    if (parsed.success) return parsed.data;
    const details = fromZodIssues(parsed.error.issues).map((issue) => {
      const where = issue.path.length > 0 ? `parameter '${issue.path.join('.')}'` : 'parameters';
      return `${where} ${issue.message}`;
    });
    throw new NodeExecutionError(`Node '${node.name}': ${details.join('; ')} (item ${itemIndex}).`, {
      code: 'PARAMETER_INVALID',
      retryable: false,
      details: { itemIndex, issues: fromZodIssues(parsed.error.issues) },
    });
  }
}
