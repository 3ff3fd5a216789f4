// The editor against a Flowloom server, as an embedding product runs it: the
// example host (examples/server) mounts @flowloom/server at /api, signs an
// embed token for its signed-in user, and serves a page whose
// <workflow-editor server-url="/api"> builds, connects and runs a workflow
// there, and whose <workflow-dashboard server-url="/api"> then shows that run,
// the tenant's usage and webhooks, and its members and invites. A local
// OAuth2 provider stands in for a vendor. Headless Chromium (the system's).
// Build the page first, as build-examples.mjs does.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
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
  browser = await launchChromium();
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

  /**
   * What the API says, asked over HTTP with an embed token the host signs for the page's session
   * (Ada's, an owner of acme); `method` and `body` for a change, which must answer `status`.
   */
  async function api(path, { method = 'GET', body, status = 200 } = {}) {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { token } = await (await fetch(`${host.url}/session/token`, { method: 'POST', headers: { cookie } })).json();
    const answer = await fetch(`${host.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    assert.equal(answer.status, status, `${method} /api${path}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
  /** The run the editor made, for the dashboard's checks. */
  let ran;

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
    await editor().locator('button.run').click();
    const { execution, error } = await finished;
    assert.equal(error, undefined);
    assert.equal(execution.status, 'success');
    ran = execution;

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

  describe('the dashboard, against the same server and embed token', () => {
    const dashboard = () => page.locator('workflow-dashboard');
    /** The dashboard's text at a selector (inside its shadow root), spaces collapsed. */
    const textOf = async (selector) => (await dashboard().locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
    /** Waits until the figures asked for last are on screen and the chart is drawn. */
    const settled = () =>
      dashboard().evaluate(async (d) => {
        await customElements.whenDefined(d.localName);
        await d.loaded;
      });
    const hookUrl = () => `${host.url}/api/t/acme/webhook/orders`;

    test('opens on the page’s second view: the run is in its counts and in the chart’s figures', async () => {
      // A workflow with a webhook, activated through the API: the dashboard lists what the server has.
      const orders = JSON.parse(readFileSync(new URL('../../../examples/server/workflows/order-webhook.json', import.meta.url), 'utf8'));
      await api('/workflows', { method: 'POST', body: orders, status: 201 });
      await api('/workflows/order-webhook/activate', { method: 'POST' });

      await page.getByRole('link', { name: 'Dashboard' }).click();
      assert.equal(await page.locator('#editor-view').isHidden(), true);
      await settled();

      // The server's own figures for the window, asked apart from the page, are what the dashboard shows.
      const day = ran.startedAt.slice(0, 10);
      const from = new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) - 29 * 86_400_000).toISOString();
      const figures = await api(`/analytics?from=${encodeURIComponent(from)}`);
      assert.equal(figures.total, 1);
      assert.deepEqual(figures.perDay, [{ day, total: 1, success: 1, failed: 0 }]);
      assert.equal(await textOf('[data-stat="total"] dd'), '1');
      assert.equal(await textOf('[data-stat="success-rate"] dd'), '100%');
      assert.equal(await textOf('[data-stat="failed"] dd'), '0');
      assert.notEqual(await textOf('[data-stat="p50"] dd'), 'n/a');
      assert.match(
        await dashboard().locator('.chart').getAttribute('aria-label'),
        /^Executions over the last 30 days: 1; 100% succeeded\.$/,
      );

      // The chart: one point per day of the window (uPlot's data), and the same figures as a table.
      const chart = dashboard().locator('.chart');
      assert.equal(await chart.getAttribute('data-points'), '30');
      assert.equal(await chart.locator('canvas').count(), 1);
      await dashboard().getByText('Show the figures as a table').click();
      const rows = dashboard().locator('.figures tbody tr');
      assert.equal(await rows.count(), 30);
      const cells = (row) => row.locator('td').allTextContents();
      assert.deepEqual(await cells(dashboard().locator(`.figures tr[data-day="${day}"]`)), ['1', '0', '100%']);
      const perDay = await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.day, tr.querySelector('td').textContent.trim()]));
      assert.deepEqual(
        perDay.filter(([, total]) => total !== '0'),
        [[day, '1']],
      );

      // The slowest nodes are the server's, in its order; nothing failed.
      assert.deepEqual(
        await dashboard()
          .locator('.slowest tbody tr')
          .evaluateAll((trs) => trs.map((tr) => tr.dataset.node)),
        figures.slowestNodes.map((n) => n.nodeId),
      );
      assert.equal(await textOf('.failing .empty'), 'No workflow failed in the last 30 days.');
    });

    test('shows the tenant’s usage and its active webhook, and sends a test call that runs it', async () => {
      const usage = await api('/usage');
      assert.deepEqual([usage.executions.used, usage.workflows.used, usage.runningExecutions.used], [1, 2, 0]);
      const tenant = dashboard().locator('.usage [data-tenant="acme"]');
      assert.equal(await textOf(`.usage [data-tenant="acme"] h3`), `Tenant acme, ${usage.month}`);
      assert.equal((await tenant.locator('[data-quota="executions"] .amount').textContent()).trim(), '1 (no limit)');
      assert.equal((await tenant.locator('[data-quota="workflows"] .amount').textContent()).trim(), '2 (no limit)');

      const { webhooks } = await api('/webhooks');
      assert.deepEqual(
        webhooks.map((w) => `${w.method} ${w.url}`),
        ['POST /t/acme/webhook/orders'],
      );
      const row = dashboard().locator(`.webhooks tr[data-webhook="POST ${hookUrl()}"]`);
      assert.equal((await row.locator('th').textContent()).trim(), 'Thank the customer for an order');
      assert.equal((await row.locator('code.url').textContent()).trim(), hookUrl());

      await row.getByRole('button', { name: 'Send a test call to POST orders' }).click();
      await row.locator('output.note', { hasText: 'Answered' }).waitFor();
      const note = (await row.locator('output.note').textContent()).trim();
      assert.match(note, /^Answered 200: /);
      // The call ran the workflow on the server, as a sender's would.
      const runs = await api('/executions?workflowId=order-webhook');
      assert.deepEqual(
        runs.items.map((e) => [e.status, e.mode]),
        [['success', 'webhook']],
      );
      // What the webhook received: the dashboard's test body, and neither its token nor the page's cookies.
      const received = (await api(`/executions/${runs.items[0].id}`)).nodes.hook[0].output.main[0].json;
      assert.equal(received.body.flowloomTest, true);
      assert.equal(received.headers.authorization, undefined);
      assert.equal(received.headers.cookie, undefined);
      await dashboard().getByRole('button', { name: 'Refresh' }).click();
      await settled();
      assert.equal(await textOf('[data-stat="total"] dd'), '2');
      assert.equal(
        (await tenant.locator('[data-quota="executions"] .amount').textContent()).trim(),
        `${(await api('/usage')).executions.used} (no limit)`,
      );
    });

    test('lists members and invites from the server, invites someone who joins, changes a role and removes a member', async () => {
      const members = dashboard().locator('.members');
      await members.getByRole('heading', { name: 'Members' }).waitFor();
      assert.deepEqual((await api('/members')).members, []);
      assert.equal(await textOf('.members .empty'), 'No members yet.');
      // The roles offered are the server's, from most to least allowed; an invitation starts at the least.
      const { roles } = await api('/roles');
      const form = members.locator('form.invite');
      assert.deepEqual(
        (await form.locator('select[name="role"] option').allTextContents()).map((r) => r.trim()),
        roles.map((r) => r.name),
      );
      assert.equal(await form.locator('select[name="role"]').inputValue(), 'viewer');

      // An invitation through POST /invites, then revoked: DELETE /invites/{id}.
      await form.getByLabel('Email address').fill('temp@acme.example');
      await form.getByLabel('Role').selectOption('editor');
      await form.getByRole('button', { name: 'Send invitation' }).click();
      const temp = members.locator('.invites li', { hasText: 'temp@acme.example' });
      await temp.waitFor();
      assert.deepEqual(
        (await api('/invites')).invites.map((i) => [i.email, i.role, i.status]),
        [['temp@acme.example', 'editor', 'pending']],
      );
      await temp.getByRole('button', { name: 'Revoke invitation of temp@acme.example' }).click();
      await temp.waitFor({ state: 'detached' });
      assert.deepEqual(
        (await api('/invites')).invites.map((i) => [i.email, i.role, i.status]),
        [['temp@acme.example', 'editor', 'revoked']],
      );

      // Another, for Grace: the page is handed its token and shows the link to send.
      await form.getByLabel('Email address').fill('grace@acme.example');
      await form.getByRole('button', { name: 'Send invitation' }).click();
      await members.locator('.invites li', { hasText: 'grace@acme.example' }).waitFor();
      await page.locator('#invite-link', { hasText: 'Send grace@acme.example this link to join as viewer' }).waitFor();
      const link = await page.locator('#invite-link a').getAttribute('href');
      assert.ok(link.startsWith(`${host.url}/?invite=fli_`), link);
      assert.deepEqual(
        (await api('/invites')).invites.map((i) => [i.email, i.role, i.status]),
        [
          ['temp@acme.example', 'editor', 'revoked'],
          ['grace@acme.example', 'viewer', 'pending'],
        ],
      );

      // Grace opens the link signed out: she signs in, and the page accepts the invitation with her embed token.
      const graceContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const grace = await graceContext.newPage();
        grace.setDefaultTimeout(60_000);
        grace.on('pageerror', (e) => errors.push(`Grace's page: ${e.message}`));
        await grace.goto(link);
        assert.match(grace.url(), /\/login\?invite=fli_/);
        await grace.selectOption('select[name=user]', 'grace');
        await grace.getByRole('button', { name: 'Sign in' }).click();
        await grace.locator('#toast', { hasText: 'You joined acme as viewer.' }).waitFor();
        assert.equal(new URL(grace.url()).search, '', 'the token leaves the address bar');
        // A viewer's dashboard: the figures and the webhooks, without usage or members (the server refuses them).
        await grace.getByRole('link', { name: 'Dashboard' }).click();
        const theirs = grace.locator('workflow-dashboard');
        await theirs.evaluate(async (d) => {
          await customElements.whenDefined(d.localName);
          await d.loaded;
        });
        assert.equal((await theirs.locator('[data-stat="total"] dd').textContent()).trim(), '2');
        assert.equal(await theirs.locator(`.webhooks tr[data-webhook="POST ${hookUrl()}"]`).count(), 1);
        assert.equal(await theirs.locator('.usage').count(), 0);
        assert.equal(await theirs.locator('.members').count(), 0);
      } finally {
        await graceContext.close();
      }

      // She is a member now, in a team made through the API; Ada's dashboard shows both after a refresh.
      const team = await api('/teams', { method: 'POST', body: { name: 'Support' }, status: 201 });
      await api(`/teams/${team.id}/members/grace`, { method: 'PUT' });
      await dashboard().getByRole('button', { name: 'Refresh' }).click();
      await settled();
      const graceRow = members.locator('tr[data-member="grace"]');
      assert.equal((await graceRow.locator('th').textContent()).trim(), 'grace@acme.example');
      assert.equal((await graceRow.locator('.teams').textContent()).trim(), 'Support');
      assert.equal(await graceRow.getByLabel('Role of grace@acme.example').inputValue(), 'viewer');
      assert.equal(await members.locator('.invites li').count(), 0, 'the accepted invitation is no longer open');

      // PATCH /members/{id}.
      await graceRow.getByLabel('Role of grace@acme.example').selectOption('operator');
      await dashboard().locator('.live', { hasText: 'grace@acme.example is now operator.' }).waitFor();
      assert.equal((await api('/members/grace')).role, 'operator');
      assert.equal(await graceRow.getByLabel('Role of grace@acme.example').inputValue(), 'operator');

      // The whole dashboard, as the page shows it, for a person to look at.
      const height = await page.evaluate(
        () => document.querySelector('header').offsetHeight + document.querySelector('#dashboard-view').scrollHeight,
      );
      await page.setViewportSize({ width: 1400, height });
      await shot('6-dashboard');
      await page.setViewportSize({ width: 1400, height: 900 });

      // DELETE /members/{id}, after a confirmation.
      await graceRow.getByRole('button', { name: 'Remove grace@acme.example' }).click();
      await graceRow.getByRole('button', { name: 'Yes, remove' }).click();
      await graceRow.waitFor({ state: 'detached' });
      assert.deepEqual((await api('/members')).members, []);
      assert.deepEqual(errors, []);
    });
  });
});
