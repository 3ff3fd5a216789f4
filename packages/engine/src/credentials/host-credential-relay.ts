import { CredentialSession } from './credential-session.js';
import type { CredentialRelay, RelayedRun } from './credential-relay.js';
import type { CredentialsManager } from './credentials-manager.js';
import type { FetchFunction } from './fetch-function.js';
import type { Redactor } from './redactor.js';

/**
 * The host's answer to one isolated execution's credential use: a real
 * `CredentialSession` per execution (the run and the sub-workflows it starts),
 * on the host's manager, for `tenantId` only. Sharing checks, destination
 * binding, OAuth2 refresh, the audit trail and `knownSecrets` work exactly as
 * in process; every secret decrypted is taught to `redactor`, which the
 * isolation applies to everything the worker records.
 */
export function hostCredentialRelay(
  manager: CredentialsManager,
  options: { tenantId: string; redactor: Redactor; fetch?: FetchFunction },
): CredentialRelay {
  const sessions = new Map<string, CredentialSession>();
  const session = (run: RelayedRun) => {
    let found = sessions.get(run.executionId);
    if (!found) {
      found = new CredentialSession(
        manager,
        { tenantId: options.tenantId, workflowId: run.workflowId, executionId: run.executionId },
        options.redactor,
        options.fetch,
      );
      sessions.set(run.executionId, found);
    }
    return found;
  };
  return {
    prepare: (run, node) => session(run).prepare(node, node.slots),
    fetch: (run, node, slot, input, init, signal) => session(run).fetch(node, node.slots, slot, input, init, signal),
    data: (run, node, slot) => session(run).data(node, node.slots, slot),
  };
}
