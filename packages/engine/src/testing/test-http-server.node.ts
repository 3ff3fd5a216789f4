import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A request as a test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A real HTTP server on 127.0.0.1 for tests, with the requests it received. */
export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` (the scheme and host as started) */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Resolves once the server has received `count` requests in all (the first, by default). */
  received(count?: number): Promise<void>;
  close(): Promise<void>;
}

/** Where a test server listens and whether it speaks TLS. */
export interface TestHttpServerOptions {
  /** A loopback address (default `127.0.0.1`; Linux routes all of 127.0.0.0/8 to loopback). */
  host?: string;
  /** The port (default: a free one). */
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

/** Starts a server on a free port of 127.0.0.1 (or as `options` say) that answers with `handler`. */
export async function startTestHttpServer(
  handler: (request: SeenRequest, response: ServerResponse) => void | Promise<void>,
  options: TestHttpServerOptions = {},
): Promise<TestHttpServer> {
  const { host = '127.0.0.1', tls } = options;
  const requests: SeenRequest[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(seen);
      for (const w of waiting.filter((w) => requests.length >= w.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      Promise.resolve(handler(seen, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    requests,
    received: (count = 1) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What `serveWebhooks` needs of an engine: its webhook handler. */
export interface WebhookHandler {
  handleWebhook(request: Request): Promise<Response>;
}

/** A real HTTP server on 127.0.0.1 in front of `engine.handleWebhook`, as a host mounts it. */
export function serveWebhooks(engine: WebhookHandler): Promise<TestHttpServer> {
  return startTestHttpServer(async (seen, res) => {
    const request = new Request(`http://127.0.0.1${seen.url}`, {
      method: seen.method,
      headers: seen.headers as Record<string, string>,
      ...(seen.body.length > 0 && seen.method !== 'GET' && seen.method !== 'HEAD' ? { body: new Uint8Array(seen.body) } : {}),
    });
    const response = await engine.handleWebhook(request);
    res.writeHead(response.status, Object.fromEntries(response.headers as unknown as Iterable<[string, string]>));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}
