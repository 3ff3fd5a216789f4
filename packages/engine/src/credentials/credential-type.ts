import { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { OAuth2Config } from './oauth2/oauth2-config.js';

declare module 'zod' {
  interface GlobalMeta {
    /** Marks a credential field as secret: encrypted, masked when listed, redacted from runs. */
    secret?: boolean;
  }
}

const CREDENTIAL_TYPE = Symbol.for('flowloom.credentialType');

/** A request as a custom signer sees it: it may change the URL and headers. */
export interface SignableRequest {
  url: URL;
  method: string;
  headers: Headers;
  /** The body as sent, when it is a string (what HMAC schemes sign). */
  body: string | undefined;
}

/**
 * How a credential signs a request:
 * - `header`: one header (`X-API-Key: ...`);
 * - `query`: one query parameter;
 * - `basic`: HTTP Basic with a user name and password;
 * - `bearer`: `Authorization: Bearer <token>`;
 * - `headers`: several headers at once;
 * - `oauth2`: an OAuth2 access token the engine obtains and refreshes;
 * - `custom`: a function that signs the request (HMAC schemes).
 */
export type CredentialAuthentication =
  | { type: 'header'; name: string; value: string }
  | { type: 'query'; name: string; value: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'headers'; headers: Readonly<Record<string, string>> }
  | {
      type: 'oauth2';
      config: OAuth2Config;
      /**
       * Runs after the access token is set, for a provider whose API host
       * depends on the account (Mailchimp's data center): it may move the
       * request; the destination is checked again.
       */
      sign?(request: SignableRequest, token: { extra: Readonly<Record<string, string>> }): void | Promise<void>;
    }
  | { type: 'custom'; sign(request: SignableRequest): void | Promise<void> };

/** The request `test` sends to prove a credential works; a 2xx answer passes, unless `verify` finds a problem in it. */
export interface CredentialTestRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Reads a 2xx answer for services that report failure in the body (Slack
   * answers `{ "ok": false, "error": "invalid_auth" }` with HTTP 200): returns
   * why the credential does not work, or undefined when it does. `body` is
   * the parsed JSON, or the text when it is not JSON.
   */
  verify?: (answer: { status: number; body: unknown }) => string | undefined;
}

/** A webhook call as a credential type checks it: the raw body, exactly as it arrived (signatures cover bytes). */
export interface WebhookCall {
  method: string;
  /** The full URL the service called. */
  url: string;
  headers: Headers;
  body: Uint8Array;
}

/**
 * A function of a credential's data, checked bivariantly so a type declared
 * for specific data fits where any credential type is accepted.
 */
type DataFunction<D, R> = { fn(data: D): R }['fn'];

/** A zod object schema describing a credential's fields. */
export type CredentialPropertiesSchema = z.ZodObject<z.ZodRawShape>;

/** What `defineCredentialType` takes. */
export interface CredentialTypeDefinition<S extends CredentialPropertiesSchema = CredentialPropertiesSchema> {
  /** Unique name, the value of a node slot's `type`: `apiKey`, `slackApi`. */
  name: string;
  displayName: string;
  description?: string;
  /** Where a user finds out how to get these values. */
  documentationUrl?: string;
  /** The fields, with UI hints in `.meta()`; secret fields carry `.meta({ secret: true })`. */
  properties: S;
  /** How a request is signed with this credential's data. */
  authenticate: CredentialAuthentication | DataFunction<z.output<S>, CredentialAuthentication>;
  /**
   * Hosts this credential may be sent to: `api.slack.com`, `*.slack.com`
   * (any subdomain), `*` (anywhere). Requests to other hosts are refused,
   * after redirects too. Generic types read the list from a field.
   */
  allowedHosts: readonly string[] | DataFunction<z.output<S>, readonly string[]>;
  /** A request that proves the credential works (`manager.test(id)`). */
  test?: DataFunction<z.output<S>, CredentialTestRequest>;
  /**
   * Hands the fields, secrets included, to the nodes whose slots take this
   * type (`ctx.credentialData(slot)`), for services spoken to over another
   * protocol than HTTP (SMTP, IMAP, a database driver): the node connects
   * with them itself, so no destination binding applies beyond what the node
   * checks. Off by default: a type that signs HTTP requests keeps its secrets
   * in the engine, and the node only ever sends requests with it. Such a
   * type usually allows no HTTP host (`allowedHosts: []`).
   */
  readableByNodes?: boolean;
  /**
   * Checks that a webhook call comes from the service (its signature, made
   * with the signing secret this credential holds), at `now` (epoch ms, for
   * replay windows): resolves with why it does not, or undefined when it
   * does. Runs in the credentials layer: node code never sees the secret.
   * A service that checks calls by asking its own API (PayPal's
   * verify-webhook-signature) uses `fetch`: requests signed with this
   * credential, through the engine's fetch port, only to its `allowedHosts`.
   */
  verifyWebhook?: {
    fn(data: z.output<S>, call: WebhookCall, now: number, fetch: SignedFetch): Promise<string | undefined> | string | undefined;
  }['fn'];
}

/** Sends a request signed with one credential, to the hosts it may be sent to (what `verifyWebhook` may call). */
export type SignedFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A registered credential type: the frozen definition plus its secret field names. */
export type CredentialType<S extends CredentialPropertiesSchema = CredentialPropertiesSchema> = Readonly<CredentialTypeDefinition<S>> & {
  /** Top-level fields marked `secret`. */
  readonly secretFields: readonly string[];
  readonly [CREDENTIAL_TYPE]: true;
};

