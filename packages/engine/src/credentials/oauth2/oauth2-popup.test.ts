import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';
import type { openOAuth2Popup } from './oauth2-popup.js';

/**
 * The popup helper in real Chromium: a page on 127.0.0.1 opens a provider
 * "sign-in" that redirects to the host's callback page.
 */
let server: TestHttpServer;
let origin = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./oauth2-popup.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  const script = bundle.outputFiles[0]!.text;
  server = await startTestHttpServer((request, res) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><meta charset="utf-8">${body}`);
    };
    switch (url.pathname) {
      case '/popup.js':
        res.writeHead(200, { 'content-type': 'text/javascript' });
        return void res.end(script);
      case '/authorize': {
        // The provider approves at once and sends the user back with a code.
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', 'code-123');
        back.searchParams.set('state', url.searchParams.get('state')!);
        res.writeHead(302, { location: back.href });
        return void res.end();
      }
      case '/callback-post.html':
        return html(
          `<script>window.opener.postMessage({ type: 'flowloom:oauth2-callback', url: location.href }, location.origin)</script>`,
        );
      case '/signin':
        return html('<p>Sign in (the user never finishes)</p>');
      default:
        return html('<p>page</p>');
    }
  });
  origin = server.url;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.newPage();
  await page.goto(`${origin}/app.html`);
  await page.addScriptTag({
    type: 'module',
    content: "import { openOAuth2Popup } from '/popup.js'; window.openOAuth2Popup = openOAuth2Popup;",
  });
  await page.waitForFunction(() => 'openOAuth2Popup' in globalThis);
});

function open(args: { url: string; redirectUri?: string; timeoutMs?: number }): Promise<string> {
  return page.evaluate((a) => (globalThis as unknown as { openOAuth2Popup: typeof openOAuth2Popup }).openOAuth2Popup(a), args);
}

describe('openOAuth2Popup', () => {
  it('resolves with the callback URL the callback page posts back', async () => {
    const redirectUri = `${origin}/callback-post.html`;
    const url = `${origin}/authorize?redirect_uri=${encodeURIComponent(redirectUri)}&state=st-1`;
    expect(await open({ url })).toBe(`${redirectUri}?code=code-123&state=st-1`);
  });

  it('reads the callback URL itself when the callback page is on the same origin', async () => {
    const redirectUri = `${origin}/callback-plain.html`;
    const url = `${origin}/authorize?redirect_uri=${encodeURIComponent(redirectUri)}&state=st-2`;
    expect(await open({ url, redirectUri })).toBe(`${redirectUri}?code=code-123&state=st-2`);
  });

  it('rejects when the user closes the sign-in window', async () => {
    const popup = page.context().waitForEvent('page');
    const pending = open({ url: `${origin}/signin`, redirectUri: `${origin}/callback-plain.html` }).catch((e: unknown) => e);
    await (await popup).close();
    expect(String(await pending)).toContain('The sign-in window was closed before the account was connected.');
  });
});
