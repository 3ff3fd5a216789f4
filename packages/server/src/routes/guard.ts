import type { PolicyRequest } from '../auth/permissions.js';
import { ApiError } from '../errors/api.error.js';
import type { ServerContext } from './server-context.js';

/** Asks the host's policy, if any; a denial is a 403 carrying the policy's sentence. */
export async function checkPolicy(server: ServerContext, request: PolicyRequest): Promise<void> {
  if (!server.policy) return;
  const decision = await server.policy(request);
  if (decision === false) {
    throw new ApiError(403, 'POLICY_DENIED', `The host's policy does not allow '${request.operationId}'.`, {
      details: { permission: request.permission },
    });
  }
  if (typeof decision === 'object' && decision !== null) {
    throw new ApiError(403, 'POLICY_DENIED', decision.deny, { details: { permission: request.permission } });
  }
}
