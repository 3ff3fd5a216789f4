import { describe, expect, it } from 'vitest';
import { assertPublicUrlHost, guardFetch } from './http.js';

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
