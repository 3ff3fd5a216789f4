import { defineCredentialType, type CredentialType } from './credential-type.js';
import { totpFields } from '../nodes/data/totp/totp-fields.js';

/**
 * The shared secret of a time-based one-time password (the TOTP node's
 * `totp` slot). The node reads it to compute codes; it is never sent over
 * HTTP, so it allows no host.
 */
export const totpCredential: CredentialType = defineCredentialType({
  name: 'totp',
  displayName: 'TOTP',
  description: 'The base32 secret of a two-factor login, to generate its time-based one-time codes.',
  properties: totpFields,
  readableByNodes: true,
  authenticate: { type: 'custom', sign: () => undefined },
  allowedHosts: [],
});
