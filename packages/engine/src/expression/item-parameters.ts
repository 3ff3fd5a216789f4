import type { z } from 'zod';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import { applyLeaves, withTemplateValues, type ParameterPlan, type TemplateLeaf } from '../model/parameter-plan.js';
import { fromZodIssues } from '../model/zod-issues.js';
import { ExpressionError } from './expression.error.js';
import { parameterExpressionError } from './parameter-error.js';
import type { BatchOutcome, ExpressionScope, ParameterResolver } from './resolver.js';

/** A template with a JavaScript expression in it (see `javascript/js-expressions.ts`). */
const JS_TEMPLATE = /\{\{\s*js:/;

/**
 * The value of every template of `plan` for one scope, in plan order:
 * synchronously when the resolver answered every template synchronously,
 * else as a promise. An ExpressionError is given the parameter's name.
 */
export function templateValues(
  resolver: ParameterResolver,
  plan: ParameterPlan,
  scope: ExpressionScope,
  throwNow = false,
  batch?: readonly (readonly BatchOutcome[] | undefined)[],
): unknown[] | Promise<unknown[]> {
  const sync = throwNow && resolver.evaluateTemplateSync !== undefined;
  const { templates } = plan;
  const values: unknown[] = new Array(templates.length);
  let pending: Promise<void>[] | undefined;
  for (let l = 0; l < templates.length; l++) {
    const leaf = templates[l]!;
    let value: unknown;
    try {
      const batched = batch?.[l]?.[scope.itemIndex];
      if (batched) {
        if ('error' in batched) throw batched.error;
        value = batched.value;
      } else value = sync ? resolver.evaluateTemplateSync!(leaf.template, scope) : resolver.evaluateTemplate(leaf.template, scope);
    } catch (error) {
      // The templates already under way are not awaited any more: their outcome no longer matters.
      if (pending) for (const p of pending) p.catch(ignore);
      throw named(error, leaf);
    }
    if (value instanceof Promise) {
      (pending ??= []).push(
        value.then(
          (v: unknown) => void (values[l] = v),
          (error: unknown) => Promise.reject(named(error, leaf)),
        ),
      );
    } else values[l] = value;
  }
  return pending ? Promise.all(pending).then(() => values) : values;
}

function named(error: unknown, leaf: TemplateLeaf): unknown {
  if (error instanceof ExpressionError) error.parameter ??= leaf.name;
  return error;
}

const ignore = (): void => undefined;

/** What `ItemParameters` reads from the activation it serves. */
export interface ItemParametersSource {
  readonly nodeName: string;
  /** The node type's name for people, named in messages when the node is called something else (`Node 'Notify' (Slack)`). */
  readonly typeName?: string;
  /** The parameters as written in the workflow. */
  readonly parameters: Record<string, unknown>;
  /** The node type's parameter schema. */
  readonly properties: z.ZodType | undefined;
  /** How the parameters are read (see `planParameters`), worked out once per workflow node. */
  readonly plan: ParameterPlan;
  readonly resolver: ParameterResolver;
  /** The number of input items the activation has. */
  readonly itemCount: number;
  /** What expressions see for one item. */
  scope(itemIndex: number): ExpressionScope;
}

/**
 * A node's parameters for each item of one activation, resolved through one
 * `ParameterPlan` whichever way they are asked for: eagerly, every item
 * before `execute` (`prepare`, which the run loop awaits, since an
 * expression may be asynchronous), or one item at a time (`get`, behind
 * `ctx.params(i)`, which resolves an item not prepared yet when its templates
 * answer synchronously). Item 0 is resolved and validated whole; later
 * items resolve only their templates when the plan allows it, their
 * parameter objects being built over item 0's (copying only the containers
 * on a template's way) when asked for. Prepared items keep just their
 * template values; items resolved on request keep nothing but the last one
 * asked for, so a large input does not keep one parameter object per item
 * alive. Both ways give the same result for every item.
 */
export class ItemParameters {
  readonly #source: ItemParametersSource;
  /** Items resolved and validated whole. */
  readonly #whole = new Map<number, Record<string, unknown>>();
  /** Items after the first resolved per leaf: their template values only. */
  readonly #leafValues: (unknown[] | undefined)[] = [];
  /** Whether template values apply over item 0's parameters (it depends on their shape only, so it is checked once). */
  #leavesApply: boolean | undefined;
  /** The outcomes of the templates holding JavaScript, per template and item, evaluated in one sandbox run by `prepare`. */
  #batch: (BatchOutcome[] | undefined)[] | undefined;
  /** The item `get` answered last, built from template values, and its parameters: asked again, the same object is given. */
  #lastIndex = -1;
  #lastParams: Record<string, unknown> | undefined;

  constructor(source: ItemParametersSource) {
    this.#source = source;
  }

  /** Resolves and validates the parameters of the first `count` items, so `get` answers synchronously for them. */
  async prepare(count: number): Promise<void> {
    const { resolver, plan } = this.#source;
    // Scopes for every item are made only when some template holds JavaScript (`{{js: }}`): a node over
    // 100,000 items with JSONata templates alone allocates nothing here.
    if (resolver.evaluateBatch && this.#batch === undefined && plan.templates.some((leaf) => JS_TEMPLATE.test(leaf.template))) {
      const scopes = Array.from({ length: count }, (_, i) => this.#source.scope(i));
      const batch = await resolver.evaluateBatch(
        plan.templates.map((leaf) => leaf.template),
        scopes,
      );
      if (batch.some((b) => b !== undefined)) this.#batch = batch;
    }
    for (let i = 0; i < count; i++) {
      if (this.#whole.has(i) || this.#leafValues[i]) continue;
      const pending = this.#resolve(i);
      if (pending) await pending;
    }
  }

  /** The parameters of one item. Throws a NodeExecutionError when they are wrong, or cannot be had synchronously. */
  get(itemIndex: number): Record<string, unknown> {
    if (itemIndex === this.#lastIndex) return this.#lastParams!;
    const whole = this.#whole.get(itemIndex);
    if (whole) return whole;
    const leaves = this.#leafValues[itemIndex];
    if (leaves) return this.#remember(itemIndex, applyLeaves(this.#whole.get(0)!, this.#source.plan, leaves)!);
    // Not prepared: when the templates answer synchronously, the parameters are built from their values
    // at once, and only the last item's are remembered, so 100,000 items keep nothing alive.
    if (itemIndex > 0 && this.#source.plan.perLeaf && this.#leavesApply !== false && this.#whole.has(0)) {
      const quick = this.#leaves(itemIndex);
      if (quick !== undefined && !(quick instanceof Promise)) {
        const params = applyLeaves(this.#whole.get(0)!, this.#source.plan, quick);
        this.#leavesApply ??= params !== undefined;
        if (params) return this.#remember(itemIndex, params);
      } else if (quick instanceof Promise) quick.catch(ignore);
    }
    const pending = this.#resolve(itemIndex);
    if (pending) {
      pending.catch(ignore);
      const { nodeName, itemCount } = this.#source;
      throw new NodeExecutionError(
        `Node '${nodeName}': parameters for item ${itemIndex} were not prepared before execute (the node has ${itemCount} input items).`,
        { code: 'PARAMETER_INVALID', retryable: false },
      );
    }
    return this.get(itemIndex);
  }

  #remember(itemIndex: number, params: Record<string, unknown>): Record<string, unknown> {
    this.#lastIndex = itemIndex;
    this.#lastParams = params;
    return params;
  }

  /** Resolves one item, per leaf when the plan and item 0 allow it, else whole. */
  #resolve(itemIndex: number): Promise<void> | undefined {
    if (itemIndex > 0 && this.#source.plan.perLeaf && this.#leavesApply !== false && this.#whole.has(0)) {
      const quick = this.#leaves(itemIndex);
      if (!(quick instanceof Promise)) return this.#keepLeaves(itemIndex, quick);
      return quick.then((values) => this.#keepLeaves(itemIndex, values));
    }
    return this.#keepWhole(itemIndex);
  }

  #keepLeaves(itemIndex: number, values: unknown[] | undefined): Promise<void> | undefined {
    if (values) {
      this.#leavesApply ??= applyLeaves(this.#whole.get(0)!, this.#source.plan, values) !== undefined;
      if (this.#leavesApply) {
        this.#leafValues[itemIndex] = values;
        return undefined;
      }
    }
    return this.#keepWhole(itemIndex);
  }

  #keepWhole(itemIndex: number): Promise<void> | undefined {
    const resolved = this.#resolveWhole(itemIndex);
    if (resolved instanceof Promise) {
      return resolved.then((value) => {
        this.#whole.set(itemIndex, value);
      });
    }
    this.#whole.set(itemIndex, resolved);
    return undefined;
  }

  /**
   * One item's template values, each checked against its own schema; undefined
   * when anything fails, so the item is resolved whole and the error reported
   * as usual.
   */
  #leaves(itemIndex: number): unknown[] | undefined | Promise<unknown[] | undefined> {
    const { plan, resolver } = this.#source;
    let values: unknown[] | Promise<unknown[]>;
    try {
      values = templateValues(resolver, plan, this.#source.scope(itemIndex), true, this.#batch);
    } catch {
      return undefined;
    }
    return values instanceof Promise
      ? values.then(
          (v) => checkLeaves(plan, v),
          () => undefined,
        )
      : checkLeaves(plan, values);
  }

  /** The item's parameters with every template resolved, validated whole by the node type's schema. */
  #resolveWhole(itemIndex: number): Record<string, unknown> | Promise<Record<string, unknown>> {
    const { nodeName, parameters, plan, resolver } = this.#source;
    let values: unknown[] | Promise<unknown[]>;
    try {
      values = templateValues(resolver, plan, this.#source.scope(itemIndex), true, this.#batch);
    } catch (error) {
      throw parameterExpressionError(nodeName, itemIndex, error);
    }
    const build = (v: unknown[]) => this.#validate(itemIndex, withTemplateValues(parameters, plan, v));
    if (!(values instanceof Promise)) return build(values);
    return values.then(build, (error: unknown) => Promise.reject(parameterExpressionError(nodeName, itemIndex, error)));
  }

  #validate(itemIndex: number, resolved: Record<string, unknown>): Record<string, unknown> {
    const { nodeName, typeName, properties } = this.#source;
    if (!properties) return resolved;
    const parsed = properties.safeParse(resolved, { reportInput: true });
    if (parsed.success) return parsed.data as Record<string, unknown>;
    const issues = fromZodIssues(parsed.error.issues);
    const details = issues.map((issue) => {
      const where = issue.path.length > 0 ? `parameter '${issue.path.join('.')}'` : 'parameters';
      return `${where} ${issue.message}`;
    });
    const what = typeName && typeName !== nodeName ? ` (${typeName})` : '';
    throw new NodeExecutionError(`Node '${nodeName}'${what}: ${details.join('; ')} (item ${itemIndex}).`, {
      code: 'PARAMETER_INVALID',
      retryable: false,
      details: { itemIndex, issues },
    });
  }
}

/** Checks each template value against its leaf's schema (keeping what the schema made of it); undefined when one fails. */
function checkLeaves(plan: ParameterPlan, values: unknown[]): unknown[] | undefined {
  const { templates } = plan;
  for (let l = 0; l < templates.length; l++) {
    const leaf = templates[l]!;
    if (leaf.acceptsAnything || !leaf.schema) continue;
    const parsed = leaf.schema.safeParse(values[l]);
    if (!parsed.success) return undefined;
    values[l] = parsed.data;
  }
  return values;
}
