import { afterEach, describe, expect, it } from 'vitest';
import { PrivateNetworkError } from '@flowloom/engine';
import { createGuardedFetch, createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

const servers: TestHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Starts a test server and closes it after the test. */
async function serve(...args: Parameters<typeof startTestHttpServer>): Promise<TestHttpServer> {
  const server = await startTestHttpServer(...args);
  servers.push(server);
  return server;
}

/**
 * Two servers on one port: `private` on 127.0.0.1, which requests must never
 * reach, and `checked` on 127.0.0.2, which the tests allow with
 * `allowedRanges`. Every answer closes its connection, so each request opens
 * (and checks) a new one.
 */
async function twoServers(checkedHandler: Parameters<typeof startTestHttpServer>[0] = (_req, res) => void res.end('checked')) {
  const privateServer = await serve((_req, res) => void res.end('private'));
  const port = Number(new URL(privateServer.url).port);
  const checked = await serve(
    (req, res) => {
      res.setHeader('connection', 'close');
      return checkedHandler(req, res);
    },
    { host: '127.0.0.2', port },
  );
  return { privateServer, checked, port };
}

/** A resolver that gives its answers in turn, repeating the last, and counts its calls. */
function answers(...sequence: string[][]) {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return sequence[Math.min(calls.length, sequence.length) - 1]!;
  };
  return { resolve, calls };
}

