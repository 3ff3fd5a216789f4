import type { ExecutionQuery, ExecutionStore, ExecutionSummary } from '../storage/execution-store.js';
import { executionCursor, normalizeExecutionQuery } from '../storage/execution-query.js';

/** One page of a list and the cursor to the next one (absent on the last page). */
export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor?: string;
}

/**
 * One page of executions with the cursor of the next, for history views.
 * It asks the store for one more than the page size to know whether another
 * page follows.
 */
export async function listExecutionPage(store: ExecutionStore, tenantId: string, query: ExecutionQuery = {}): Promise<ExecutionPage> {
  const { limit } = normalizeExecutionQuery(query);
  const rows = await store.list(tenantId, { ...query, limit: limit + 1 });
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: executionCursor(items.at(-1)!) };
}

/** Every summary matching the query, page by page. */
export async function* allExecutions(
  store: ExecutionStore,
  tenantId: string,
  query: ExecutionQuery = {},
): AsyncGenerator<ExecutionSummary> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listExecutionPage(store, tenantId, { limit: 1000, ...query, ...(cursor === undefined ? {} : { cursor }) });
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
