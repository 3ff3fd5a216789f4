import {
  normalizeExecutionQuery,
  type Execution,
  type ExecutionQuery,
  type ExecutionStore,
  type ExecutionSummary,
  type ExecutionPage,
} from '@flowloom/engine';
import type { HttpClient, RequestOptions } from './http-client.js';
import { HttpStorageError } from './http-storage.error.js';
import type { ClientFor } from './http-workflow-store.js';

const at = (id: string) => `/executions/${encodeURIComponent(id)}`;

/**
 * The query string of an execution query. The query is checked here first,
 * as every storage checks it (an unknown field is an `OptionError`, a bad
 * value a `StorageError`), and sent in the form the server reads: lists
 * comma-separated, instants in ISO 8601.
 */
function queryString(query: ExecutionQuery, paged: boolean): Record<string, string | number | undefined> {
  const q = normalizeExecutionQuery(query);
  return {
    workflowId: q.workflowIds?.join(','),
    status: q.statuses?.join(','),
    mode: q.modes?.join(','),
    startedFrom: q.startedFrom,
    startedTo: q.startedTo,
    minDurationMs: q.minDurationMs,
    maxDurationMs: q.maxDurationMs,
    errorContains: q.errorContains,
    retryOf: q.retryOf === '' ? undefined : q.retryOf,
    order: q.order,
    ...(paged ? { limit: q.limit, cursor: query.cursor } : {}),
  };
}

/** One page of the caller's executions, newest first unless `order: 'asc'`, and the cursor of the next. */
export function listExecutions(
  client: HttpClient,
  query: ExecutionQuery = {},
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<ExecutionPage> {
  return client.request<ExecutionPage>('GET', '/executions', { query: queryString(query, true), ...options });
}

/**
 * One execution with its node runs (input, output, error, timing), as the
 * server recorded it; undefined when there is none. The server leaves out the
 * workflow snapshot and the run state it keeps for retries and recovery.
 */
export function getExecution(client: HttpClient, id: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<Execution | undefined> {
  return client.request<Execution | undefined>('GET', at(id), { notFound: 'undefined', ...options });
}

function refused(method: string, what: string): Promise<never> {
  return Promise.reject(
    new HttpStorageError(
      'STORAGE_REFUSED',
      `executions.${method}: ${what} The Flowloom server's engine writes executions as it runs them; start one with POST /workflows/{id}/run.`,
    ),
  );
}

/**
 * The reading half of the `ExecutionStore` contract over `/executions`:
 * `get`, `list` with every filter and cursor pages, `count` and `delete`.
 * The writes (`create`, `appendNodeRun`, `claim`, `finish`) and `tenants`
 * reject with `STORAGE_REFUSED`: only the server's engine writes executions,
 * and a caller sees one tenant only.
 */
export class HttpExecutionStore implements ExecutionStore {
  readonly #clientFor: ClientFor;

  constructor(clientFor: ClientFor) {
    this.#clientFor = clientFor;
  }

  create(): Promise<void> {
    return refused('create', 'the API has no route to record an execution.');
  }

  appendNodeRun(): Promise<void> {
    return refused('appendNodeRun', 'the API has no route to write a node run.');
  }

  claim(): Promise<boolean> {
    return refused('claim', 'the API has no route to take over a running execution.');
  }

  finish(): Promise<void> {
    return refused('finish', 'the API has no route to end an execution; cancel one with POST /executions/{id}/cancel.');
  }

  tenants(): Promise<string[]> {
    return refused('tenants', 'a token speaks for one tenant, so the API lists no tenants.');
  }

  async get(tenantId: string, id: string): Promise<Execution | undefined> {
    return getExecution(this.#clientFor(tenantId), id);
  }

  async list(tenantId: string, query: ExecutionQuery = {}): Promise<ExecutionSummary[]> {
    return (await listExecutions(this.#clientFor(tenantId), query)).items;
  }

  async count(tenantId: string, query: ExecutionQuery = {}): Promise<number> {
    const client = this.#clientFor(tenantId);
    const answer = await client.request<{ count: number }>('GET', '/executions/count', { query: queryString(query, false) });
    return answer.count;
  }

  /** Deletes each execution (`DELETE /executions/{id}`); a running one is refused by the server (cancel it first). */
  async delete(tenantId: string, ids: readonly string[]): Promise<number> {
    const client = this.#clientFor(tenantId);
    let deleted = 0;
    for (const id of new Set(ids)) if (await client.delete(at(id))) deleted++;
    return deleted;
  }
}
