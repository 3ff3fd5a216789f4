import type { Execution, ExecutionMode, ExecutionStatus, Storage } from '@flowloom/engine';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import { until } from './assert.js';
import { settle } from './fixture.js';

/** When the synthetic history starts: executions are one minute apart from here. */
export const HISTORY_START = Date.UTC(2026, 0, 1, 8, 0, 0);

/** The fields of a synthetic execution that vary. */
export interface PastRun {
  index: number;
  workflowId?: string;
  status?: ExecutionStatus;
  mode?: ExecutionMode;
  error?: string;
  /** Run time in ms (default 1,000 + index). */
  durationMs?: number;
}

/** A stored execution, without node runs, as the engine would have written it: `exec-00042` started 42 minutes after `HISTORY_START`. */
export function pastExecution({
  index,
  workflowId = 'sample',
  status = 'success',
  mode = 'manual',
  error,
  durationMs,
}: PastRun): Execution {
  const started = HISTORY_START + index * 60_000;
  return {
    id: `exec-${String(index).padStart(5, '0')}`,
    workflowId,
    tenantId: 'default',
    status,
    mode,
    startedAt: new Date(started).toISOString(),
    ...(status === 'running' || status === 'waiting' ? {} : { finishedAt: new Date(started + (durationMs ?? 1000 + index)).toISOString() }),
    ...(error ? { error: { name: 'NodeExecutionError', code: 'NODE_FAILED', message: error } } : {}),
    nodes: {},
  };
}

/** Writes executions through the storage, a batch of concurrent writes at a time. */
export async function storeExecutions(storage: Storage, executions: readonly Execution[], batch = 500): Promise<void> {
  for (let i = 0; i < executions.length; i += batch) {
    await Promise.all(executions.slice(i, i + batch).map((e) => storage.executions.create(e)));
  }
}

/** The "Runs" panel's shadow root, opened from the toolbar, once its list has answered. */
export async function openHistory(el: WorkflowEditor): Promise<ShadowRoot> {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.history-button')!;
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  const panel = await until(() => el.shadowRoot!.querySelector('wf-history-panel[open]')?.shadowRoot, 'the Runs panel opened');
  await historySettled(el, panel);
  return panel;
}

/** Waits until the panel's list is loaded (its status line is no longer busy). */
export async function historySettled(el: WorkflowEditor, panel: ShadowRoot): Promise<void> {
  // The render that follows the action first (a load marks the list busy before it answers).
  await (panel.host as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  await settle(el);
  await until(() => panel.querySelector('.summary[aria-busy="false"]') ?? panel.querySelector('.run'), 'the run history loaded');
  await settle(el);
}

/** The execution ids of the rows the panel lists, in order. */
export function listedIds(panel: ShadowRoot): string[] {
  return [...panel.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => tr.dataset['id'] ?? '');
}
