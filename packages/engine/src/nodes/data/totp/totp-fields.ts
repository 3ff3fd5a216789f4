import { z } from 'zod';
import { decodeBase32 } from './totp-code.js';

/** A TOTP credential's fields: the shared secret and the account it is for. */
export const totpFields = z.object({
  secret: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .refine((s) => (decodeBase32(s)?.length ?? 0) > 0, 'must be base32 text (the letters A-Z and the digits 2-7), as the service shows it')
    .meta({ label: 'Secret', description: 'The base32 key the service gives when two-factor login is set up.', secret: true }),
  label: z.string().default('').meta({
    label: 'Label',
    description:
      'The issuer and account the secret is for, as `issuer:account` (GitHub:ada). It names the secret; the codes do not depend on it.',
    placeholder: 'GitHub:ada',
  }),
});

/** A TOTP credential's fields, defaults applied. */
export type TotpCredentialData = z.output<typeof totpFields>;
