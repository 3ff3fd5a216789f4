import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { ExpressionScope, ParameterResolver } from '../expression/resolver.js';
import { parameterExpressionError } from '../expression/parameter-error.js';
import type { Item, PortItems } from '../model/item.js';
import { fromZodIssues } from '../model/zod-issues.js';
import type { NodeContext } from '../nodes/node-context.js';
import type { Logger } from '../ports/logger.js';
import type { CompiledNode } from './compiled-workflow.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode, NodeLogEntry } from './execution.js';
import { DEFAULT_CODE_LIMITS, type CodeLimits } from '../sandbox/code-limits.js';
import type { CodeSandbox } from '../sandbox/code-sandbox.js';
import { defaultCodeSandbox } from '../sandbox/default-sandbox.js';
import type { ResumeInfo, RunServices, SubWorkflowRequest, SubWorkflowResult, SuspendRequest, WebhookReply } from './node-services.js';
import { linkSignals } from './signals.js';
import { applyLeaves, planFor, type ParamPlan } from './param-plan.js';
import type { CredentialSession } from '../credentials/credential-session.js';

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
  /** Random numbers in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** The per-execution scratch state of a node (`ctx.state`), created empty on first use. */
  nodeState?(nodeId: string): Record<string, unknown>;
  /** HTTP, webhook answers, sub-workflows and suspension (`ctx.fetch`...). */
  readonly services?: RunServices;
  /** Where the Code node runs user code, and the host's ceilings (default: the engine's lazily started worker sandbox). */
  readonly sandbox?: { readonly port: CodeSandbox; readonly limits: Readonly<CodeLimits> };
  /** Receives console lines for the running activation's NodeRun. */
  appendLogs?(entries: readonly NodeLogEntry[]): void;
  /** The run's access to credentials (`ctx.authenticatedFetch`). */
  readonly credentials?: CredentialSession | undefined;
}

const EMPTY: Item[] = [];

const literalKeysCache = new WeakMap<object, readonly string[]>();

/** The parameter keys a node type marks `noExpression` in its schema's UI hints. */
function literalParameterKeys(type: CompiledNode['type']): readonly string[] {
  let keys = literalKeysCache.get(type);
  if (!keys) {
    const shape = (type.properties as { shape?: Record<string, { meta?: () => { noExpression?: boolean } | undefined }> } | undefined)
      ?.shape;
    keys = shape ? Object.keys(shape).filter((key) => shape[key]?.meta?.()?.noExpression === true) : [];
    literalKeysCache.set(type, keys);
  }
  return keys;
}

/** The `ctx` a node's `execute` receives for one activation. */
export class ActivationContext implements NodeContext {
  readonly #compiled: CompiledNode;
  readonly #inputs: PortItems;
  readonly #run: RunScope;
  #paramCache: Map<number, Record<string, unknown>> | undefined;
  /**
   * For items after the first: only their resolved template leaves. Their
   * parameter objects are built from the first item's when asked for, so a
   * large input does not keep one parameter object per item alive.
   */
  #leafValues: { plan: ParamPlan; values: (unknown[] | undefined)[] } | undefined;
  #state: Record<string, unknown> | undefined;

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

  random(): number {
    return (this.#run.random ?? Math.random)();
  }

  get state(): Record<string, unknown> {
    return (this.#state ??= this.#run.nodeState?.(this.#compiled.node.id) ?? {});
  }

  get vars(): Readonly<Record<string, unknown>> {
    return this.#run.vars;
  }

  nodeOutput(name: string): readonly Item[] | undefined {
    return this.#run.nodeOutput(name);
  }

  addLogs(entries: readonly NodeLogEntry[]): void {
    this.#run.appendLogs?.(entries);
  }

  get sandbox(): { readonly port: CodeSandbox; readonly limits: Readonly<CodeLimits> } {
    return this.#run.sandbox ?? { port: defaultCodeSandbox(), limits: DEFAULT_CODE_LIMITS };
  }

  #services(what: string): RunServices {
    const services = this.#run.services;
    if (!services) throw new NodeExecutionError(`Node '${this.node.name}': ${what} is not available in this run.`, { retryable: false });
    return services;
  }

  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const services = this.#services('HTTP');
    const linked = linkSignals([this.signal, init?.signal ?? undefined]);
    const pending = services.fetch(input, { ...init, signal: linked.signal });
    pending.then(linked.dispose, linked.dispose);
    return pending;
  }

