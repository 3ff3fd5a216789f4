import { NodeExecutionError } from '../errors/node-execution.error.js';
import { ItemParameters } from '../expression/item-parameters.js';
import type { ExpressionScope, ParameterResolver } from '../expression/resolver.js';
import type { Item, PortItems } from '../model/item.js';
import type { NodeContext } from '../nodes/node-context.js';
import type { Logger } from '../ports/logger.js';
import { systemRandom, type Random } from '../ports/random.js';
import type { CompiledNode } from './compiled-workflow.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode, NodeLogEntry } from '../model/execution.js';
import { DEFAULT_CODE_LIMITS } from '../code-sandbox/code-limits.js';
import type { CodeSandboxBinding } from '../code-sandbox/code-sandbox.js';
import { defaultCodeSandbox } from '../code-sandbox/default-sandbox.js';
import type { ResumeInfo } from '../model/execution-wait.js';
import type { RunServices, SubWorkflowRequest, SubWorkflowResult, SuspendRequest, WebhookReply } from '../nodes/node-services.js';
import { linkSignals } from './signals.js';
import type { CredentialSession } from '../credentials/credential-session.js';
import type { AttachedNode, NodeKeyValue, NodeVectors } from '../nodes/attached-node.js';
import type { KeyValueStore } from '../storage/key-value-store.js';
import type { VectorStore } from '../storage/vector-store.js';

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
  /** The item of a node's last run (on any output) that `item` descends from, when the run knows it. */
  pairedItem?(name: string, item: Item): Item | undefined;
  /** Random numbers in [0, 1) (default `systemRandom`). */
  readonly random?: Random;
  /** The per-execution scratch state of a node (`ctx.state`), created empty on first use. */
  nodeState?(nodeId: string): Record<string, unknown>;
  /** What a node keeps under `context` in its `ctx.state`, by node name, read without changing it (see `ExpressionScope.nodeContext`). */
  nodeContext?(name: string): Readonly<Record<string, unknown>> | undefined;
  /** HTTP, webhook answers, sub-workflows and suspension (`ctx.fetch`...). */
  readonly services?: RunServices;
  /** Where the Code node runs user code, the host's ceilings and libraries (default: the engine's lazily started worker sandbox). */
  readonly sandbox?: CodeSandboxBinding;
  /** Receives console lines for the running activation's NodeRun. */
  appendLogs?(entries: readonly NodeLogEntry[]): void;
  /** The run's access to credentials (`ctx.authenticatedFetch`, `ctx.credentialData`). */
  readonly credentials?: CredentialSession | undefined;
  /** The nodes attached to a node through one of its sub-ports (`ctx.attached`), running within its activation. */
  attached?(consumer: CompiledNode, port: string, inputs: PortItems, runIndex: number, signal: AbortSignal): readonly AttachedNode[];
  /** Where `ctx.keyValue` keeps its records (the storage's `keyValue`), for the run's tenant. */
  readonly keyValue?: KeyValueStore | undefined;
  /** Where `ctx.vectors` keeps its collections (the storage's `vectors`), for the run's tenant. */
  readonly vectors?: VectorStore | undefined;
}

const EMPTY: Item[] = [];

/** The `ctx` a node's `execute` receives for one activation. */
export class ActivationContext implements NodeContext {
  readonly #compiled: CompiledNode;
  readonly #inputs: PortItems;
  readonly #run: RunScope;
  #parameters: ItemParameters | undefined;
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
    return (this.#run.random ?? systemRandom)();
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

  pairedItem(name: string, item: Item): Item | undefined {
    return this.#run.pairedItem?.(name, item);
  }

  addLogs(entries: readonly NodeLogEntry[]): void {
    this.#run.appendLogs?.(entries);
  }

  attached(port: string): readonly AttachedNode[] {
    return this.#run.attached?.(this.#compiled, port, this.#inputs, this.runIndex, this.signal) ?? [];
  }

  get keyValue(): NodeKeyValue | undefined {
    const store = this.#run.keyValue;
    if (!store) return undefined;
    const tenantId = this.#run.execution.tenantId;
    return {
      get: (namespace, key) => store.get(tenantId, namespace, key),
      set: (namespace, key, value) => store.set(tenantId, namespace, key, value),
      delete: async (namespace, key) => (await store.delete(tenantId, namespace, key)) > 0,
    };
  }

  get vectors(): NodeVectors | undefined {
    const store = this.#run.vectors;
    if (!store) return undefined;
    const tenantId = this.#run.execution.tenantId;
    return {
      insert: (collection, records) => store.insert(tenantId, collection, records),
      search: (collection, vector, topK) => store.search(tenantId, collection, vector, topK),
      delete: (collection, ids) => store.delete(tenantId, collection, ids),
      count: (collection) => store.count(tenantId, collection),
    };
  }

  get sandbox(): CodeSandboxBinding {
    // Made once per activation: every item's expression scope carries it.
    return (this.#sandbox ??= this.#run.sandbox ?? { port: defaultCodeSandbox(), limits: DEFAULT_CODE_LIMITS });
  }
  #sandbox: CodeSandboxBinding | undefined;

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

  credentialData(slot: string): Promise<Readonly<Record<string, unknown>>> {
    const session = this.#run.credentials;
    if (!session) {
      return Promise.reject(
        new NodeExecutionError(`Node '${this.node.name}': credentials are not available in this run.`, { retryable: false }),
      );
    }
    return session.data(this.node, this.#compiled.type.credentials, slot, this.signal);
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
    return await this.#run.resolver.evaluateTemplate(template, this.#scope({ json }, itemIndex, this.input()));
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
      pairedItem: run.pairedItem,
      nodeContext: run.nodeContext,
      vars: run.vars,
      env: run.env,
      now: run.now(),
      random: run.random ?? systemRandom,
      // JavaScript expressions ({{js: … }}) run in the same sandbox as the Code node, canceled with the activation.
      sandbox: this.sandbox,
      signal: this.signal,
    };
  }

  params(itemIndex = 0): Record<string, unknown> {
    return this.#compiled.staticParams ?? this.#itemParameters().get(itemIndex);
  }

  /**
   * Makes `params(i)` answer synchronously during `execute`. When the
   * resolver can evaluate every template synchronously (expressions compiled
   * to closures), items are resolved as `params(i)` asks for them; else the
   * parameters of every input item (the first only under executeOnce, which
   * has already cut the input) are resolved and validated here.
   */
  async prepareParams(): Promise<void> {
    if (this.#compiled.staticParams) return;
    const { resolver } = this.#run;
    if (resolver.prepare && (await resolver.prepare(this.#compiled.parameterPlan.templates.map((leaf) => leaf.template)))) return;
    await this.#itemParameters().prepare(Math.max(1, this.input().length));
  }

  #itemParameters(): ItemParameters {
    if (!this.#parameters) {
      const { node, type, parameterPlan } = this.#compiled;
      const items = this.input();
      this.#parameters = new ItemParameters({
        nodeName: node.name,
        typeName: type.displayName,
        parameters: node.parameters,
        properties: type.resolvedProperties ?? type.properties,
        plan: parameterPlan,
        resolver: this.#run.resolver,
        itemCount: items.length,
        scope: (i) => this.#scope(items[i], i, items),
      });
    }
    return this.#parameters;
  }
}
