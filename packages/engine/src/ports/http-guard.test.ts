import { describe, expect, it } from 'vitest';
import { assertPublicUrlHost } from './addresses.js';
import { guardFetch } from './http.js';
import { createEngine } from '../run/engine.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { silentLogger } from './logger.js';

describe('guardFetch', () => {
  it('sends bodies and headers unchanged through the guard, multipart included', async () => {
    const seen: { url: string; type: string | null; body: string }[] = [];
    const guarded = guardFetch(async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, type: request.headers.get('content-type'), body: await request.text() });
      return new Response('ok');
    }, assertPublicUrlHost);
    const form = new FormData();
    form.append('title', 'Scan');
    await guarded('https://api.example.com/upload', { method: 'POST', body: form });
    expect(seen[0]!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('name="title"');
  });

  it('follows redirects itself, turning a 303 into a GET and dropping credentials across origins', async () => {
    const seen: { url: string; method: string; auth: string | null }[] = [];
    const guarded = guardFetch(async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, method: request.method, auth: request.headers.get('authorization') });
      if (request.url.endsWith('/start')) return new Response(null, { status: 303, headers: { location: 'https://other.example/next' } });
      return new Response('done');
    }, assertPublicUrlHost);
    const response = await guarded('https://api.example.com/start', { method: 'POST', body: 'x', headers: { authorization: 'Bearer t' } });
    expect(await response.text()).toBe('done');
    expect(seen).toEqual([
      { url: 'https://api.example.com/start', method: 'POST', auth: 'Bearer t' },
      { url: 'https://other.example/next', method: 'GET', auth: null },
    ]);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const guarded = guardFetch(
      async () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }),
      assertPublicUrlHost,
    );
    await expect(guarded('https://api.example.com/')).rejects.toThrow("Requests to '169.254.169.254' are refused");
  });
});

describe("a page's engine (createEngine): the address checks load with the first request", () => {
  const call = (url: string) =>
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'get', name: 'Get', type: 'core.httpRequest', parameters: { url } },
      ],
      connections: [['start', 'get']],
    });

  it('refuses a private address, lets through an allowed range, and names a wrong range on the first request', async () => {
    const sent: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      sent.push(new Request(input).url);
      return Response.json({ ok: true });
    };
    const guarded = createEngine({ fetch, http: { allowedRanges: ['10.20.0.0/16'] }, logger: silentLogger });
    const refused = await guarded.run(call('http://10.30.0.1/status'));
    expect(refused.error?.message).toContain('10.30.0.1');
    const allowed = await guarded.run(call('http://10.20.0.7/status'));
    expect(allowed.status).toBe('success');
    expect(sent).toEqual(['http://10.20.0.7/status']);

    const wrong = createEngine({ fetch, http: { allowedRanges: ['10.20.0.0/99'] }, logger: silentLogger });
    for (let i = 0; i < 2; i++) {
      const failed = await wrong.run(call('https://api.example.com/'));
      expect(failed.error?.message).toContain('allowedRanges: "10.20.0.0/99" is not an address range');
    }
    expect(sent).toEqual(['http://10.20.0.7/status']);
  });
});
