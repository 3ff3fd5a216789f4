// The editor against a Flowloom server, as an embedding product runs it: the
// example host (examples/server) mounts @flowloom/server at /api, signs an
// embed token for its signed-in user, and serves a page whose
// <workflow-editor server-url="/api"> builds, connects and runs a workflow
// there. A local OAuth2 provider stands in for a vendor. Headless Chromium
// (the system's). Build the page first, as build-examples.mjs does.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../../examples/server/server.mjs';

const shots = fileURLToPath(new URL('../../../test-output/e2e/', import.meta.url));
mkdirSync(shots, { recursive: true });
console.log(`Screenshots: ${shots}`);

/**
 * An OAuth2 provider on 127.0.0.1, as RFC 6749 describes one: its sign-in page
 * sends the browser back to the redirect URI with a code, its token endpoint
 * trades that code for an access token, and its API answers that token only.
 */
function startProvider() {
  const seen = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://provider');
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization, body });
      if (url.pathname === '/authorize') {
        const back = new URL(url.searchParams.get('redirect_uri'));
        back.searchParams.set('code', 'code-1');
        back.searchParams.set('state', url.searchParams.get('state'));
        res.writeHead(302, { location: back.href }).end();
      } else if (url.pathname === '/token' && new URLSearchParams(body).get('code') === 'code-1') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-1' }));
      } else if (url.pathname === '/api/me' && req.headers.authorization === 'Bearer at-1') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'Ada Lovelace', plan: 'gold' }));
      } else {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_token' }));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'flowloom-e2e-host-'));
let provider;
let host;
let browser;
before(async () => {
  provider = await startProvider();
  // The provider is on 127.0.0.1: the host lets the server's engine reach private addresses for this test.
  host = await startServer({
    port: 0,
    dbFile: join(dir, 'host.sqlite'),
    embedSecret: 'e2e-secret-'.repeat(4),
    allowPrivateNetworks: true,
    logger: quiet,
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
after(async () => {
  await browser?.close();
  await host?.close();
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the example host: <workflow-editor> against its Flowloom server', () => {
  let page;
  const errors = [];
  const shot = (name) => page.screenshot({ path: `${shots}server-host-${name}.png` });
  const editor = () => page.locator('workflow-editor');
  const palette = () => editor().locator('wf-palette');
  const nodeNamed = (name) => editor().locator('.node', { hasText: name }).first();
  const credentials = () => editor().locator('wf-node-credentials');

  /** What the API says, asked over HTTP with an embed token the host signs for the page's session. */
  async function api(path) {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { token } = await (await fetch(`${host.url}/session/token`, { method: 'POST', headers: { cookie } })).json();
    const answer = await fetch(`${host.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200, `GET /api${path}`);
    return answer.json();
  }

  before(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000); // a watchdog for a step that never happens, not a deadline
    page.on('pageerror', (e) => errors.push(e.message));
  });
  after(async () => {
    await page?.close();
  });

  test('signs in on the host, whose page opens the editor with the server’s catalog', async () => {
    await page.goto(`${host.url}/`);
    assert.match(page.url(), /\/login$/);
    await page.selectOption('select[name=user]', 'ada');
    await shot('1-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await palette().locator('button.type').first().waitFor();
    // The example's own node type is known to the server only: the palette lists the server's catalog.
    await palette().getByRole('searchbox').fill('greet');
    await palette().getByRole('button', { name: 'Add Greet' }).waitFor();
    await palette().getByRole('searchbox').fill('');
    assert.match(await page.locator('#who').textContent(), /Ada Lovelace · acme/);
  });

  test('builds a workflow through the palette: trigger, HTTP Request, Greet', async () => {
    for (const [search, name] of [
      ['manual', 'Manual Trigger'],
      ['http', 'HTTP Request'],
      ['greet', 'Greet'],
    ]) {
      await palette().getByRole('searchbox').fill(search);
      await palette()
        .getByRole('button', { name: `Add ${name}` })
        .click();
    }
    const workflow = () => page.evaluate(() => document.querySelector('workflow-editor').workflow);
    const built = await workflow();
    assert.deepEqual(
      built.nodes.map((n) => n.type),
      ['core.manualTrigger', 'core.httpRequest', 'example.greet'],
    );
    // Each node was added to the right of the selected one and connected to it.
    assert.equal(built.connections.length, 2);
    await editor()
      .locator('wf-canvas')
      .evaluate((canvas) => {
        canvas.fitView(0);
        // The canvas draws the new view on the next frames.
        return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
    await nodeNamed('HTTP Request').click();
    const url = editor().locator('wf-inspector [data-param="url"] input').first();
    await url.fill(`${provider.url}/api/me`);
    await url.press('Tab');
    const http = (await workflow()).nodes.find((n) => n.type === 'core.httpRequest');
    assert.equal(http.parameters.url, `${provider.url}/api/me`);
    await shot('2-built');
  });

  test('creates an OAuth2 credential on the server and connects an account in a popup', async () => {
    await credentials().getByRole('button', { name: 'New' }).click();
    const form = credentials().locator('form.draft');
    await form.locator('[data-field="type"] select').selectOption('oauth2');
    await form.locator('[data-field="name"] input').fill('Provider account');
    await form.locator('[data-field="authorizationUrl"] input').fill(`${provider.url}/authorize`);
    await form.locator('[data-field="tokenUrl"] input').fill(`${provider.url}/token`);
    await form.locator('[data-field="clientId"] input').fill('client-1');
    await form.locator('[data-field="clientSecret"] input').fill('client-secret-1');
    await form.locator('[data-field="allowedDomains"] textarea').fill('127.0.0.1');
    await shot('3-credential-form');
    await form.getByRole('button', { name: 'Create' }).click();
    const slot = credentials().locator('[data-credential="auth"]');
    await slot.getByText('No account connected').waitFor();
    const chosen = await page.evaluate(() => document.querySelector('workflow-editor').workflow.nodes[1].credentials);
    const [stored] = (await api('/credentials')).credentials;
    assert.deepEqual(chosen, { auth: stored.id });
    // The secret went to the server and never came back.
    assert.equal(stored.data.clientSecret, '__redacted__');

    const popup = page.waitForEvent('popup');
    await slot.getByRole('button', { name: 'Connect account' }).click();
    await (await popup).waitForEvent('close');
    await slot.getByText('Account connected').waitFor();
    assert.deepEqual(
      provider.seen.map((r) => `${r.method} ${r.path}`),
      ['GET /authorize', 'POST /token'],
    );
    assert.equal((await api(`/credentials/${stored.id}`)).oauth2.connected, true);
    await shot('4-connected');
  });

  test('runs the workflow on the server and shows the run the server recorded', async () => {
    const finished = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.querySelector('workflow-editor').addEventListener('wf-execution-finish', (e) => resolve(e.detail), { once: true }),
        ),
    );
    await editor().getByRole('button', { name: /Run/ }).first().click();
    const { execution, error } = await finished;
    assert.equal(error, undefined);
    assert.equal(execution.status, 'success');

    // The server's execution list has it, and its record is what the editor shows.
    const list = await api('/executions?workflowId=my-automation');
    assert.deepEqual(
      list.items.map((e) => [e.id, e.status, e.mode]),
      [[execution.id, 'success', 'manual']],
    );
    const record = await api(`/executions/${execution.id}`);
    const shown = await page.evaluate(() => document.querySelector('workflow-editor').store.execution);
    assert.deepEqual(shown, record);
    const greetId = Object.keys(record.nodes).find((id) => record.nodes[id][0].nodeName === 'Greet');
    assert.deepEqual(record.nodes[greetId][0].output.main[0].json, { name: 'Ada Lovelace', plan: 'gold', message: 'Hello, friend!' });
    // The server's engine called the API with the connected account's token.
    assert.deepEqual(provider.seen.at(-1), { method: 'GET', path: '/api/me', authorization: 'Bearer at-1', body: '' });

    // The host page lists it too, from the same API.
    await page.locator(`#runs li[data-execution="${execution.id}"]`).waitFor();
    await nodeNamed('Greet').click();
    await editor().locator('wf-run-panel').getByText('Hello, friend!').first().waitFor();
    await shot('5-ran');
    assert.deepEqual(errors, []);
  });
});