describe('createGuardedFetch', () => {
  it('refuses a name that resolves to a private address, after resolving it', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const port = new URL(server.url).port;
    const guarded = createGuardedFetch({ resolve: async () => ['10.1.2.3'] });
    await expect(guarded(`http://intranet.example:${port}/`)).rejects.toThrow(
      "Requests to 'intranet.example' (10.1.2.3) are refused: it is a loopback, private, link-local or other non-public address.",
    );
    const mixed = createGuardedFetch({ resolve: async () => ['93.184.215.14', 'fe80::1'] });
    await expect(mixed('http://mixed.example/')).rejects.toThrow('(fe80::1) are refused');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses loopback literals and localhost, resolved by the real resolver', async () => {
    const guarded = createGuardedFetch();
    await expect(guarded('http://127.0.0.1:9/')).rejects.toThrow("'127.0.0.1' are refused");
    await expect(guarded('http://[::1]:9/')).rejects.toThrow('are refused');
    await expect(guarded('http://localhost:9/')).rejects.toThrow("'localhost' are refused");
    await expect(guarded('http://0x7f000001:9/')).rejects.toThrow('are refused');
    await expect(guarded('http://[::ffff:0:7f00:1]:9/')).rejects.toThrow('are refused');
  });

  it('sends requests to public names through the given fetch', async () => {
    const seen: string[] = [];
    const guarded = createGuardedFetch({
      resolve: async () => ['93.184.215.14'],
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('ok');
      },
    });
    expect(await (await guarded('https://api.example.com/x')).text()).toBe('ok');
    expect(seen).toEqual(['https://api.example.com/x']);
  });

  it('reaches an address in allowedRanges, by name and as a literal, and nothing else', async () => {
    const { privateServer, checked, port } = await twoServers();
    const guarded = createGuardedFetch({ resolve: async () => ['127.0.0.2'], allowedRanges: ['127.0.0.2/32'] });
    expect(await (await guarded(`http://internal.example:${port}/`)).text()).toBe('checked');
    expect(await (await guarded(`${checked.url}/`)).text()).toBe('checked');
    await expect(guarded(`${privateServer.url}/`)).rejects.toThrow("Requests to '127.0.0.1' are refused");
    expect(privateServer.requests).toHaveLength(0);
  });

  it('connects to the address it checked, so a name that resolves elsewhere later cannot reach it (DNS rebinding)', async () => {
    const { privateServer, checked, port } = await twoServers();
    const dns = answers(['127.0.0.2'], ['127.0.0.1']);
    const guarded = createGuardedFetch({ resolve: dns.resolve, allowedRanges: ['127.0.0.2'] });

    // One resolution per connection: the address that passed the check is the one connected to.
    expect(await (await guarded(`http://rebind.example:${port}/`)).text()).toBe('checked');
    expect(dns.calls).toEqual(['rebind.example']);

    // The next connection resolves again, now to 127.0.0.1, and is refused before anything is sent.
    const second = guarded(`http://rebind.example:${port}/again`);
    await expect(second).rejects.toBeInstanceOf(PrivateNetworkError);
    await expect(second).rejects.toThrow("Requests to 'rebind.example' (127.0.0.1) are refused");
    expect(dns.calls).toEqual(['rebind.example', 'rebind.example']);
    expect(checked.requests.map((r) => r.url)).toEqual(['/']);
    expect(privateServer.requests).toHaveLength(0);
  });

  it('refuses a name when any of its addresses is private, even if another one is allowed', async () => {
    const { privateServer, checked, port } = await twoServers();
    const guarded = createGuardedFetch({ resolve: async () => ['127.0.0.2', '127.0.0.1'], allowedRanges: ['127.0.0.2'] });
    await expect(guarded(`http://both.example:${port}/`)).rejects.toThrow("Requests to 'both.example' (127.0.0.1) are refused");
    expect(checked.requests).toHaveLength(0);
    expect(privateServer.requests).toHaveLength(0);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const { privateServer, checked, port } = await twoServers((_req, res) => {
      res.writeHead(302, { location: `http://metadata.example:${port}/latest/meta-data` });
      res.end();
    });
    const guarded = createGuardedFetch({
      resolve: async (hostname) => (hostname === 'api.example' ? ['127.0.0.2'] : ['127.0.0.1']),
      allowedRanges: ['127.0.0.2'],
    });
    const response = guarded(`http://api.example:${port}/start`);
    await expect(response).rejects.toBeInstanceOf(PrivateNetworkError);
    await expect(response).rejects.toThrow("Requests to 'metadata.example' (127.0.0.1) are refused");
    expect(checked.requests.map((r) => r.url)).toEqual(['/start']);
    expect(privateServer.requests).toHaveLength(0);
  });

  it('checks names before calling a fetch of the host, which it cannot pin', async () => {
    const dns = answers(['10.0.0.1']);
    const sent: string[] = [];
    const guarded = createGuardedFetch({
      resolve: dns.resolve,
      fetch: async (input) => {
        sent.push(String(input));
        return new Response('ok');
      },
    });
    await expect(guarded('https://intranet.example/')).rejects.toThrow("'intranet.example' (10.0.0.1) are refused");
    expect(sent).toEqual([]);
  });
});

describe('createNodeEngine', () => {
  const workflow = (url: string) =>
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'http', name: 'Call', type: 'core.httpRequest', parameters: { url } },
      ],
      connections: [['start', 'http']],
    });

  it('refuses private networks by default and reaches them when allowed', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { hello: 'world' }));
    const refused = await createNodeEngine().run(workflow(server.url));
    expect(refused.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    const allowed = await createNodeEngine({ http: { allowPrivateNetworks: true } }).run(workflow(server.url));
    expect(allowed.nodes.http![0]!.output.main![0]!.json).toEqual({ hello: 'world' });
  });

  it('reaches the ranges in http.allowedRanges and refuses the rest', async () => {
    const { privateServer, checked } = await twoServers((_req, res) => sendJson(res, 200, { hello: 'checked' }));
    const engine = createNodeEngine({ http: { allowedRanges: ['127.0.0.2/32'] } });
    const reached = await engine.run(workflow(checked.url));
    expect(reached.nodes.http![0]!.output.main![0]!.json).toEqual({ hello: 'checked' });
    const refused = await engine.run(workflow(privateServer.url));
    expect(refused.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    expect(privateServer.requests).toHaveLength(0);
  });
});
