import type { ExecutionStatus } from '@flowloom/engine';
import type { StringKey } from '../i18n/en.js';

/** How a run's status is shown: its words and its colour (error red, success green, the rest neutral). */
export interface RunStatusView {
  key: StringKey;
  tone: 'error' | 'success' | 'neutral';
}

/** The words and colour of a run's status in the run panel. */
export function runStatusView(status: ExecutionStatus): RunStatusView {
  switch (status) {
    case 'running':
      return { key: 'run.status.running', tone: 'neutral' };
    case 'success':
      return { key: 'run.status.success', tone: 'success' };
    case 'canceled':
      return { key: 'run.status.canceled', tone: 'neutral' };
    case 'waiting':
      return { key: 'run.status.waiting', tone: 'neutral' };
    case 'error':
    case 'crashed':
      return { key: 'run.status.error', tone: 'error' };
  }
}

/** What browsers say when `fetch` gets no answer at all (Chromium, Firefox, Safari). */
const FETCH_FAILED = /Failed to fetch|NetworkError when attempting to fetch resource|Load failed/;

/**
 * Why a request from the page got no answer, when a run error is the
 * browser's `TypeError` from `fetch` (which says nothing more): the browser
 * is offline, or the server could not be reached or refused the page's
 * cross-origin request (CORS), which the host's relay gets round. Undefined
 * for any other error.
 */
export function networkHint(message: string | undefined, online: boolean): 'run.hint.offline' | 'run.hint.refused' | undefined {
  if (!message || !FETCH_FAILED.test(message)) return undefined;
  return online ? 'run.hint.refused' : 'run.hint.offline';
}
