/**
 * How every service is tested: the vendor's own SDK and the Flowloom node
 * make the same call to one recording server on 127.0.0.1, and the test
 * compares what arrived. The engine reaches the server through a relay fetch
 * (the way a page reaches vendors through its host), so the node keeps
 * addressing the vendor's real hosts and its credential's destination binding
 * still applies.
 */
import {
  createEngine,
  rawKeyProvider,
  type CredentialType,
  type Engine,
  type Execution,
  type Item,
  type NodeType,
  type Storage,
  type Workflow,
} from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { startTestHttpServer, type SeenRequest, type TestHttpServer } from '@flowloom/engine/testing/node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@flowloom/engine/node';

/** A request reduced to what the SDK and the node must agree on. */
export interface NormalizedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** `Bearer <token>`, `Basic <user>:<password>` (decoded), or the API-key header's name and value. */
  auth: string | undefined;
  contentType: string | undefined;
  /** Body fields: form and JSON bodies as objects (form values that hold JSON parsed); other bodies as text. */
  body: unknown;
}

/** What the recording server answers: by `METHOD /path`, or by a function of the request. */
export type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };
export type Answers = (request: SeenRequest, index: number) => Answer | undefined;

/** A recording server that answers like the vendor. */
export interface VendorServer extends TestHttpServer {
  /** The requests received since the last `take()`, normalized, and forgets them. */
  take(): Promise<NormalizedRequest[]>;
  /**
   * Answers the next request that `matches` with `answer`, once, before the
   * vendor's own answers (a 429 for the call a test wants limited). Returns a
   * function that withdraws the answer if no request has taken it yet.
   */
  answerOnce(matches: (request: SeenRequest) => boolean, answer: Answer): () => void;
}

export async function startVendorServer(answers: Answers, authHeaders: readonly string[] = []): Promise<VendorServer> {
  let seen = 0;
  const once: { matches: (request: SeenRequest) => boolean; answer: Answer }[] = [];
  const server = await startTestHttpServer((request: SeenRequest, response: ServerResponse) => {
    const index = seen++;
    const first = once.findIndex((o) => o.matches(request));
    const answer = (first >= 0 ? once.splice(first, 1)[0]!.answer : answers(request, index)) ?? {
      status: 404,
      body: { error: `no answer for ${request.method} ${request.url}` },
    };
    const body =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string' || answer.body instanceof Uint8Array
          ? answer.body
          : JSON.stringify(answer.body);
    response.writeHead(answer.status ?? 200, {
      'content-type': typeof answer.body === 'string' || answer.body instanceof Uint8Array ? 'text/plain' : 'application/json',
      ...answer.headers,
    });
    response.end(body);
  });
  let taken = 0;
  return Object.assign(server, {
    take: async () => {
      const fresh = server.requests.slice(taken);
      taken = server.requests.length;
      return Promise.all(fresh.map((r) => normalize(r, authHeaders)));
    },
    answerOnce: (matches: (request: SeenRequest) => boolean, answer: Answer) => {
      const entry = { matches, answer };
      once.push(entry);
      return () => {
        const at = once.indexOf(entry);
        if (at >= 0) once.splice(at, 1);
      };
    },
  });
}

/** Reduces a received request to the fields both callers must agree on. */
export async function normalize(request: SeenRequest, authHeaders: readonly string[] = []): Promise<NormalizedRequest> {
  const url = new URL(request.url, 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  const contentType = (request.headers['content-type'] as string | undefined)?.split(';')[0]?.trim();
  const body = contentType === 'multipart/form-data' ? await multipartOf(request) : bodyOf(request, contentType);
  return { method: request.method, path: url.pathname, query, auth: authOf(request, authHeaders), contentType, body };
}

function authOf(request: SeenRequest, authHeaders: readonly string[]): string | undefined {
  const header = request.headers['authorization'] as string | undefined;
  if (header?.startsWith('Basic ')) return `Basic ${Buffer.from(header.slice(6), 'base64').toString('utf8')}`;
  if (header) return header.replace(/^bearer /i, 'Bearer ');
  for (const name of authHeaders) {
    const value = request.headers[name.toLowerCase()] as string | undefined;
    if (value) return `${name.toLowerCase()}: ${value}`;
  }
  return undefined;
}

function bodyOf(request: SeenRequest, contentType: string | undefined): unknown {
  const text = request.body.toString('utf8');
  if (text === '') return undefined;
  if (contentType === 'application/json') return JSON.parse(text) as unknown;
  if (contentType === 'application/x-www-form-urlencoded') {
    const out: Record<string, unknown> = {};
    const form = new URLSearchParams(text);
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key).map(jsonOrText);
      out[key] = values.length === 1 ? values[0] : values;
    }
    return out;
  }
  return text;
}

/** A multipart body's fields: text as text, files as their content (UTF-8) and size. */
async function multipartOf(request: SeenRequest): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': request.headers['content-type'] as string },
  }).formData();
  const out: Record<string, unknown> = {};
  for (const [key, value] of form as unknown as Iterable<[string, string | Blob]>) {
    out[key] =
      typeof value === 'string' ? jsonOrText(value) : { file: Buffer.from(await value.arrayBuffer()).toString('utf8'), size: value.size };
  }
  return out;
}

