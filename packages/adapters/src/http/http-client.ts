import { checkOptions, OptionError } from '@flowloom/engine';
import { errorFromAnswer, HttpStorageError, unreachable } from './http-storage.error.js';

/** What a token function is asked for. */
export interface TokenRequest {
  /** The tenant the call is for, when the caller named one (the storage contracts do). */
  tenantId?: string;
  /**
   * True when the server refused the last token (an expired embed token):
   * return a fresh one, or the call fails with the server's refusal.
   */
  refresh: boolean;
}

/**
 * The credential calls carry as `Authorization: Bearer`: an embed token or
 * an API key, or a function returning one. A function is called for the
 * first call and again whenever the server refuses its token as invalid
 * (`WWW-Authenticate: Bearer error="invalid_token"`, which is how an expired
 * embed token is answered); the call is then sent once more with the new one.
 */
export type TokenSource = string | ((request: TokenRequest) => string | Promise<string>);

/** The `fetch` the client sends requests with (the platform's, or a host's). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What `new HttpClient` takes. */
export interface HttpClientOptions {
  /** Where the API is mounted: `https://flowloom.example.com`, or `https://app.example.com/flowloom`. */
  baseUrl: string | URL;
  token: TokenSource;
  /** The tenant passed to a token function (see `createHttpStorage`). */
  tenantId?: string;
  /** Sends the requests (default: the global `fetch`, called when a request is sent). */
  fetch?: FetchLike;
}

/** One call: the query string, a JSON body, a signal, and what a 404 means. */
export interface RequestOptions {
  /** Query parameters; `undefined` values are left out. */
  query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Resolve with `undefined` on a 404 instead of rejecting (a record that does not exist). */
  notFound?: 'undefined';
}

const CLIENT_OPTIONS = { baseUrl: true, token: true, tenantId: true, fetch: true } as const;

/**
 * A client of Flowloom's REST API for one credential, in browsers and Node:
 * it sends each call with the bearer token, refreshes a token the server
 * refused as expired, and turns every refusal into an `HttpStorageError`
 * carrying the server's code, message and field issues. The tenant is the
 * credential's: the server takes it from the token alone.
 *
 * @example
 * const client = new HttpClient({ baseUrl: 'https://app.example.com/flowloom', token: () => getEmbedToken() });
 * const { workflows } = await client.request<{ workflows: unknown[] }>('GET', '/workflows');
 */
export class HttpClient {
  /** The API's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly #source: TokenSource;
  readonly #tenantId: string | undefined;
  readonly #fetch: FetchLike | undefined;
  #token: Promise<string> | undefined;

  constructor(options: HttpClientOptions) {
    checkOptions('HttpClient', options, CLIENT_OPTIONS);
    let base: URL;
    try {
      base = new URL(String(options.baseUrl));
    } catch {
      throw new OptionError(
        'OPTION_INVALID',
        'HttpClient',
        'baseUrl',
        `HttpClient: baseUrl must be an absolute URL, got ${JSON.stringify(String(options.baseUrl))}.`,
      );
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new OptionError(
        'OPTION_INVALID',
        'HttpClient',
        'baseUrl',
        `HttpClient: baseUrl must be an http: or https: URL, got '${base.href}'.`,
      );
    }
    if (typeof options.token !== 'function' && (typeof options.token !== 'string' || options.token === '')) {
      throw new OptionError(
        'OPTION_INVALID',
        'HttpClient',
        'token',
        'HttpClient: token must be an embed token or API key, or a function returning one.',
      );
    }
    this.baseUrl = base.href.replace(/\/+$/, '');
    this.#source = options.token;
    this.#tenantId = options.tenantId;
    this.#fetch = options.fetch;
  }

  /** The absolute URL of an API path with its query. */
  url(path: string, query: RequestOptions['query'] = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /**
   * Sends one call and resolves with its JSON answer (`undefined` for 204,
   * and for 404 with `notFound: 'undefined'`). Rejects with an
   * `HttpStorageError` for any other 4xx or 5xx, or when the server cannot be reached.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 404 && options.notFound === 'undefined') {
      const text = await response.text().catch(() => '');
      if (isMissingRecord(text)) return undefined as T;
      throw await errorFromAnswer(method, path, response, text);
    }
    if (!response.ok) throw await errorFromAnswer(method, path, response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new HttpStorageError(
        'STORAGE_FAILED',
        `${method} ${path}: the Flowloom server answered ${response.status} with a body that is not JSON.`,
        {
          status: response.status,
          cause: error,
        },
      );
    }
  }

  /** Sends `DELETE`: true when the server deleted the record, false when it had none (404). */
  async delete(path: string, options: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<boolean> {
    const response = await this.send('DELETE', path, options);
    if (response.status === 404) {
      const text = await response.text().catch(() => '');
      if (isMissingRecord(text)) return false;
      throw await errorFromAnswer('DELETE', path, response, text);
    }
    if (!response.ok) throw await errorFromAnswer('DELETE', path, response);
    await response.body?.cancel();
    return true;
  }

  /**
   * Sends one call and resolves with the response as it is, once its status
   * is a success (for streams: `GET /executions/{id}/events`).
   */
  async open(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const response = await this.send(method, path, options);
    if (!response.ok) throw await errorFromAnswer(method, path, response);
    return response;
  }

  /** Sends a call with the token, and once more with a fresh token when the server refused it as invalid. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = this.url(path, options.query);
    const token = await this.#currentToken(false);
    const response = await this.#fetchWith(method, url, token, options);
    if (response.status !== 401 || typeof this.#source !== 'function' || !refusedAsInvalid(response)) return response;
    await response.body?.cancel();
    // Another call may have refreshed it meanwhile: ask again only if it still holds the refused one.
    if ((await this.#token) === token) this.#token = undefined;
    return this.#fetchWith(method, url, await this.#currentToken(true), options);
  }

  #currentToken(refresh: boolean): Promise<string> {
    const source = this.#source;
    if (typeof source === 'string') return Promise.resolve(source);
    if (this.#token) return this.#token;
    const request: TokenRequest = { refresh, ...(this.#tenantId !== undefined ? { tenantId: this.#tenantId } : {}) };
    const pending = Promise.resolve()
      .then(() => source(request))
      .then((token) => {
        if (typeof token !== 'string' || token === '') {
          throw new HttpStorageError(
            'STORAGE_REFUSED',
            `The token function returned ${JSON.stringify(token)} instead of a token; no call was sent.`,
          );
        }
        return token;
      });
    this.#token = pending;
    // A failed token function is asked again by the next call.
    pending.catch(() => {
      if (this.#token === pending) this.#token = undefined;
    });
    return pending;
  }

  async #fetchWith(method: string, url: string, token: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.signal) init.signal = options.signal;
    try {
      return await (this.#fetch ?? globalThis.fetch)(url, init);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw unreachable(method, url, error);
    }
  }
}

/**
 * Whether a 404's body says a record is missing (`WORKFLOW_NOT_FOUND`...),
 * not the route (`NOT_FOUND`: a base URL that is not where the API is mounted).
 */
function isMissingRecord(text: string): boolean {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && code !== 'NOT_FOUND' && code.endsWith('_NOT_FOUND');
  } catch {
    return false;
  }
}

/** Whether a 401 says the token itself was refused (RFC 6750 `invalid_token`), so a fresh one may help. */
function refusedAsInvalid(response: Response): boolean {
  return /error="?invalid_token/i.test(response.headers.get('www-authenticate') ?? '');
}
