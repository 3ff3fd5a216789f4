import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { Variable, VariableStore, VariableType } from '../storage/variable-store.js';
import { VariableError } from './variable.error.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_JSON_LENGTH = 64 * 1024;

/** Where a variable lives: a tenant, and a workflow for a workflow-level one. */
export interface VariableScopeOptions {
  /** Default: the engine's tenant. */
  tenantId?: string;
  /** Set for a workflow-level variable; leave out for a tenant-level one. */
  workflowId?: string;
}

/** Options of `engine.variables.set`. */
export interface SetVariableOptions extends VariableScopeOptions {
  /** Default: from the value (string, number, boolean, else json). */
  type?: VariableType;
}

const SCOPE_OPTIONS: OptionSpec<VariableScopeOptions> = { tenantId: true, workflowId: true };
const SET_OPTIONS: OptionSpec<SetVariableOptions> = { ...SCOPE_OPTIONS, type: true };
const FOR_RUN_OPTIONS: OptionSpec<{ tenantId?: string; overrides?: Record<string, unknown> }> = { tenantId: true, overrides: true };

/**
 * Variables on the engine (`engine.variables`), visible to expressions as
 * `$vars.key`. A workflow variable overrides a tenant variable of the same
 * key; `RunOptions.vars` override both for one run.
 */
export interface VariablesApi {
  /** Creates or replaces a variable; rejects with a VariableError when the key or value is wrong. */
  set(key: string, value: unknown, options?: SetVariableOptions): Promise<Variable>;
  get(key: string, options?: VariableScopeOptions): Promise<Variable | undefined>;
  /** Tenant-level variables, or one workflow's own variables when `workflowId` is given. */
  list(options?: VariableScopeOptions): Promise<Variable[]>;
  /** Returns whether the variable existed. */
  delete(key: string, options?: VariableScopeOptions): Promise<boolean>;
  /** The `$vars` a run of the workflow sees: tenant variables, overridden by the workflow's, then by `overrides`. */
  forRun(workflowId: string, options?: { tenantId?: string; overrides?: Record<string, unknown> }): Promise<Record<string, unknown>>;
}

/** Checks a key and value; returns the type the value is stored with. */
export function checkVariable(key: string, value: unknown, type?: VariableType): VariableType {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new VariableError(
      String(key),
      `Variable key ${JSON.stringify(key)} is not valid: use letters, digits and _ (not first a digit), up to 100 characters, so it can be read as $vars.key.`,
    );
  }
  const actual: VariableType =
    typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'json';
  const wanted = type ?? actual;
  if (!['string', 'number', 'boolean', 'json'].includes(wanted)) {
    throw new VariableError(key, `Variable '${key}': type must be string, number, boolean or json, got ${JSON.stringify(wanted)}.`);
  }
  if (wanted !== 'json' && wanted !== actual) {
    throw new VariableError(
      key,
      `Variable '${key}' is of type ${wanted}, but the value is ${actual === 'json' ? 'not a ' + wanted : 'a ' + actual}.`,
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new VariableError(key, `Variable '${key}' must be a finite number.`);
  if (value === undefined) throw new VariableError(key, `Variable '${key}' needs a value.`);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new VariableError(key, `Variable '${key}' must be JSON data.`);
  if (text.length > MAX_JSON_LENGTH)
    throw new VariableError(key, `Variable '${key}' is larger than ${MAX_JSON_LENGTH} characters of JSON.`);
  return wanted;
}

/** Builds `engine.variables` over a variable store. */
export function createVariablesApi(store: VariableStore, deps: { now(): number; tenantId: string }): VariablesApi {
  const tenant = (o?: VariableScopeOptions) => o?.tenantId ?? deps.tenantId;
  return {
    async set(key, value, options) {
      checkOptions('engine.variables.set', options, SET_OPTIONS);
      const type = checkVariable(key, value, options?.type);
      const variable: Variable = {
        key,
        type,
        // Stored as a copy: later changes to the caller's object do not leak in.
        value: JSON.parse(JSON.stringify(value)) as unknown,
        updatedAt: new Date(deps.now()).toISOString(),
        ...(options?.workflowId !== undefined ? { workflowId: options.workflowId } : {}),
      };
      await store.set(tenant(options), variable);
      return variable;
    },
    async get(key, options) {
      checkOptions('engine.variables.get', options, SCOPE_OPTIONS);
      return store.get(tenant(options), key, options?.workflowId);
    },
    async list(options) {
      checkOptions('engine.variables.list', options, SCOPE_OPTIONS);
      return store.list(tenant(options), options?.workflowId);
    },
    async delete(key, options) {
      checkOptions('engine.variables.delete', options, SCOPE_OPTIONS);
      return store.delete(tenant(options), key, options?.workflowId);
    },
    async forRun(workflowId, options) {
      checkOptions('engine.variables.forRun', options, FOR_RUN_OPTIONS);
      const tenantId = options?.tenantId ?? deps.tenantId;
      const [tenantVars, workflowVars] = await Promise.all([store.list(tenantId), store.list(tenantId, workflowId)]);
      const vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const v of tenantVars) vars[v.key] = v.value;
      for (const v of workflowVars) vars[v.key] = v.value;
      const plain: Record<string, unknown> = {};
      for (const key of Object.keys(vars)) plain[key] = vars[key];
      return { ...plain, ...options?.overrides };
    },
  };
}
