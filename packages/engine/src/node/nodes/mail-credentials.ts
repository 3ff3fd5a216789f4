import type { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { NodeContext } from '../../nodes/node-context.js';

/**
 * The credential in a node's slot (`ctx.credentialData`: sharing rules, the
 * audit entry, redaction, the host's answer in an isolated execution),
 * checked against a mail credential's fields and with their defaults.
 */
export async function mailCredential<S extends z.ZodType>(ctx: NodeContext, slot: string, fields: S): Promise<z.output<S>> {
  const data = await ctx.credentialData(slot);
  const parsed = fields.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `field '${issue.path.join('.')}' ` : '';
  throw new NodeExecutionError(
    `Node '${ctx.node.name}': the credential in slot '${slot}' is not a valid ${slot.toUpperCase()} credential: ${where}${issue?.message ?? 'invalid'}.`,
    { code: 'CREDENTIAL_INVALID', retryable: false },
  );
}
