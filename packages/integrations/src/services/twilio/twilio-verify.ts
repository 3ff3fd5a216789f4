import type { Item } from '@flowloom/engine';
import type { ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext } from '../../kit/service-types.js';

/**
 * A Verify v2 request. Verify lives on its own host, not below the service's
 * base URL, so the request goes to a full URL; it is signed like every call,
 * so it still goes only to Twilio's hosts.
 */
export function verifyRequest(resource: 'Verifications' | 'VerificationCheck', body: Readonly<Record<string, ValueSpec>>) {
  return async (op: OperationContext<{ serviceSid: string }>): Promise<Item[]> => {
    const url = `https://verify.twilio.com/v2/Services/${encodeURIComponent(op.params.serviceSid)}/${resource}`;
    const answer = await op.request({ method: 'POST', path: '', bodyType: 'form', body }, url);
    return [{ json: answer.body as Record<string, unknown> }];
  };
}
