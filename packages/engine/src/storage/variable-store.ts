/** How a variable's value is typed. */
export type VariableType = 'string' | 'number' | 'boolean' | 'json';

/**
 * A named value visible to expressions as `$vars.key`. Tenant variables apply
 * to every workflow of the tenant; a workflow variable (with `workflowId`)
 * overrides a tenant variable of the same key for that workflow.
 */
export interface Variable {
  key: string;
  type: VariableType;
  value: unknown;
  /** Set for a workflow-level variable; absent for a tenant-level one. */
  workflowId?: string;
  updatedAt: string;
}

/** Where variables are kept. Every call is scoped to one tenant. */
export interface VariableStore {
  /** Creates or replaces the variable with this key at this level. */
  set(tenantId: string, variable: Variable): Promise<void>;
  get(tenantId: string, key: string, workflowId?: string): Promise<Variable | undefined>;
  /** Tenant-level variables, or one workflow's variables when `workflowId` is given. */
  list(tenantId: string, workflowId?: string): Promise<Variable[]>;
  delete(tenantId: string, key: string, workflowId?: string): Promise<boolean>;
}
