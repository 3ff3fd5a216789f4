import { followExecution, getExecution, listExecutions, type HttpClient } from '@flowloom/adapters/http';
import type { Execution, ExecutionPage, ExecutionQuery, ExecutionSummary } from '@flowloom/engine';
import type { HistoryRetryOptions, HistorySource } from './history-source.js';

const at = (id: string) => `/executions/${encodeURIComponent(id)}`;

/**
 * The run history on the editor's server (`server-url`), through its REST
 * API with the editor's token: `GET /executions` a page at a time, the
 * record, export, retry (followed live) and delete. The server keeps the
 * workflow as it ran for itself: an execution opened from it is shown on
 * the workflow being edited.
 */
export class ServerHistorySource implements HistorySource {
  constructor(readonly client: HttpClient) {}

  list(query: ExecutionQuery): Promise<ExecutionPage> {
    return listExecutions(this.client, query);
  }

  get(id: string): Promise<Execution | undefined> {
    return getExecution(this.client, id);
  }

  async retry(id: string, { signal, onEvent, workflow = 'original' }: HistoryRetryOptions): Promise<Execution> {
    const body = { async: true, workflow };
    const started = await this.client.request<{ executionId: string }>('POST', `${at(id)}/retry`, { body, signal });
    return followExecution(this.client, started.executionId, { signal, onEvent });
  }

  export(id: string): Promise<unknown> {
    return this.client.request('GET', `${at(id)}/export`);
  }

  async delete({ id }: Pick<ExecutionSummary, 'id' | 'tenantId'>): Promise<void> {
    if (!(await this.client.delete(at(id))))
      throw new Error(`Execution '${id}' was not found on the server; it may have been deleted already.`);
  }
}
