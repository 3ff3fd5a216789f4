import { z } from 'zod';
import { fromBase64, utf8Decode, utf8Encode } from '../binary/bytes.js';
import { isHmac, JWT_ALGORITHMS, KeyCache, loadJose } from '../nodes/data/jwt/jwt-keys.js';
import { CredentialError } from './credential.error.js';
import { defineCredentialType, type CredentialType } from './credential-type.js';

/**
 * Whether two strings are equal, in time that depends on neither of them:
 * both are hashed first, so neither the length nor the first differing
 * character of the expected value shows in how long the answer takes.
 */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const { sha256 } = await import('@noble/hashes/sha2.js');
  const a = sha256(utf8Encode(given));
  const b = sha256(utf8Encode(expected));
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * A credential that checks the calls a Webhook or Form Trigger receives: the
 * engine reads it in its credentials layer when a call arrives and never
 * sends it anywhere, so it allows no host and signs nothing.
 */
const checksIncomingCalls = {
  authenticate: { type: 'custom' as const, sign: () => undefined },
  allowedHosts: [] as const,
};

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/=_-]+)[ \t]*$/i;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The user name and password a call's `Authorization: Basic` header holds; undefined when it holds none. */
export function basicCredentialsOf(header: string | null): { username: string; password: string } | undefined {
  const encoded = header === null ? undefined : BASIC.exec(header)?.[1];
  if (encoded === undefined) return undefined;
  let text: string;
  try {
    text = utf8Decode(fromBase64(encoded));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The token of a call's `Authorization: Bearer` header; undefined when it holds none. */
export function bearerTokenOf(header: string | null): string | undefined {
  return header === null ? undefined : BEARER.exec(header)?.[1];
}

/** HTTP Basic authentication a webhook caller must send (`Authorization: Basic ...`). */
export const webhookBasicAuthCredential: CredentialType = defineCredentialType({
  name: 'webhookBasicAuth',
  displayName: 'Webhook basic auth',
  description: 'The user name and password callers of a Webhook or Form Trigger must send (HTTP Basic).',
  properties: z.object({
    username: z.string().min(1, 'must not be empty').meta({ label: 'User name' }),
    password: z.string().min(1, 'must not be empty').meta({ label: 'Password', secret: true }),
  }),
  ...checksIncomingCalls,
  async verifyWebhook(data, call) {
    const header = call.headers.get('authorization');
    if (header === null) return 'it sends no Authorization header; send the user name and password with HTTP Basic authentication';
    const given = basicCredentialsOf(header);
    if (!given) return 'its Authorization header does not hold HTTP Basic credentials ("Basic " and base64 of "user:password")';
    // Both are compared, whichever differs, so the time taken does not tell which one is wrong.
    const [user, password] = await Promise.all([
      constantTimeEqual(given.username, data.username),
      constantTimeEqual(given.password, data.password),
    ]);
    return user && password ? undefined : 'the user name or password is wrong';
  },
});

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header, with a secret value, a webhook caller must send (`X-Webhook-Token: ...`). */
export const webhookHeaderAuthCredential: CredentialType = defineCredentialType({
  name: 'webhookHeaderAuth',
  displayName: 'Webhook header auth',
  description: 'A header, and its secret value, that callers of a Webhook must send.',
  properties: z.object({
    name: z.string().trim().regex(HEADER_NAME, 'must be a header name such as "X-Webhook-Token"').meta({
      label: 'Header name',
      placeholder: 'X-Webhook-Token',
    }),
    value: z.string().min(1, 'must not be empty').meta({ label: 'Value', secret: true }),
  }),
  ...checksIncomingCalls,
  async verifyWebhook(data, call) {
    const given = call.headers.get(data.name);
    if (given === null) return `it sends no ${data.name} header`;
    return (await constantTimeEqual(given, data.value)) ? undefined : `its ${data.name} header does not hold the expected value`;
  },
});

const asymmetric = JWT_ALGORITHMS.filter((a) => !isHmac(a));
const hmac = JWT_ALGORITHMS.filter(isHmac);

/** The keys of the JWT credentials checked so far (a PEM key is parsed once). */
let keys: Promise<KeyCache> | undefined;

/** A JSON Web Token a webhook caller must send (`Authorization: Bearer <token>`), signed with a secret or a private key. */
export const webhookJwtAuthCredential: CredentialType = defineCredentialType({
  name: 'webhookJwtAuth',
  displayName: 'Webhook JWT',
  description: 'Callers of a Webhook send a JSON Web Token (Authorization: Bearer), checked with this secret or public key.',
  properties: z
    .object({
      algorithm: z.enum(JWT_ALGORITHMS).default('HS256').meta({ label: 'Algorithm' }),
      secret: z
        .string()
        .optional()
        .meta({
          label: 'Secret',
          description: 'The HMAC key (HS256/384/512).',
          secret: true,
          displayOptions: { show: { algorithm: hmac } },
        }),
      publicKey: z
        .string()
        .optional()
        .meta({
          label: 'Public key',
          description: 'PEM public key ("BEGIN PUBLIC KEY") or certificate ("BEGIN CERTIFICATE") the tokens are checked with.',
          editor: 'multiline',
          displayOptions: { show: { algorithm: asymmetric } },
        }),
    })
    .superRefine((d, ctx) => {
      if (isHmac(d.algorithm) && !d.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: `is required for ${d.algorithm}` });
      if (!isHmac(d.algorithm) && !d.publicKey?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['publicKey'], message: `is required for ${d.algorithm}: a PEM public key or certificate` });
      }
    }),
  ...checksIncomingCalls,
  async verifyWebhook(data, call, now) {
    const token = bearerTokenOf(call.headers.get('authorization'));
    if (token === undefined) return 'it sends no token; send a JSON Web Token as "Authorization: Bearer <token>"';
    const jose = await loadJose();
    const cache = await (keys ??= Promise.resolve(new KeyCache(jose)));
    const key = await cache.verifyingKey(
      data.algorithm,
      data.secret,
      data.publicKey,
      undefined,
      (parameter, problem) => new CredentialError('CREDENTIAL_INVALID', `the credential's '${parameter}' ${problem}`),
    );
    try {
      await jose.jwtVerify(token, key, { algorithms: [data.algorithm], currentDate: new Date(now) });
      return undefined;
    } catch (error) {
      // jose's messages name the claim or check that failed, never the key.
      return `its token is not valid: ${(error as Error).message}`;
    }
  },
});

/** The credential types that check calls to a Webhook (and a Form Trigger's basic auth). */
export const webhookAuthCredentialTypes: readonly CredentialType[] = [
  webhookBasicAuthCredential,
  webhookHeaderAuthCredential,
  webhookJwtAuthCredential,
];