  authenticatedFetch(slot: string, input: string | URL, init?: RequestInit): Promise<Response> {
    const session = this.#run.credentials;
    if (!session) {
      return Promise.reject(
        new NodeExecutionError(`Node '${this.node.name}': credentials are not available in this run.`, { retryable: false }),
      );
    }
    return session.fetch(this.node, this.#compiled.type.credentials, slot, input, init, this.signal);
  }

  respondToWebhook(reply: WebhookReply): boolean {
    return this.#run.services?.respondToWebhook(reply) ?? false;
  }

  executeWorkflow(request: SubWorkflowRequest): Promise<SubWorkflowResult> {
    return this.#services('Running another workflow').executeWorkflow(request, this.signal);
  }

  suspend(request: SuspendRequest): void {
    this.#services('Waiting').suspend(this.#compiled.node.id, request);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const services = this.#services('Waiting');
    const linked = linkSignals([this.signal, signal]);
    const pending = services.sleep(ms, linked.signal);
    pending.then(linked.dispose, linked.dispose);
    return pending;
  }

  get resumed(): ResumeInfo | undefined {
    return this.#run.services?.resumed(this.#compiled.node.id);
  }

  async evaluate(template: string, json: Record<string, unknown>, itemIndex = 0): Promise<unknown> {
    const run = this.#run;
    const scope = this.#scope({ json }, itemIndex, this.input());
    return (await run.resolver.resolve({ value: template }, scope)).value;
  }

  /** What expressions see while resolving for one item. */
  #scope(item: Item | undefined, itemIndex: number, items: readonly Item[]): ExpressionScope {
    const run = this.#run;
    return {
      item,
      itemIndex,
      items,
      runIndex: this.runIndex,
      node: this.#compiled.node,
      workflow: run.workflow,
      execution: run.execution,
      nodeOutput: run.nodeOutput,
      vars: run.vars,
      env: run.env,
      now: run.now(),
    };
  }

