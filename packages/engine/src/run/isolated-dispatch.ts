import type { CredentialsManager } from '../credentials/credentials-manager.js';
import { hostCredentialRelay } from '../credentials/host-credential-relay.js';
import { Redactor } from '../credentials/redactor.js';
import type { RetryInternals } from '../executions/execution-history.js';
import { runsInOrder } from '../executions/retry.js';
import type { Clock } from '../ports/clock.js';
import type { FetchFunction } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import type { IsolatedRunRequest } from '../isolation/execution-protocol.js';
import type { Storage } from '../storage/storage.js';
import type { TriggeredRun } from './engine-internals.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution } from '../model/execution.js';

/** What the engine hands over to run one execution in its isolation. */
export interface IsolatedDispatch {
  isolation: ExecutionIsolation;
  storage: Storage;
  logger: Logger;
  credentials: CredentialsManager;
  fetch: FetchFunction;
  clock: Clock;
  /** Emits to engine-wide listeners, and to the run's own `onEvent` unless `nested`. */
  emit(event: EngineEvent, nested: boolean): void;
}

/** One isolated run, its settings already settled by the engine (validation, start node, deadline, `$vars`). */
export type IsolatedRunPlan = Omit<
  IsolatedRunRequest,
  'owner' | 'depth' | 'resume' | 'replay' | 'respond' | 'continueFrom' | 'redactValues'
> & {
  owner: string;
  signal: AbortSignal | undefined;
};

/**
 * Runs one execution in an isolated worker. Resumes, retries and webhook
 * runs go too: what they continue from crosses as data, a webhook reply
 * comes back as data, and credentials are used through the host's manager
 * (`hostCredentialRelay`), with their secrets redacted from what comes back.
 */
export async function dispatchIsolated(
  host: IsolatedDispatch,
  plan: IsolatedRunPlan,
  internal: Partial<TriggeredRun> & RetryInternals,
): Promise<Execution> {
  const { resume, respond, continueFrom } = internal;
  const { signal, ...fields } = plan;
  const request: IsolatedRunRequest = {
    ...fields,
    ...(internal.depth ? { depth: internal.depth } : {}),
    ...(resume ? { resume } : {}),
    ...(continueFrom ? { continueFrom } : {}),
    ...(respond ? { respond: true } : {}),
    ...(internal.redactValues?.length ? { redactValues: internal.redactValues } : {}),
  };
  if (internal.replay && internal.retryOf !== undefined) {
    // The replay's runs are those of the execution retried: read again here, to cross as plain data.
    const original = await host.storage.executions.get(plan.tenantId, internal.retryOf);
    const runs = original ? runsInOrder(original).filter((r) => r.status === 'success') : [];
    request.replay = { retryOf: internal.retryOf, runs };
  }
  const redactor = new Redactor();
  redactor.add(host.credentials.knownSecrets(plan.tenantId));
  if (internal.redactValues) redactor.addExact(internal.redactValues);
  return host.isolation.run(
    request,
    {
      storage: host.storage,
      logger: host.logger,
      emit: (event, nested) => host.emit(event, nested === true),
      credentials: hostCredentialRelay(host.credentials, { tenantId: plan.tenantId, redactor, fetch: host.fetch }),
      redactor,
      clock: host.clock,
      ...(respond ? { respond } : {}),
    },
    signal,
  );
}
