/**
 * How an operation's request and response are described: plain data, with
 * markers standing for the operation's validated parameters.
 */

const PARAM = Symbol.for('flowloom.integrations.param');
const BINARY = Symbol.for('flowloom.integrations.binary');

/** Stands for a parameter's value in a request description; an unset value leaves the field out. */
export interface ParamRef {
  readonly [PARAM]: string;
  /** Maps the value before it is sent (a number of seconds to a date, a list to a comma-separated text). */
  readonly map?: (value: unknown) => unknown;
}

/** Stands for a file of the current item (named by a parameter), sent as a multipart part or as the whole body. */
export interface BinaryRef {
  readonly [BINARY]: string;
}

/** The value of the parameter `name` (optionally mapped) where a request field is written. */
export function param(name: string, map?: (value: unknown) => unknown): ParamRef {
  return map ? { [PARAM]: name, map } : { [PARAM]: name };
}

/** The item's binary file named by the parameter `propertyParam` (whose value is the binary property, such as `data`). */
export function binaryFile(propertyParam: string): BinaryRef {
  return { [BINARY]: propertyParam };
}

export function isParamRef(value: unknown): value is ParamRef {
  return typeof value === 'object' && value !== null && PARAM in value;
}

export function isBinaryRef(value: unknown): value is BinaryRef {
  return typeof value === 'object' && value !== null && BINARY in value;
}

export function paramName(ref: ParamRef): string {
  return ref[PARAM];
}

export function binaryParamName(ref: BinaryRef): string {
  return ref[BINARY];
}

/** A request field: a constant, a parameter, a file, or an object or list of them. */
export type ValueSpec =
  ParamRef | BinaryRef | string | number | boolean | null | readonly ValueSpec[] | { readonly [key: string]: ValueSpec };

/** HTTP methods operations use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/**
 * One operation's request. `path` is below the service's base URL, with
 * `{name}` for a parameter (URL-encoded); `query`, `headers` and `body`
 * fields whose value is unset are left out.
 */
export interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: Readonly<Record<string, ValueSpec>>;
  headers?: Readonly<Record<string, ValueSpec>>;
  /** The body: an object of fields, or one parameter (sent as is), or a file. */
  body?: ValueSpec;
  /** How the body is encoded (default `json`). `form` is `application/x-www-form-urlencoded`; `multipart` is `multipart/form-data`; `binary` sends one file as the body. */
  bodyType?: 'json' | 'form' | 'multipart' | 'binary';
}

/** Where a page request carries a value. */
export interface PageField {
  in: 'query' | 'body';
  name: string;
}

/**
 * How a list operation moves from page to page.
 * - `cursor`: the answer names the next cursor (at `next`), sent back as `send`;
 * - `offset`: `offset` grows by the page size until a short page;
 * - `page`: a page number from `start` until a short or empty page;
 * - `linkHeader`: the `Link` header's `rel="next"` URL;
 * - `nextUrl`: the answer holds the next page's URL (absolute, or a path below `origin` or the base URL).
 */
export type PaginationSpec =
  | { type: 'cursor'; next: string; send: PageField; pageSize?: PageField & { value: number } }
  | { type: 'offset'; offset: PageField; pageSize: PageField & { value: number } }
  | { type: 'page'; page: PageField & { start?: number }; pageSize?: PageField & { value: number } }
  | { type: 'linkHeader'; pageSize?: PageField & { value: number } }
  | { type: 'nextUrl'; next: string; origin?: string; pageSize?: PageField & { value: number } };

/** What becomes of an answer. */
export interface ResponseSpec {
  /** Dot path to the part of the body that becomes items (a list: one item each; an object: one item). Default: the whole body. */
  items?: string;
  /** The body is a file, put in the item's binary under the property named by this parameter (default `data`). */
  binary?: { propertyParam?: string; fileName?: string };
  /** The answer has no useful body: the item is `{ success: true }` (default when the body is empty). */
  empty?: boolean;
}
