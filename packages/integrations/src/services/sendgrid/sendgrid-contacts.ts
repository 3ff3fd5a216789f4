import { NodeExecutionError, type Item } from '@flowloom/engine';
import type { OperationContext } from '../../kit/service-types.js';
import { listOf } from './sendgrid-mail.js';

/**
 * Finds contacts by email address. Code rather than a request description
 * because SendGrid answers with an object keyed by address (`{ result: {
 * "ada@example.com": { contact } } }`), and with 404 when none matches:
 * each contact found becomes an item, and no match is no items.
 */
export async function findContactsByEmail(op: OperationContext<{ emails: string | readonly string[] }>): Promise<Item[]> {
  let body: unknown;
  try {
    ({ body } = await op.request({
      method: 'POST',
      path: '/v3/marketing/contacts/search/emails',
      body: { emails: listOf(op.params.emails) },
    }));
  } catch (error) {
    if (error instanceof NodeExecutionError && (error.details as { status?: number } | undefined)?.status === 404) return [];
    throw error;
  }
  const result = (body as { result?: Record<string, { contact?: Record<string, unknown> }> } | undefined)?.result ?? {};
  return Object.values(result).flatMap((match) => (match.contact ? [{ json: match.contact }] : []));
}
