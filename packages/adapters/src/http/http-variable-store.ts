import type { Variable, VariableStore } from '@flowloom/engine';
import type { ClientFor } from './http-workflow-store.js';

const at = (key: string) => `/variables/${encodeURIComponent(key)}`;
const scope = (workflowId: string | undefined) => ({ workflowId });

/**
 * The `VariableStore` contract over `/variables`: tenant variables, and a
 * workflow's own with `workflowId`. The server stamps `updatedAt` with its
 * own clock when it stores a variable, so the value given to `set` is not kept.
 */
export class HttpVariableStore implements VariableStore {
  readonly #clientFor: ClientFor;

  constructor(clientFor: ClientFor) {
    this.#clientFor = clientFor;
  }

  async set(tenantId: string, variable: Variable): Promise<void> {
    await this.#clientFor(tenantId).request('PUT', at(variable.key), {
      query: scope(variable.workflowId),
      body: { value: variable.value, type: variable.type },
    });
  }

  async get(tenantId: string, key: string, workflowId?: string): Promise<Variable | undefined> {
    return this.#clientFor(tenantId).request<Variable | undefined>('GET', at(key), { query: scope(workflowId), notFound: 'undefined' });
  }

  async list(tenantId: string, workflowId?: string): Promise<Variable[]> {
    return (await this.#clientFor(tenantId).request<{ variables: Variable[] }>('GET', '/variables', { query: scope(workflowId) }))
      .variables;
  }

  async delete(tenantId: string, key: string, workflowId?: string): Promise<boolean> {
    return this.#clientFor(tenantId).delete(at(key), { query: scope(workflowId) });
  }
}