  params(itemIndex = 0): Record<string, unknown> {
    const fixed = this.#compiled.staticParams;
    if (fixed) return fixed;
    const cache = (this.#paramCache ??= new Map());
    let value = cache.get(itemIndex);
    if (!value) {
      const leaves = this.#leafValues?.values[itemIndex];
      const built = leaves && applyLeaves(cache.get(0)!, this.#leafValues!.plan, leaves);
      if (built) return built;
      const resolved = this.#resolveTemplates(itemIndex);
      if (resolved instanceof Promise) {
        throw new NodeExecutionError(
          `Node '${this.#compiled.node.name}': parameters for item ${itemIndex} were not prepared before execute (the node has ${this.input().length} input items).`,
          { code: 'PARAMETER_INVALID', retryable: false },
        );
      }
      value = this.#validate(itemIndex, resolved);
      cache.set(itemIndex, value);
    }
    return value;
  }

  /**
   * Resolves the templates in the parameters for every input item (the first
   * only under executeOnce, which has already cut the input), validates them,
   * and keeps them, so `params(i)` answers synchronously during `execute`.
   */
  async prepareParams(): Promise<void> {
    if (this.#compiled.staticParams) return;
    const cache = (this.#paramCache ??= new Map());
    const count = Math.max(1, this.input().length);
    // Items after the first resolve only their template leaves (see param-plan.ts).
    const plan = count > 1 ? planFor(this.#compiled, this.#compiled.type.properties, this.#compiled.node.parameters) : undefined;
    let leavesApply: boolean | undefined;
    for (let i = 0; i < count; i++) {
      if (cache.has(i)) continue;
      // Whether leaves apply over the first item's parameters depends on their shape only, so it is checked once.
      if (plan && i > 0 && cache.has(0) && leavesApply !== false) {
        const quick = this.#leafParams(i, plan);
        const values = quick instanceof Promise ? await quick : quick;
        leavesApply ??= values !== undefined && applyLeaves(cache.get(0)!, plan, values) !== undefined;
        if (values && leavesApply) {
          (this.#leafValues ??= { plan, values: [] }).values[i] = values;
          continue;
        }
      }
      const pending = this.#resolveTemplates(i);
      const resolved =
        pending instanceof Promise
          ? await pending.catch((e: unknown) => Promise.reject(parameterExpressionError(this.#compiled.node.name, i, e)))
          : pending;
      cache.set(i, this.#validate(i, resolved));
    }
  }

  /**
   * One item's template leaves, resolved and validated, to apply over the
   * first item's parameters; undefined when anything fails, so the caller
   * takes the whole path and reports the error as usual.
   */
  #leafParams(itemIndex: number, plan: ParamPlan): unknown[] | undefined | Promise<unknown[] | undefined> {
    const run = this.#run;
    const items = this.input();
    const scope = this.#scope(items[itemIndex], itemIndex, items);
    const { leaves } = plan;
    const values: unknown[] = new Array(leaves.length);
    let pending: Promise<unknown>[] | undefined;
    // A resolver that can evaluate one template string is asked directly; any other through resolve().
    const resolver = run.resolver as ParameterResolver & { evaluateTemplate?: (template: string, scope: ExpressionScope) => unknown };
    for (let l = 0; l < leaves.length; l++) {
      const template = leaves[l]!.template;
      let resolved: unknown;
      try {
        resolved = resolver.evaluateTemplate ? resolver.evaluateTemplate(template, scope) : resolver.resolve({ value: template }, scope);
      } catch {
        return undefined;
      }
      const unwrap = resolver.evaluateTemplate ? (v: unknown) => v : (v: unknown) => (v as { value: unknown }).value;
      if (resolved instanceof Promise) (pending ??= []).push(resolved.then((r: unknown) => (values[l] = unwrap(r))));
      else values[l] = unwrap(resolved);
    }
    const finish = (): unknown[] | undefined => {
      for (let l = 0; l < leaves.length; l++) {
        const leaf = leaves[l]!;
        if (leaf.acceptsAnything) continue;
        const parsed = leaf.schema.safeParse(values[l]);
        if (!parsed.success) return undefined;
        values[l] = parsed.data;
      }
      return values;
    };
    return pending ? Promise.all(pending).then(finish, () => undefined) : finish();
  }

  #resolveTemplates(itemIndex: number): Record<string, unknown> | Promise<Record<string, unknown>> {
    const { node } = this.#compiled;
    const run = this.#run;
    const items = this.input();
    const scope = this.#scope(items[itemIndex], itemIndex, items);
    try {
      // Parameters declared `noExpression` (the Code node's code) are passed as written: item data never becomes code.
      const literal = literalParameterKeys(this.#compiled.type);
      if (literal.length === 0) return run.resolver.resolve(node.parameters, scope);
      const templated = Object.fromEntries(Object.entries(node.parameters).filter(([key]) => !literal.includes(key)));
      const restore = (resolved: Record<string, unknown>) => {
        const out = { ...resolved };
        for (const key of literal) if (Object.hasOwn(node.parameters, key)) out[key] = node.parameters[key];
        return out;
      };
      const resolved = run.resolver.resolve(templated, scope);
      return resolved instanceof Promise ? resolved.then(restore) : restore(resolved);
    } catch (error) {
      throw parameterExpressionError(node.name, itemIndex, error);
    }
  }

  #validate(itemIndex: number, resolved: Record<string, unknown>): Record<string, unknown> {
    const { node, type } = this.#compiled;
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
