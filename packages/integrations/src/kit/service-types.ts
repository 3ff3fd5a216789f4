// What a service is made of: the types of its description, and the parts of its parameters the kit adds.
import type { CredentialType, Item, NodeContext, NodeType } from '@flowloom/engine';
import { z } from 'zod';
import type { PaginationSpec, RequestSpec, ResponseSpec } from './request-spec.js';

/** An answer as the kit reads it, for a service's error and rate-limit rules. */
export interface VendorResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text, or undefined (empty or binary). */
  body: unknown;
}

/** A vendor's error, as a service reads it from an answer. */
export interface VendorError {
  /** The vendor's own code (`channel_not_found`, `21211`). */
  code?: string;
  message: string;
  /** The operation parameter the vendor complains about, when it says. */
  parameter?: string;
}

/** What an operation's code escape hatch receives. */
export interface OperationContext<P> {
  ctx: NodeContext;
  params: P;
  item: Item;
  itemIndex: number;
  /**
   * Sends a request to the service (base URL, credential, rate limits, vendor
   * errors) and returns its answer; `url`, when given, replaces the base URL,
   * path and query (an upload URL the service handed out). Every request is
   * signed, so it goes only to the hosts the credential may be sent to.
   */
  request(spec: RequestSpec, url?: string): Promise<VendorResponse>;
}

/** One thing a user can do with a service: its parameters, and its request and answer, as data. */
export interface OperationDefinition<S extends z.ZodObject<z.ZodRawShape> = z.ZodObject<z.ZodRawShape>> {
  displayName: string;
  description?: string;
  /** The parameters, with UI hints in `.meta()`; validated per item before the request is built. */
  params: S;
  /** The request, written as data with `param()` markers (or built from the parameters when it must be). */
  request?: RequestSpec | ((params: z.output<S>) => RequestSpec);
  response?: ResponseSpec;
  /** A list operation: how pages follow each other. Adds `returnAll` and `limit` parameters. */
  paginate?: PaginationSpec;
  /** Sends the service's idempotency header, the same for every try of one item in one execution. */
  idempotent?: boolean;
  /**
   * Needs no credential and sends none (a webhook URL that carries its own
   * token): requests go through the engine's fetch, and only to the
   * service's own hosts (its base URL's, and those its credential types may be sent to).
   */
  unsigned?: boolean;
  /** Code, only for an operation that is not one request (several calls, uploads in steps). Returns the item's output items. */
  execute?(op: OperationContext<z.output<S>>): Promise<Item[]>;
}

/** A group of operations (a message, a channel). */
export interface ResourceDefinition {
  displayName: string;
  operations: Readonly<Record<string, OperationDefinition>>;
}

/**
 * Where a parameter's choices come from (a base's tables, an object's
 * fields), as data: one request (every page of it when it pages), where the
 * entries are in the answer, and which of their fields are the value and the
 * label. A parameter names it with `.meta({ loadOptions: '<name>' })`.
 */
export interface LoadOptionsDefinition {
  /** The request, with `param()` markers and `{name}` path fields standing for the node's current parameters. */
  request: RequestSpec | ((params: Record<string, unknown>) => RequestSpec);
  paginate?: PaginationSpec;
  /** Where the entries are in an answer (`tables`, `fields`); default: the answer itself. */
  items?: string;
  /** The entry's field that is the choice's value (`id`, `name`). */
  value: string;
  /** The entry's field shown to the user (default: the value). */
  label?: string;
  /** An entry's field shown under the label. */
  description?: string;
  /** Keeps only the entries this says yes to (fields that can be written, say). */
  filter?: (entry: Record<string, unknown>) => boolean;
  /** The parameters the request reads: the editor asks again when one changes. */
  dependsOn?: readonly string[];
}

/** How a service says "slow down", besides HTTP 429 with `Retry-After`. */
export interface RateLimitRules {
  /** Headers holding the seconds to wait (after `Retry-After`): `X-RateLimit-Reset-After`. */
  retryAfterHeaders?: readonly string[];
  /** Headers holding the epoch second the limit resets: `X-RateLimit-Reset`. */
  resetHeaders?: readonly string[];
  /** Tries after the first (default 3). */
  maxRetries?: number;
  /** A wait longer than this fails instead (default 60,000 ms). */
  maxWaitMs?: number;
}

/** A service as data: what `defineService` takes. */
export interface ServiceDefinition {
  /** Lower-case id; the node type is `integrations.<id>`. */
  id: string;
  displayName: string;
  description?: string;
  /** An SVG data URL or an icon name, for the palette. */
  icon: string;
  docsUrl: string;
  /** Where paths start: `https://slack.com/api`. */
  baseUrl: string;
  /** The credential types a node of this service may use; the first filled slot signs its requests. */
  credentials: readonly CredentialType[];
  resources: Readonly<Record<string, ResourceDefinition>>;
  /** Reads a vendor error from an answer; undefined means success. Default: any status of 400 or more. */
  error?: (response: VendorResponse) => VendorError | undefined;
  rateLimit?: RateLimitRules;
  /** The header that carries an idempotency key (`Idempotency-Key`), for operations marked `idempotent`. */
  idempotencyHeader?: string;
  /** Where parameters' choices come from, by the name their `loadOptions` hint gives. */
  loadOptions?: Readonly<Record<string, LoadOptionsDefinition>>;
}

/** A service built by `defineService`: its definition and its node type. */
export interface Service {
  readonly definition: ServiceDefinition;
  readonly node: NodeType;
}

/** The operation every service gets: any method and path on its base URL, signed with its credential. */
export const CUSTOM_RESOURCE = 'custom';
export const CUSTOM_OPERATION = 'apiCall';

export const customParams = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET').meta({ label: 'Method' }),
  path: z.string().min(1).meta({ label: 'Path', placeholder: '/resource/id', description: 'Below the service\u2019s base URL.' }),
  query: z.record(z.string(), z.string()).optional().meta({ label: 'Query parameters' }),
  headers: z.record(z.string(), z.string()).optional().meta({ label: 'Headers' }),
  body: z.unknown().optional().meta({ label: 'Body (JSON)', editor: 'json' }),
});

const paginationParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

/** The parameters of one operation as it runs: its own, plus `returnAll` and `limit` when it lists pages. */
export function operationSchema(operation: OperationDefinition): z.ZodObject<z.ZodRawShape> {
  return operation.paginate ? operation.params.extend(paginationParams) : operation.params;
}
