// Postgres's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** A Postgres credential's fields. */
export const postgresFields = z.object({
  host: z.string().trim().min(1, 'must not be empty').meta({ label: 'Host', placeholder: 'db.example.com' }),
  port: z.number().int().min(1).max(65535).default(5432).meta({ label: 'Port' }),
  database: z.string().trim().min(1, 'must not be empty').default('postgres').meta({ label: 'Database' }),
  user: z.string().trim().min(1, 'must not be empty').meta({ label: 'User' }),
  password: z.string().default('').meta({ label: 'Password', secret: true }),
  ssl: z
    .enum(['disable', 'require'])
    .default('disable')
    .meta({
      label: 'SSL',
      options: [
        { value: 'disable', label: 'Disable' },
        { value: 'require', label: 'Require (TLS, the certificate checked)' },
      ],
    }),
  allowUnauthorizedCerts: z
    .boolean()
    .default(false)
    .meta({
      label: 'Ignore TLS certificate errors',
      description:
        'Accept a certificate that does not verify (self-signed). Anyone between here and the server can then read the password.',
      displayOptions: { show: { ssl: ['require'] } },
    }),
});

/** A Postgres credential's fields, defaults applied. */
export type PostgresCredentialData = z.output<typeof postgresFields>;

/**
 * A PostgreSQL server's address and login. The Postgres node reads it to
 * connect (the protocol is not HTTP); it allows no HTTP host, so an HTTP
 * Request node given one sends it nowhere.
 */
export const postgresCredential = defineCredentialType({
  name: 'postgres',
  displayName: 'Postgres',
  description: 'A PostgreSQL server to connect to: host, port, database, user, password and SSL.',
  documentationUrl: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS',
  properties: postgresFields,
  readableByNodes: true,
  authenticate: { type: 'custom', sign: () => undefined },
  allowedHosts: [],
});
