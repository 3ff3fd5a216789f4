import { afterEach, describe, expect, it } from 'vitest';
import { createGuardedFetch, createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';
import { sendJson, startTestHttpServer, type TestHttpServer } from './test-http-server.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createGuardedFetch', () => {
  it('refuses a name that resolves to a private address, after resolving it', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, {}));
    const port = new URL(server.url).port;
    const guarded = createGuardedFetch({ resolve: async () => ['10.1.2.3'] });
    await expect(guarded(`http://intranet.example:${port}/`)).rejects.toThrow(
      "Requests to 'intranet.example' (10.1.2.3) are refused: it is a loopback, private or link-local address.",
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
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { hello: 'world' }));
    const refused = await createNodeEngine().run(workflow(server.url));
    expect(refused.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    const allowed = await createNodeEngine({ http: { allowPrivateNetworks: true } }).run(workflow(server.url));
    expect(allowed.nodes.http![0]!.output.main![0]!.json).toEqual({ hello: 'world' });
  });
});
