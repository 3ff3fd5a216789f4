// The relay route: an engine outside the server (in a page, or here in Node) signs requests for the
// vendor's real hosts and sends them to /relay/<host>/...; the server forwards them to allowed hosts only.
// A recording server on 127.0.0.1 stands in for the vendor, reached through the server's `relayFetch`.
// The oracle is the same node's request sent straight to the vendor, without the relay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, rawKeyProvider, type Engine, type FetchFunction } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { startTestHttpServer, type SeenRequest, type TestHttpServer } from '@flowloom/engine/testing/node';
import { allIntegrations, slackBotToken } from '@flowloom/integrations';
import { relayFetch } from '@flowloom/integrations/relay';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server.mjs';

const TOKEN = 'xoxb-1111-relay';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'flowloom-relay-'));

/** Slack's documented answer to chat.postMessage, for the channel and text sent. */
const posted = (form: URLSearchParams) => ({
  ok: true,
  channel: form.get('channel'),
  ts: '1712345678.000100',
  message: { type: 'message', text: form.get('text') },
});

let vendor: TestHttpServer;
/** The URLs the relay asked its fetch for, as `METHOD url`. */
const upstream: string[] = [];
let server: Awaited<ReturnType<typeof startServer>>;
/** The `cookie` header of a signed-in user's session: the relay forwards for signed-in users only. */
let session: string;

beforeAll(async () => {
  vendor = await startTestHttpServer((request, res) => {
    const path = new URL(request.url, 'http://vendor').pathname;
    if (path === '/api/chat.postMessage') {
      const answer = JSON.stringify(posted(new URLSearchParams(request.body.toString('utf8'))));
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'x-slack-req-id': 'req-1',
        'set-cookie': 'b=1; Domain=slack.com',
      });
      res.end(answer);
    } else if (path === '/moved') {
      res.writeHead(302, { location: 'https://files.slack.com/here?x=1' }).end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain', 'set-cookie': 'b=2', 'x-slack-req-id': 'req-2' }).end(`nothing at ${path}`);
    }
  });
  // The vendor's hosts, pointed at the recording server: the relay still asks for https://slack.com/...
  const toVendor: FetchFunction = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    upstream.push(`${init?.method ?? 'GET'} ${url.href}`);
    // As Node's fetch fails when nothing answers.
    if (url.hostname === 'down.slack.com') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    return fetch(new URL(url.pathname + url.search, vendor.url), init);
  };
  server = await startServer({ port: 0, dbFile: join(dir, 'relay.sqlite'), shutdownGraceMs: 1_000, logger: quiet, relayFetch: toVendor });
  const login = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ user: 'ada' }), redirect: 'manual' });
  session = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await server?.close();
  await vendor?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Slack engine whose HTTP port is `fetch`, with a bot token credential `bot`. */
async function slackEngine(fetch: FetchFunction): Promise<Engine> {
  const engine = createEngine({
    nodeTypes: [...allIntegrations],
    credentialTypes: [slackBotToken],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
    fetch,
  });
  await engine.credentials.create({ id: 'bot', name: 'Slack bot', type: 'slackApi', data: { token: TOKEN } });
  return engine;
}

const sendMessage = buildWorkflow({
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    {
      id: 'post',
      name: 'Post',
      type: 'integrations.slack',
      parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'Deploy finished' },
      credentials: { slackApi: 'bot' },
    },
  ],
  connections: [['start', 'post']],
});

/** What the vendor must see the same with or without the relay. */
const sent = (r: SeenRequest) => ({
  method: r.method,
  url: r.url,
  authorization: r.headers['authorization'],
  contentType: r.headers['content-type'],
  body: r.body.toString('utf8'),
});

/** The requests the vendor receives while `action` runs. */
async function vendorRequests(action: () => Promise<unknown>): Promise<SeenRequest[]> {
  const before = vendor.requests.length;
  await action();
  return vendor.requests.slice(before);
}

/** The request the Slack node sends when it reaches the vendor directly: the oracle. */
async function directRequest(): Promise<SeenRequest> {
  const direct = await slackEngine((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(new URL(url.pathname + url.search, vendor.url), init);
  });
  const [request] = await vendorRequests(() => direct.run(sendMessage));
  return request!;
}

