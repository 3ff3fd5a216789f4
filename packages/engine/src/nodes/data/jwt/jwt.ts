import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { utf8Decode } from '../../../binary/bytes.js';
import { defineNode } from '../../define-node.js';
import { fieldList } from '../shared/field-path.js';
import { parameterError, preview } from '../shared/node-error.js';
import { JWT_ALGORITHMS, KeyCache, isHmac, loadJose, type JwtAlgorithm } from './jwt-keys.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const asymmetric = JWT_ALGORITHMS.filter((a) => !a.startsWith('HS'));

const properties = z.object({
  operation: z
    .enum(['sign', 'decode', 'verify'])
    .default('sign')
    .meta({
      label: 'Operation',
      options: [
        { value: 'sign', label: 'Sign', description: 'Make a signed token from claims.' },
        { value: 'decode', label: 'Decode', description: 'Read a token without checking its signature.' },
        { value: 'verify', label: 'Verify', description: 'Check the signature and the time claims, then read the token.' },
      ],
    }),
  algorithm: z
    .enum(JWT_ALGORITHMS)
    .default('HS256')
    .meta({ label: 'Algorithm', displayOptions: show('sign', 'verify') }),
  secret: z
    .string()
    .optional()
    .meta({
      label: 'Secret',
      description: 'The HMAC key (HS256/384/512), usually an expression reading a variable: {{ $vars.JWT_SECRET }}.',
      displayOptions: { show: { operation: ['sign', 'verify'], algorithm: ['HS256', 'HS384', 'HS512'] } },
    }),
  privateKey: z
    .string()
    .optional()
    .meta({
      label: 'Private Key',
      description: 'PEM, PKCS#8 ("BEGIN PRIVATE KEY"), to sign; it can also verify when no public key is given.',
      editor: 'multiline',
      displayOptions: { show: { operation: ['sign', 'verify'], algorithm: asymmetric } },
    }),
  publicKey: z
    .string()
    .optional()
    .meta({
      label: 'Public Key',
      description: 'PEM public key ("BEGIN PUBLIC KEY") or certificate ("BEGIN CERTIFICATE"), to verify.',
      editor: 'multiline',
      displayOptions: { show: { operation: ['verify'], algorithm: asymmetric } },
    }),
  payload: z
    .unknown()
    .optional()
    .meta({
      label: 'Payload',
      description: 'The claims: an object, or JSON text of one, e.g. {{ { "userId": $json.id } }}.',
      editor: 'json',
      displayOptions: show('sign'),
    }),
  issuedAt: z
    .boolean()
    .default(true)
    .meta({ label: 'Add Issued At', description: 'Add an "iat" claim with the current time.', displayOptions: show('sign') }),
  expiresIn: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .meta({
      label: 'Expires In (Seconds)',
      description: 'Add an "exp" claim this long after now; 0 adds none.',
      displayOptions: show('sign'),
    }),
  notBefore: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .meta({
      label: 'Not Before (Seconds)',
      description: 'Add an "nbf" claim this long after now; 0 adds none.',
      displayOptions: show('sign'),
    }),
  issuer: z
    .string()
    .default('')
    .meta({
      label: 'Issuer',
      description: 'Sign: the "iss" claim. Verify: the "iss" the token must have.',
      displayOptions: show('sign', 'verify'),
    }),
  subject: z
    .string()
    .default('')
    .meta({ label: 'Subject', description: 'The "sub" claim.', displayOptions: show('sign') }),
  audience: z
    .string()
    .default('')
    .meta({
      label: 'Audience',
      description: 'Sign: the "aud" claim (comma-separated for several). Verify: an audience the token must name.',
      displayOptions: show('sign', 'verify'),
    }),
  jwtId: z
    .string()
    .default('')
    .meta({ label: 'JWT ID', description: 'The "jti" claim.', displayOptions: show('sign') }),
  keyId: z
    .string()
    .default('')
    .meta({ label: 'Key ID', description: 'The "kid" header.', displayOptions: show('sign') }),
  token: z
    .string()
    .default('')
    .meta({
      label: 'Token',
      description: 'The token, usually an expression such as {{ $json.token }}.',
      displayOptions: show('decode', 'verify'),
    }),
  complete: z
    .boolean()
    .default(false)
    .meta({
      label: 'Return Header and Signature',
      description: 'Output { header, payload, signature } instead of the payload alone.',
      displayOptions: show('decode', 'verify'),
    }),
  ignoreExpiration: z
    .boolean()
    .default(false)
    .meta({ label: 'Ignore Expiration', description: 'Accept tokens past their "exp" time.', displayOptions: show('verify') }),
  ignoreNotBefore: z
    .boolean()
    .default(false)
    .meta({ label: 'Ignore Not Before', description: 'Accept tokens before their "nbf" time.', displayOptions: show('verify') }),
  clockTolerance: z
    .number()
    .nonnegative()
    .default(0)
    .meta({ label: 'Clock Tolerance (Seconds)', description: 'Leeway for the time claims.', displayOptions: show('verify') }),
});

type Params = z.output<typeof properties>;

function claimsOf(nodeName: string, value: unknown, itemIndex: number): Record<string, unknown> {
  let claims: unknown = value ?? {};
  if (typeof claims === 'string') {
    try {
      claims = claims.trim() === '' ? {} : (JSON.parse(claims) as unknown);
    } catch (error) {
      throw parameterError(nodeName, 'payload', `must be an object or JSON text of one: ${(error as Error).message}`, itemIndex);
    }
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw parameterError(nodeName, 'payload', `must be an object or JSON text of one, got ${preview(claims)}`, itemIndex);
  }
  return { ...(claims as Record<string, unknown>) };
}

