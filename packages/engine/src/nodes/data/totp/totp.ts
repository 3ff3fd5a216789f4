import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';
import type { NodeContext } from '../../node-context.js';
import { decodeBase32, loadTotpHmac, TOTP_ALGORITHMS, totpAt } from './totp-code.js';
import { totpFields } from './totp-fields.js';

const properties = z.object({
  algorithm: z
    .enum(TOTP_ALGORITHMS)
    .default('SHA1')
    .meta({ label: 'Algorithm', description: 'The HMAC hash; authenticator apps use SHA1 unless the service says otherwise.' }),
  digits: z.number().int().min(1).max(10).default(6).meta({ label: 'Digits', description: 'How many digits a code has.' }),
  period: z
    .number()
    .int()
    .min(1)
    .default(30)
    .meta({ label: 'Period (Seconds)', description: 'How long each code is valid: a new one starts every period since the Unix epoch.' }),
});

/** The secret's bytes from the credential in slot `totp`, checked. */
async function secretOf(ctx: NodeContext): Promise<Uint8Array> {
  const parsed = totpFields.safeParse(await ctx.credentialData('totp'));
  const key = parsed.success ? decodeBase32(parsed.data.secret) : undefined;
  if (key && key.length > 0) return key;
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const why = issue ? `field '${issue.path.join('.')}' ${issue.message}` : "field 'secret' must be base32 text";
  throw new NodeExecutionError(`Node '${ctx.node.name}': the credential in slot 'totp' is not a valid TOTP credential: ${why}.`, {
    code: 'CREDENTIAL_INVALID',
    retryable: false,
  });
}

/**
 * TOTP (`core.totp`): the current time-based one-time password (RFC 6238) of
 * the secret in the credential of slot `totp`, on the engine's clock: one
 * `{ token, secondsRemaining }` per input item, for logging in to a service
 * that asks for a two-factor code.
 */
export const totpNode = defineNode({
  type: 'core.totp',
  version: 1,
  displayName: 'TOTP',
  description: 'Generates the current time-based one-time password (two-factor code) of a secret, and the seconds it stays valid.',
  group: 'data',
  icon: 'fingerprint',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'totp', type: 'totp', required: true }],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const [hmac, key] = await Promise.all([loadTotpHmac(), secretOf(ctx)]);
    const now = ctx.now();
    return items.map((_, i) => {
      const p = ctx.params(i);
      return { json: totpAt(hmac, { key, algorithm: p.algorithm, digits: p.digits, period: p.period }, now), pairedItem: { item: i } };
    });
  },
});