const NAME = /^[a-zA-Z][\w.-]*$/;

/**
 * Declares a credential type. Register it with `createEngine({ credentialTypes })`.
 *
 * @example
 * const acmeApi = defineCredentialType({
 *   name: 'acmeApi', displayName: 'Acme API',
 *   properties: z.object({ apiKey: z.string().min(1).meta({ label: 'API key', secret: true }) }),
 *   authenticate: (data) => ({ type: 'header', name: 'X-Acme-Key', value: data.apiKey }),
 *   allowedHosts: ['api.acme.com'],
 *   test: () => ({ url: 'https://api.acme.com/v1/me' }),
 * });
 */
export function defineCredentialType<S extends CredentialPropertiesSchema>(definition: CredentialTypeDefinition<S>): CredentialType<S> {
  const d = definition as Partial<CredentialTypeDefinition<S>>;
  const problems: string[] = [];
  if (typeof d.name !== 'string' || !NAME.test(d.name))
    problems.push(`name must be an identifier such as "acmeApi", got ${JSON.stringify(d.name)}`);
  if (typeof d.displayName !== 'string' || d.displayName.trim() === '') problems.push('displayName must be a non-empty string');
  if (!(d.properties instanceof z.ZodObject)) problems.push('properties must be a zod object schema');
  if (typeof d.authenticate !== 'function' && (typeof d.authenticate !== 'object' || d.authenticate === null)) {
    problems.push('authenticate must be an authentication declaration or a function returning one');
  }
  if (typeof d.allowedHosts !== 'function' && !Array.isArray(d.allowedHosts)) {
    problems.push('allowedHosts must be a list of host patterns or a function of the data returning one');
  }
  if (d.readableByNodes !== undefined && typeof d.readableByNodes !== 'boolean') problems.push('readableByNodes must be true or false');
  if (problems.length > 0) {
    const name = typeof d.name === 'string' ? `Credential type '${d.name}'` : 'Credential type';
    throw new FlowloomError('CREDENTIAL_TYPE_INVALID', `${name} is not valid: ${problems.join('; ')}.`);
  }
  return Object.freeze({
    ...definition,
    secretFields: Object.freeze(secretFieldsOf(definition.properties)),
    [CREDENTIAL_TYPE]: true as const,
  });
}

const LAZY_CREDENTIAL_TYPE = Symbol.for('flowloom.lazyCredentialType');

/**
 * The light stand-in of a credential type that loads on first use: its name
 * and display name (what a list of types shows), and where the type loads
 * from. An engine given one loads the full type, with the same name, before
 * it validates, masks, tests or signs with a credential of that type, so a
 * page that offers many services does not load every form and signer up
 * front.
 */
export interface LazyCredentialType {
  readonly name: string;
  readonly displayName: string;
  readonly description?: string;
  readonly lazy: true;
  load(): Promise<CredentialType>;
  readonly [LAZY_CREDENTIAL_TYPE]: true;
}

/** Declares the stand-in of a credential type that loads on first use (see `LazyCredentialType`). */
export function defineLazyCredentialType(stub: {
  name: string;
  displayName: string;
  description?: string;
  load: () => Promise<CredentialType>;
}): LazyCredentialType {
  const problems: string[] = [];
  if (typeof stub?.name !== 'string' || !NAME.test(stub.name))
    problems.push(`name must be an identifier such as "acmeApi", got ${JSON.stringify(stub?.name)}`);
  if (typeof stub?.displayName !== 'string' || stub.displayName.trim() === '') problems.push('displayName must be a non-empty string');
  if (typeof stub?.load !== 'function') problems.push('load must be a function returning the credential type');
  if (problems.length > 0)
    throw new FlowloomError('CREDENTIAL_TYPE_INVALID', `Credential type stand-in is not valid: ${problems.join('; ')}.`);
  return Object.freeze({ ...stub, lazy: true as const, [LAZY_CREDENTIAL_TYPE]: true as const });
}

/** Whether a value was made by `defineLazyCredentialType` (in any copy of the library). */
export function isLazyCredentialType(value: unknown): value is LazyCredentialType {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LAZY_CREDENTIAL_TYPE] === true;
}

/** Whether a value was made by `defineCredentialType` (in any copy of the library). */
export function isCredentialType(value: unknown): value is CredentialType {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CREDENTIAL_TYPE] === true;
}

/** The authentication a type declares for some data. */
export function authenticationOf(type: CredentialType, data: Record<string, unknown>): CredentialAuthentication {
  return typeof type.authenticate === 'function' ? type.authenticate(data) : type.authenticate;
}

/** The host patterns a credential may be sent to. */
export function allowedHostsOf(type: CredentialType, data: Record<string, unknown>): readonly string[] {
  return typeof type.allowedHosts === 'function' ? type.allowedHosts(data) : type.allowedHosts;
}

function secretFieldsOf(schema: CredentialPropertiesSchema): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) if (isSecret(field as z.ZodType)) out.push(key);
  return out;
}

function isSecret(schema: z.ZodType): boolean {
  // `.meta()` belongs to the exact schema it was called on; look through wrappers.
  for (let s: z.ZodType | undefined = schema; s;) {
    if (s.meta()?.secret === true) return true;
    const def = s.def as { innerType?: z.ZodType };
    s = def.innerType;
  }
  return false;
}