function jsonOrText(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A fetch that sends requests for the vendor's hosts to the recording server instead (a host's relay, in a test). */
export function relayFetch(routes: Record<string, string>): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target = routes[url.host];
    if (!target) return Promise.reject(new TypeError(`the relay has no route for ${url.host}`));
    const relayed = new URL(url.pathname + url.search, target);
    return fetch(relayed, init);
  };
}

/** An engine with a service's node and credential types, reaching the vendor's hosts through the relay. */
export async function serviceEngine(options: {
  nodeTypes: readonly NodeType[];
  credentialTypes: readonly CredentialType[];
  routes: Record<string, string>;
  credentials?: { id: string; type: string; data: Record<string, unknown> }[];
  clock?: Parameters<typeof createEngine>[0] extends infer O ? (O extends { clock?: infer C } ? C : never) : never;
  /** The storage to keep (another engine's, to test a restart); default: a fresh one in memory. */
  storage?: Storage;
}): Promise<Engine> {
  const engine = createEngine({
    nodeTypes: [...options.nodeTypes],
    credentialTypes: [...options.credentialTypes],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(3) }),
    fetch: relayFetch(options.routes),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
  });
  for (const credential of options.credentials ?? []) {
    await engine.credentials.create({ id: credential.id, name: credential.id, type: credential.type, data: credential.data });
  }
  return engine;
}

/** Runs one service node with items and returns its execution. */
export async function runNode(
  engine: Engine,
  node: { type: string; parameters: Record<string, unknown>; credentials?: Record<string, string>; name?: string },
  input: Item[] = [{ json: {} }],
): Promise<Execution> {
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      {
        id: 'service',
        name: node.name ?? 'Service',
        type: node.type,
        parameters: node.parameters,
        ...(node.credentials ? { credentials: node.credentials } : {}),
      },
    ],
    connections: [['start', 'service']],
  });
  return engine.run(workflow, { input });
}

/** The items a run's service node put out. */
export function outputOf(execution: Execution): Item[] {
  return execution.nodes['service']?.[0]?.output['main'] ?? [];
}

/**
 * Runs a node whose first call the server answers with a 429, on a test
 * clock: waits until the node sets its `waitMs` timer (so the first call has
 * arrived), takes that call, moves the clock on, and takes the call tried
 * again. Nothing here waits on wall-clock time.
 */
export async function runThroughRateLimit<R = NormalizedRequest>(
  run: () => Promise<Execution>,
  clock: { whenTimer(ms?: number): Promise<void>; advance(ms: number): void },
  server: { take(): Promise<R[]> },
  waitMs: number,
): Promise<{ execution: Execution; limited: R[]; retried: R[] }> {
  const pending = run();
  await clock.whenTimer(waitMs);
  const limited = await server.take();
  clock.advance(waitMs);
  const execution = await pending;
  return { execution, limited, retried: await server.take() };
}

/**
 * Runs a workflow through the `flowloom` command line, as a host would:
 * `flowloom run workflow.json --nodes @flowloom/integrations --credentials
 * credentials.json --input input.json`, in an isolated worker, with the
 * engine's HTTP port sending the vendor's hosts to the recording server.
 * Each credential's first field is given through an environment variable
 * (`{ "$env": ... }`), as a file kept in a repository would. Returns the exit
 * code and the execution record the command printed.
 */
export async function runThroughCli(
  workflow: Workflow,
  options: {
    routes: Record<string, string>;
    /** With `oauth2`, the tokens of an account connected elsewhere. */
    credentials: { id: string; type: string; data: Record<string, unknown>; oauth2?: Record<string, unknown> }[];
    input?: Item[];
    mode?: string;
  },
): Promise<{ code: number; execution: Execution; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-service-cli-'));
  try {
    const env: Record<string, string> = {};
    const credentials = options.credentials.map((c, i) => {
      const [first, ...rest] = Object.entries(c.data);
      if (!first || typeof first[1] !== 'string') return c;
      env[`SECRET_${i}`] = first[1];
      return { ...c, data: { [first[0]]: { $env: `SECRET_${i}` }, ...Object.fromEntries(rest) } };
    });
    writeFileSync(join(dir, 'workflow.json'), JSON.stringify(workflow));
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials));
    writeFileSync(join(dir, 'input.json'), JSON.stringify(options.input ?? [{ json: {} }]));
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      [
        'run',
        'workflow.json',
        '--nodes',
        '@flowloom/integrations',
        '--credentials',
        'credentials.json',
        '--input',
        'input.json',
        '--mode',
        options.mode ?? 'manual',
        // The vendor's names are never looked up here: the port sends them to 127.0.0.1.
        '--allow-private-networks',
      ],
      { cwd: dir, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), fetch: relayFetch(options.routes) },
    );
    if (stdout === '') throw new Error(`flowloom exited ${code} without a record: ${stderr}`);
    return { code, execution: JSON.parse(stdout) as Execution, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
