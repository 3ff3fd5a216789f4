import type { Engine, Variable, VariableType } from '@flowloom/engine';

/** Where a variable lives: the tenant's (every workflow sees it), or one workflow's own. */
export interface VariableScope {
  /** Set for a workflow's own variable; left out for the tenant's. */
  workflowId?: string;
}

/**
 * Where the "Variables" panel lists and changes variables (`$vars`): an
 * engine in the page, or a Flowloom server.
 */
export interface VariableSource {
  /** Goes up after every change made through this source. */
  readonly revision: number;
  /** The tenant's variables, or one workflow's own. */
  list(scope: VariableScope): Promise<readonly Variable[]>;
  /** Creates or replaces a variable; rejects with the engine's or server's sentence when the key or value is refused. */
  set(key: string, value: unknown, scope: VariableScope & { type?: VariableType }): Promise<void>;
  delete(key: string, scope: VariableScope): Promise<void>;
}

/** The variables of an engine in the page (`engine.variables`). */
export class EngineVariableSource implements VariableSource {
  #revision = 0;

  constructor(private readonly engine: Engine) {}

  get revision(): number {
    return this.#revision;
  }

  list(scope: VariableScope): Promise<readonly Variable[]> {
    return this.engine.variables.list(scope.workflowId ? { workflowId: scope.workflowId } : {});
  }

  async set(key: string, value: unknown, scope: VariableScope & { type?: VariableType }): Promise<void> {
    await this.engine.variables.set(key, value, {
      ...(scope.workflowId ? { workflowId: scope.workflowId } : {}),
      ...(scope.type ? { type: scope.type } : {}),
    });
    this.#revision++;
  }

  async delete(key: string, scope: VariableScope): Promise<void> {
    await this.engine.variables.delete(key, scope.workflowId ? { workflowId: scope.workflowId } : {});
    this.#revision++;
  }
}

/**
 * The `$vars` a run of a workflow sees, as the engine builds them: the
 * tenant's variables, overridden by the workflow's own.
 */
export async function varsForRun(source: VariableSource, workflowId: string): Promise<Record<string, unknown>> {
  const [tenant, own] = await Promise.all([source.list({}), workflowId ? source.list({ workflowId }) : Promise.resolve([])]);
  // Through a Map: a key such as `__proto__` becomes a plain property, as any other.
  const vars = new Map<string, unknown>();
  for (const v of [...tenant, ...own]) vars.set(v.key, v.value);
  return Object.fromEntries(vars);
}