/** The three parts of a compact token, decoded; fails naming the parameter when it is not one. */
function decodeParts(nodeName: string, token: string, itemIndex: number, decode: (part: string) => string) {
  const fail = (problem: string) => parameterError(nodeName, 'token', problem, itemIndex);
  if (token.trim() === '') throw fail('is empty; give the token to read, e.g. {{ $json.token }}');
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    throw fail(`is not a JSON Web Token: it has ${parts.length} part${parts.length === 1 ? '' : 's'} where a signed token has 3`);
  const read = (part: string, what: string): Record<string, unknown> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decode(part));
    } catch {
      throw fail(`is not a JSON Web Token: its ${what} is not base64url-encoded JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw fail(`is not a JSON Web Token: its ${what} is not a JSON object`);
    return parsed as Record<string, unknown>;
  };
  return { header: read(parts[0]!, 'header'), payload: read(parts[1]!, 'payload'), signature: parts[2]! };
}

/** A token that fails verification: not a parameter mistake, but data to route with the node's onError setting. */
function invalidToken(nodeName: string, reason: string, itemIndex: number): NodeExecutionError {
  return new NodeExecutionError(`Node '${nodeName}': the token in parameter 'token' ${reason} (item ${itemIndex}).`, {
    code: 'JWT_INVALID',
    retryable: false,
    details: { parameter: 'token', itemIndex },
  });
}

function checkClaims(nodeName: string, p: Params, payload: Record<string, unknown>, nowSeconds: number, itemIndex: number): void {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  const time = (claim: 'exp' | 'nbf'): number | undefined => {
    const v = payload[claim];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw invalidToken(nodeName, `has an "${claim}" claim that is not a number of seconds`, itemIndex);
    return v;
  };
  const exp = time('exp');
  if (exp !== undefined && !p.ignoreExpiration && nowSeconds - p.clockTolerance >= exp) {
    throw invalidToken(nodeName, `expired at ${iso(exp)}`, itemIndex);
  }
  const nbf = time('nbf');
  if (nbf !== undefined && !p.ignoreNotBefore && nowSeconds + p.clockTolerance < nbf) {
    throw invalidToken(nodeName, `is not valid before ${iso(nbf)}`, itemIndex);
  }
  if (p.issuer !== '' && payload.iss !== p.issuer) {
    throw invalidToken(nodeName, `was issued by ${JSON.stringify(payload.iss ?? null)}, not ${JSON.stringify(p.issuer)}`, itemIndex);
  }
  if (p.audience !== '') {
    const wanted = fieldList(p.audience);
    const has = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!wanted.some((a) => has.includes(a))) {
      throw invalidToken(
        nodeName,
        `is for audience ${JSON.stringify(payload.aud ?? null)}, not ${wanted.map((a) => JSON.stringify(a)).join(' or ')}`,
        itemIndex,
      );
    }
  }
}

/** Signs, decodes and verifies JSON Web Tokens (HMAC, RSA, RSA-PSS, ECDSA and EdDSA). */
export const jwtNode = defineNode({
  type: 'core.jwt',
  version: 1,
  displayName: 'JWT',
  description: 'Signs, decodes and verifies JSON Web Tokens with a secret (HS256/384/512) or a PEM key pair (RS, PS, ES, EdDSA).',
  group: 'data',
  icon: 'key-square',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const jose = await loadJose();
    const keys = new KeyCache(jose);
    const decode = (part: string) => utf8Decode(jose.base64url.decode(part));
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const p = ctx.params(i);
      const fail = (parameter: string, problem: string) => parameterError(name, parameter, problem, i);
      const nowSeconds = Math.floor(ctx.now() / 1000);
      let json: Record<string, unknown>;
      if (p.operation === 'sign') {
        const claims = claimsOf(name, p.payload, i);
        if (p.issuedAt) claims.iat = nowSeconds;
        if (p.expiresIn > 0) claims.exp = nowSeconds + p.expiresIn;
        if (p.notBefore > 0) claims.nbf = nowSeconds + p.notBefore;
        if (p.issuer !== '') claims.iss = p.issuer;
        if (p.subject !== '') claims.sub = p.subject;
        if (p.jwtId !== '') claims.jti = p.jwtId;
        if (p.audience !== '') {
          const audience = fieldList(p.audience);
          claims.aud = audience.length === 1 ? audience[0] : audience;
        }
        const key = await keys.signingKey(p.algorithm, p.secret, p.privateKey, fail);
        const header: { alg: JwtAlgorithm; typ: string; kid?: string } = { alg: p.algorithm, typ: 'JWT' };
        if (p.keyId !== '') header.kid = p.keyId;
        json = { token: await new jose.SignJWT(claims).setProtectedHeader(header).sign(key) };
      } else {
        const token = p.token.trim();
        const parts = decodeParts(name, token, i, decode);
        if (p.operation === 'verify') {
          const alg = parts.header.alg;
          if (alg !== p.algorithm) {
            throw invalidToken(name, `is signed with ${JSON.stringify(alg ?? null)}, but parameter 'algorithm' expects ${p.algorithm}`, i);
          }
          const key = await keys.verifyingKey(p.algorithm, p.secret, p.publicKey, p.privateKey, fail);
          try {
            await jose.compactVerify(token, key, { algorithms: [p.algorithm] });
          } catch (error) {
            const code = (error as { code?: string }).code;
            throw invalidToken(
              name,
              code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
                ? `has a signature that does not match the ${isHmac(p.algorithm) ? 'secret' : 'key'}`
                : `cannot be verified: ${(error as Error).message}`,
              i,
            );
          }
          checkClaims(name, p, parts.payload, nowSeconds, i);
        }
        json = p.complete ? parts : parts.payload;
      }
      out[i] = { json, pairedItem: { item: i } };
    }
    return out;
  },
});