describe('the relay route', () => {
  it("carries a Slack node's signed request to slack.com, and Slack's answer back as the node's item", async () => {
    const engine = await slackEngine(relayFetch(server.url, { tenant: 'acme', headers: { cookie: session } }));
    const before = upstream.length;
    let execution!: Awaited<ReturnType<Engine['run']>>;
    const requests = await vendorRequests(async () => (execution = await engine.run(sendMessage)));

    expect(execution.status).toBe('success');
    expect(upstream.slice(before)).toEqual(['POST https://slack.com/api/chat.postMessage']);
    expect(requests.map(sent)).toEqual([
      {
        method: 'POST',
        url: '/api/chat.postMessage',
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: 'channel=C1&text=Deploy+finished',
      },
    ]);
    expect(sent(requests[0]!)).toEqual(sent(await directRequest()));
    expect(requests[0]!.headers).not.toHaveProperty('cookie');
    expect(requests[0]!.headers).not.toHaveProperty('x-tenant');
    const answer = posted(new URLSearchParams('channel=C1&text=Deploy+finished'));
    expect(execution.nodes['post']?.[0]?.output['main']).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
  });

  it("answers with the vendor's status and headers, without its cookies, for any subdomain of an allowed *.pattern", async () => {
    const response = await fetch(`${server.url}/relay/files.slack.com/nowhere?a=1`, { headers: { cookie: session } });
    expect(upstream.at(-1)).toBe('GET https://files.slack.com/nowhere?a=1');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('nothing at /nowhere');
    expect(response.headers.get('x-slack-req-id')).toBe('req-2');
    expect(response.headers.get('x-flowloom-relay-status')).toBe('404');
    expect(response.headers.has('set-cookie')).toBe(false);
  });

  it('answers 502 naming the host when the vendor cannot be reached, which relayFetch rejects with', async () => {
    const response = await fetch(`${server.url}/relay/down.slack.com/api/x`, { headers: { cookie: session } });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        code: 'RELAY_UPSTREAM_FAILED',
        message: 'The relay could not reach down.slack.com: connect ECONNREFUSED.',
        host: 'down.slack.com',
      },
    });
    await expect(relayFetch(server.url, { tenant: 'acme', headers: { cookie: session } })('https://down.slack.com/api/x')).rejects.toThrow(
      `The relay at ${server.url} did not forward the request to down.slack.com (HTTP 502): The relay could not reach down.slack.com: connect ECONNREFUSED.`,
    );
  });

  it('gives a redirect back readable, which relayFetch follows through the relay or returns as asked', async () => {
    const viaRelay = relayFetch(server.url, { tenant: 'acme', headers: { cookie: session } });
    const manual = await viaRelay('https://slack.com/moved', { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('https://files.slack.com/here?x=1');

    const before = upstream.length;
    const followed = await viaRelay('https://slack.com/moved');
    expect(upstream.slice(before)).toEqual(['GET https://slack.com/moved', 'GET https://files.slack.com/here?x=1']);
    expect(followed.status).toBe(404);
  });

  it('refuses a host outside its allow-list with 403 naming the host, and sends nothing anywhere', async () => {
    const before = upstream.length;
    const hosts = ['evil.example', 'slack.com.evil.example', 'evilslack.com', 'slack.com@evil.example', '127.0.0.1:9'];
    const requests = await vendorRequests(async () => {
      for (const host of hosts) {
        const response = await fetch(`${server.url}/relay/${host}/api/chat.postMessage`, {
          method: 'POST',
          headers: { cookie: session, authorization: `Bearer ${TOKEN}` },
          body: 'channel=C1&text=leak',
        });
        expect(response.status).toBe(403);
        const body = (await response.json()) as { error: { code: string; message: string; host: string } };
        expect(body.error).toMatchObject({ code: 'RELAY_HOST_REFUSED', host });
        expect(body.error.message).toContain(`'${host}'`);
      }
      await expect(relayFetch(server.url, { tenant: 'acme', headers: { cookie: session } })('https://evil.example/x')).rejects.toThrow(
        `The relay at ${server.url} did not forward the request to evil.example (HTTP 403): The relay does not forward to 'evil.example'`,
      );
    });
    expect(requests).toEqual([]);
    expect(upstream.length).toBe(before);
  });

  it('refuses a call without a signed-in session, as the API refuses one without a token', async () => {
    const before = upstream.length;
    const requests = await vendorRequests(async () => {
      for (const cookie of [undefined, 'session=made-up']) {
        const relayed = await fetch(`${server.url}/relay/slack.com/api/chat.postMessage`, {
          method: 'POST',
          body: 'channel=C1',
          headers: cookie ? { cookie, 'x-tenant': 'acme' } : { 'x-tenant': 'acme' },
        });
        expect(relayed.status).toBe(401);
        expect(((await relayed.json()) as { error: { code: string } }).error.code).toBe('SIGNED_OUT');
      }
      expect((await fetch(`${server.url}/api/workflows`)).status).toBe(401);
    });
    expect(requests).toEqual([]);
    expect(upstream.length).toBe(before);
  });

  it('refuses a body over the limit of the JSON routes with 413, and sends nothing', async () => {
    const before = upstream.length;
    const response = await fetch(`${server.url}/relay/slack.com/api/files.upload`, {
      method: 'POST',
      headers: { cookie: session },
      body: new Uint8Array(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(upstream.length).toBe(before);
  });
});

describe('the relay from a page', () => {
  const here = fileURLToPath(new URL('./', import.meta.url));
  const packages = join(here, '../../packages');
  let browser: Browser;
  let script: string;

  /** The page's imports of the packages come from their sources, as the tests' imports do. */
  const sources: Plugin = {
    name: 'flowloom-sources',
    setup(b) {
      const entries: Record<string, string> = {
        '@flowloom/engine': 'engine/src/index.ts',
        '@flowloom/integrations': 'integrations/src/index.ts',
        '@flowloom/integrations/relay': 'integrations/src/relay.ts',
      };
      b.onResolve({ filter: /^@flowloom\// }, (args) => {
        const entry = entries[args.path];
        return entry ? { path: join(packages, entry) } : undefined;
      });
    },
  };

  // The page's own code: an engine whose fetch port is the relay of the server the page came from.
  const page = `
    import { createEngine, rawKeyProvider } from '@flowloom/engine';
    import { allIntegrations, slackBotToken } from '@flowloom/integrations';
    import { relayFetch } from '@flowloom/integrations/relay';
    globalThis.runSlack = async (workflow, token) => {
      const engine = createEngine({
        nodeTypes: [...allIntegrations],
        credentialTypes: [slackBotToken],
        keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(9) }),
        fetch: relayFetch(location.origin, { tenant: 'acme' }),
      });
      await engine.credentials.create({ id: 'bot', name: 'Slack bot', type: 'slackApi', data: { token } });
      const execution = await engine.run(workflow);
      return { status: execution.status, error: execution.error?.message, output: execution.nodes.post?.[0]?.output.main };
    };
    globalThis.pageReady = true;
  `;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: page, resolveDir: here, loader: 'ts', sourcefile: 'relay-page.ts' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'error',
      plugins: [sources],
    });
    script = bundle.outputFiles[0]!.text;
    browser = await chromium.launch({
      executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("runs the Slack node in Chromium through its own server's relay, which Slack refuses to browsers", async () => {
    const context = await browser.newContext();
    // The page is served from the server's origin, as the host's app would be: its calls to /relay are same-origin.
    await context.route(`${server.url}/app`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/app.js"></script>' }),
    );
    await context.route(`${server.url}/app.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
    const [name, value] = session.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const tab = await context.newPage();
    await tab.goto(`${server.url}/app`);
    await tab.waitForFunction(() => (globalThis as unknown as { pageReady?: boolean }).pageReady === true);

    const before = upstream.length;
    let result!: { status: string; error?: string; output: unknown };
    const requests = await vendorRequests(async () => {
      result = await tab.evaluate(
        ([workflow, token]) =>
          (globalThis as unknown as { runSlack(w: unknown, t: string): Promise<typeof result> }).runSlack(workflow, token),
        [sendMessage, TOKEN] as const,
      );
    });
    await context.close();

    expect(result).toMatchObject({ status: 'success' });
    expect(upstream.slice(before)).toEqual(['POST https://slack.com/api/chat.postMessage']);
    expect(requests.map(sent)).toEqual([sent(await directRequest())]);
    expect(sent(requests[0]!)).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', authorization: `Bearer ${TOKEN}` });
    for (const name of ['cookie', 'x-tenant', 'origin', 'referer', 'sec-fetch-site']) expect(requests[0]!.headers).not.toHaveProperty(name);
    const answer = posted(new URLSearchParams('channel=C1&text=Deploy+finished'));
    expect(result.output).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
  });
});
