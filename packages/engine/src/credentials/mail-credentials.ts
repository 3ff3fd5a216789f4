import { z } from 'zod';
import { defineCredentialType, type CredentialType } from './credential-type.js';

/** The fields a mail server credential has, SMTP or IMAP (their default ports differ). */
function mailServerFields(defaultPort: number) {
  return z.object({
    host: z.string().trim().min(1, 'must not be empty').meta({ label: 'Host', placeholder: 'mail.example.com' }),
    port: z.number().int().min(1).max(65535).default(defaultPort).meta({ label: 'Port' }),
    secure: z.boolean().default(true).meta({
      label: 'SSL/TLS',
      description:
        'Connect with TLS from the start (ports 465 and 993). Off: connect in plain text and upgrade with STARTTLS when the server offers it.',
    }),
    user: z.string().default('').meta({ label: 'User' }),
    password: z.string().default('').meta({ label: 'Password', secret: true }),
    allowUnauthorizedCerts: z.boolean().default(false).meta({
      label: 'Ignore TLS certificate errors',
      description:
        'Accept a certificate that does not verify (self-signed). Anyone between here and the server can then read the password.',
    }),
  });
}

/** An SMTP credential's fields. */
export const smtpFields = mailServerFields(465);
/** An IMAP credential's fields. */
export const imapFields = mailServerFields(993);

/** An SMTP credential's fields, defaults applied. */
export type SmtpCredentialData = z.output<typeof smtpFields>;
/** An IMAP credential's fields, defaults applied. */
export type ImapCredentialData = z.output<typeof imapFields>;

/**
 * A mail server credential is read by the node that connects to the server
 * (SMTP and IMAP are not HTTP), and never sent over HTTP: it allows no host,
 * so an HTTP Request node given one refuses to send it anywhere.
 */
const readByMailNodes = {
  readableByNodes: true,
  authenticate: { type: 'custom' as const, sign: () => undefined },
  allowedHosts: [] as const,
};

/** An SMTP server's address and login (the Send Email node's `smtp` slot). */
export const smtpCredential: CredentialType = defineCredentialType({
  name: 'smtp',
  displayName: 'SMTP',
  description: 'A mail server to send with: host, port, TLS, user and password.',
  properties: smtpFields,
  ...readByMailNodes,
});

/** An IMAP server's address and login (the Email Trigger's `imap` slot). */
export const imapCredential: CredentialType = defineCredentialType({
  name: 'imap',
  displayName: 'IMAP',
  description: 'A mailbox server to read from: host, port, TLS, user and password.',
  properties: imapFields,
  ...readByMailNodes,
});
