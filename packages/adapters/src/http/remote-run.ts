import type { EngineEvent, Execution, NodeRun } from '@flowloom/engine';
import { readEventStream } from './event-stream.js';
import type { HttpClient } from './http-client.js';
import { getExecution } from './http-execution-store.js';
import { HttpStorageError } from './http-storage.error.js';

/** What a run on the server takes. */
export interface RemoteRunOptions {
  /** Items for the trigger: `{ json: {...} }`, or plain objects, each of which becomes an item. */
  input?: readonly Record<string, unknown>[];
  /** Variables for this run, over the stored ones. */
  vars?: Record<string, unknown>;
  /** Cancels the run on the server (`POST /executions/{id}/cancel`); it still resolves with the record, `canceled`. */
  signal?: AbortSignal;
  /**
   * Called with the run's events in the engine's shapes: `executionStart`,
   * then `nodeStart` and `nodeFinish` for each node run, then
   * `executionFinish` with the whole record. Runs come as the server streams
   * them (a streamed `nodeFinish` carries the run without its items); runs
   * that ended before the stream opened come from the record, items included.
   * A node that was already running when the stream opened has no `nodeStart`.
   */
  onEvent?: (event: EngineEvent) => void;
}

type Summary = Omit<Execution, 'nodes'>;

/**
 * Runs a workflow stored on the server and follows it to its end: starts it
 * (`POST /workflows/{id}/run` with `async: true`), reads its live events
 * (`GET /executions/{id}/events`), and resolves with the execution record as
 * the server stored it (`GET /executions/{id}`), node data included. A run
 * that fails is a record with `status: 'error'`, not a rejection.
 *
 * @example
 * await saveWorkflow(client, workflow);
 * const execution = await runWorkflow(client, workflow.id, { onEvent: (e) => console.log(e.type) });
 */
export async function runWorkflow(client: HttpClient, workflowId: string, options: RemoteRunOptions = {}): Promise<Execution> {
  const { executionId } = await client.request<{ executionId: string }>('POST', `/workflows/${encodeURIComponent(workflowId)}/run`, {
    body: { async: true, ...(options.input ? { input: options.input } : {}), ...(options.vars ? { vars: options.vars } : {}) },
  });
  return followExecution(client, executionId, options);
}

/**
 * Follows an execution over the server's event stream until it ends, and
 * resolves with its stored record. When `signal` aborts, asks the server to
 * cancel the run and goes on until it has ended.
 */
export async function followExecution(
  client: HttpClient,
  executionId: string,
  options: Pick<RemoteRunOptions, 'signal' | 'onEvent'> = {},
): Promise<Execution> {
  const emit = options.onEvent ?? (() => undefined);
  const stream = new AbortController();
  let refusal: unknown;
  const cancel = () => {
    client.request('POST', `/executions/${encodeURIComponent(executionId)}/cancel`).catch(async (error: unknown) => {
      // Refused because it has just ended: its executionFinish is on its way. A run this server cannot
      // cancel (one it did not start) or any other refusal ends the wait with the server's reason.
      const ended = await getExecution(client, executionId).then(
        (e) => e !== undefined && e.status !== 'running',
        () => false,
      );
      if (ended) return;
      refusal = error;
      stream.abort();
    });
  };
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  // Runs are told once each: a run the record showed is not told again when the stream brings it too.
  const told = new Set<string>();
  const tell = (run: NodeRun, workflowId: string) => {
    const key = `${run.nodeId}#${run.runIndex}`;
    if (told.has(key)) return;
    told.add(key);
    emit({ type: 'nodeStart', executionId, workflowId, nodeId: run.nodeId, nodeName: run.nodeName, runIndex: run.runIndex });
    emit({ type: 'nodeFinish', executionId, workflowId, run });
  };
  const recorded = (execution: Execution) =>
    Object.values(execution.nodes)
      .flat()
      .sort((a, b) => a.order - b.order);
  try {
    const response = await client.open('GET', `/executions/${encodeURIComponent(executionId)}/events`, { signal: stream.signal });
    let workflowId = '';
    for await (const { event, data } of readEventStream(response.body!)) {
      if (event === 'execution') {
        const summary = JSON.parse(data) as Summary;
        workflowId = summary.workflowId;
        emit({ type: 'executionStart', execution: { ...summary, nodes: {} } });
        // The server streams what happens from now on; what ran before the stream opened is in the record.
        const sofar = await getExecution(client, executionId);
        for (const run of sofar ? recorded(sofar) : []) tell(run, workflowId);
      } else if (event === 'nodeStart') {
        const start = JSON.parse(data) as Omit<Extract<EngineEvent, { type: 'nodeStart' }>, 'type'>;
        if (!told.has(`${start.nodeId}#${start.runIndex}`)) emit({ type: 'nodeStart', ...start });
      } else if (event === 'nodeFinish') {
        const { run } = JSON.parse(data) as { run: Omit<NodeRun, 'input' | 'output'> };
        const key = `${run.nodeId}#${run.runIndex}`;
        if (told.has(key)) continue;
        told.add(key);
        // The stream leaves a run's items out; the record this resolves with has them.
        emit({ type: 'nodeFinish', executionId, workflowId, run: { ...run, input: {}, output: {} } });
      } else if (event === 'executionFinish') {
        break;
      }
    }
  } catch (error) {
    if (refusal) throw refusal;
    if (!stream.signal.aborted) throw error;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    stream.abort();
  }
  if (refusal) throw refusal;
  const execution = await getExecution(client, executionId);
  if (!execution) throw new HttpStorageError('STORAGE_FAILED', `Execution '${executionId}' is no longer on the server.`);
  if (execution.status === 'running') {
    throw new HttpStorageError(
      'STORAGE_FAILED',
      `The event stream of execution '${executionId}' ended while the execution was still running.`,
    );
  }
  for (const run of recorded(execution)) tell(run, execution.workflowId);
  emit({ type: 'executionFinish', execution });
  return execution;
}
