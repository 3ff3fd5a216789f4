/* eslint-disable no-var -- globals must be declared with var */
/**
 * The few web-platform globals the engine uses. Browsers, workers and Node 20+
 * all provide them; declaring them here keeps DOM and Node types out of the
 * engine's compilation so neither can leak into `src/` by accident.
 */

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  abort(reason?: unknown): AbortSignal;
  timeout(ms: number): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare var console: Console;

interface Crypto {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
  randomUUID(): string;
}
declare var crypto: Crypto;

interface DOMException extends Error {
  readonly name: string;
}

// --- Fetch API, URL and text encoding (HTTP Request node, webhooks) ---

interface Blob {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}
declare var Blob: {
  prototype: Blob;
  new (parts?: (ArrayBuffer | ArrayBufferView | Blob | string)[], options?: { type?: string }): Blob;
};

interface FormData {
  append(name: string, value: string | Blob, fileName?: string): void;
  get(name: string): unknown;
  has(name: string): boolean;
  forEach(callback: (value: unknown, key: string) => void): void;
}
declare var FormData: { prototype: FormData; new (): FormData };

interface URLSearchParams {
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  set(name: string, value: string): void;
  forEach(callback: (value: string, key: string) => void): void;
  toString(): string;
}
declare var URLSearchParams: {
  prototype: URLSearchParams;
  new (init?: string | Record<string, string> | [string, string][] | URLSearchParams): URLSearchParams;
};

interface URL {
  href: string;
  readonly origin: string;
  protocol: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  readonly searchParams: URLSearchParams;
  hash: string;
  username: string;
  password: string;
  toString(): string;
}
declare var URL: { prototype: URL; new (url: string | URL, base?: string | URL): URL; canParse(url: string, base?: string): boolean };

type HeadersInit = [string, string][] | Record<string, string> | Headers;
interface Headers {
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  forEach(callback: (value: string, key: string) => void): void;
}
declare var Headers: { prototype: Headers; new (init?: HeadersInit): Headers };

type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream<Uint8Array>;
interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
  redirect?: 'follow' | 'error' | 'manual';
}
interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}
interface FetchBody {
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;
  formData(): Promise<FormData>;
  blob(): Promise<Blob>;
}
interface Request extends FetchBody {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  clone(): Request;
}
declare var Request: { prototype: Request; new (input: string | URL | Request, init?: RequestInit): Request };
interface Response extends FetchBody {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  clone(): Response;
}
declare var Response: {
  prototype: Response;
  new (body?: BodyInit | null, init?: ResponseInit): Response;
  json(data: unknown, init?: ResponseInit): Response;
};
declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };
interface TextDecoder {
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
declare var TextDecoder: { prototype: TextDecoder; new (label?: string): TextDecoder };
declare function btoa(data: string): string;
declare function atob(data: string): string;

// Credentials follow redirects themselves and must see a browser's opaque redirect answers.
interface Response {
  /** `opaqueredirect` in browsers for a `redirect: 'manual'` request that was redirected. */
  readonly type: string;
}

// Bodies as streams: an isolated execution reads a response the host fetched for it one chunk at a time.
interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>;
  cancel(reason?: unknown): Promise<void>;
}
interface ReadableStreamDefaultController<R> {
  enqueue(chunk: R): void;
  close(): void;
  error(reason?: unknown): void;
}
interface ReadableStream<R> {
  getReader(): ReadableStreamDefaultReader<R>;
  cancel(reason?: unknown): Promise<void>;
}
declare var ReadableStream: {
  prototype: ReadableStream<unknown>;
  new <R>(source: {
    pull?(controller: ReadableStreamDefaultController<R>): void | Promise<void>;
    cancel?(reason?: unknown): void | Promise<void>;
  }): ReadableStream<R>;
};
interface Response {
  readonly body: ReadableStream<Uint8Array> | null;
}

// The Code node's sandbox (src/code-sandbox/) resolves its worker script beside its module.
interface ImportMeta {
  readonly url: string;
}
