import { afterEach, describe, expect, it } from 'vitest';
import { PrivateNetworkError } from '@flowloom/engine';
import { addressPolicy } from '../ports/addresses.js';
import { PINNED_TEST_TLS } from '../testing/pinned-test-tls.js';
import { createPinnedDispatcher, dispatcherFetch } from './pinned-dispatcher.js';
import { startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

const servers: TestHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const allowed = addressPolicy(['127.0.0.2']);

/** Resolves every name to `addresses`, recording the names asked for. */
function resolver(addresses: string[], asked: string[] = []) {
  return async (hostname: string) => {
    asked.push(hostname);
    for (const address of addresses) if (!allowed(address)) throw new PrivateNetworkError(hostname, address);
    return addresses;
  };
}

describe('createPinnedDispatcher', () => {
  it('checks address literals when connecting, without any check before', async () => {
    const server = await startTestHttpServer((_req, res) => void res.end('reached'));
    servers.push(server);
    const fetch = dispatcherFetch(createPinnedDispatcher(resolver([]), allowed));
    const refused = fetch(`${server.url}/`);
    await expect(refused).rejects.toBeInstanceOf(PrivateNetworkError);
    await expect(refused).rejects.toThrow("Requests to '127.0.0.1' are refused");
    expect(server.requests).toHaveLength(0);
    await expect(fetch(`http://[::ffff:7f00:1]:${new URL(server.url).port}/`)).rejects.toThrow("Requests to '::ffff:7f00:1' are refused");
  });

  it('speaks TLS to the checked address with the host name as server name, and verifies the certificate against it', async () => {
    const server = await startTestHttpServer((req, res) => void res.end(`hello ${req.headers.host}`), {
      host: '127.0.0.2',
      tls: PINNED_TEST_TLS,
    });
    servers.push(server);
    const port = new URL(server.url).port;
    const asked: string[] = [];
    const fetch = dispatcherFetch(createPinnedDispatcher(resolver(['127.0.0.2'], asked), allowed, { ca: PINNED_TEST_TLS.cert }));

    expect(await (await fetch(`https://pinned.test:${port}/`)).text()).toBe(`hello pinned.test:${port}`);
    expect(asked).toEqual(['pinned.test']);

    // Same address, another name: the certificate does not name it, so the connection fails.
    const wrongName = fetch(`https://other.test:${port}/`);
    await expect(wrongName).rejects.toThrow('fetch failed');
    await expect(wrongName.catch((error: Error) => (error.cause as { code?: string }).code)).resolves.toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(server.requests).toHaveLength(1);
  });
});
