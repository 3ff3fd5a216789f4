// What an end user manages around a workflow, in the example host of
// examples/accounts (the engine in the page, IndexedDB storage): an API key
// made and tested in "Connected accounts" and picked in the inspector, an
// OAuth2 account connected in a popup and refreshed without the user, a
// variable read by an expression, a template filled in and run, and the
// workflow renamed, saved twice and restored from its settings. Every service
// is a local one this file starts. Headless Chromium (the system's); build the
// page first, as build-examples.mjs does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { launchChromium, shots } from './browser.mjs';
import { serveRepository } from './serve.mjs';

console.log(`Screenshots: ${shots}`);

const API_KEY = 'sk-live-7f3a9c1e5b2d8046';
const CLIENT_SECRET = 'client-secret-e2e-51d2';

/**
 * The services of this test on 127.0.0.1, answering the page across origins
 * (CORS): an API that answers its key (`GET /me`, header `X-API-Key`), and an
 * OAuth2 provider as RFC 6749 and RFC 7636 describe one: its sign-in page
 * sends the browser back with a code, its token endpoint trades the code
 * (checking the PKCE verifier against the challenge) or a refresh token for a
 * new access token good for a short while, and its API (`GET /oauth/me`)
 * answers a current access token only. `expire` makes the provider refuse the
 * access tokens it issued so far, `revoke` the whole grant.
 */
function startServices() {
  const requests = [];
  const grants = [];
  let issued = 0;
  const challenges = new Map();
  const accessTokens = new Set();
  const refreshTokens = new Set();
  const issue = () => {
    issued++;
    const tokens = { access_token: `at-${issued}`, refresh_token: `rt-${issued}`, token_type: 'Bearer', expires_in: 90 };
    accessTokens.add(tokens.access_token);
    refreshTokens.add(tokens.refresh_token);
    return tokens;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://services');
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' };
      const send = (status, json, headers = {}) =>
        res.writeHead(status, { ...cors, 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      requests.push({ method: req.method, path: url.pathname, headers: req.headers, body });
      if (url.pathname === '/me') {
        if (req.headers['x-api-key'] === API_KEY) return send(200, { account: 'acme', plan: 'gold' });
        return send(401, { error: 'unknown key' });
      }
      if (url.pathname === '/authorize') {
        const code = `code-${challenges.size + 1}`;
        challenges.set(code, { challenge: url.searchParams.get('code_challenge'), method: url.searchParams.get('code_challenge_method') });
        const back = new URL(url.searchParams.get('redirect_uri'));
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state'));
        return res.writeHead(302, { location: back.href }).end();
      }
      if (url.pathname === '/token') {
        const form = new URLSearchParams(body);
        const grant = { type: form.get('grant_type'), authorization: req.headers.authorization };
        grants.push(grant);
        if (grant.type === 'authorization_code') {
          const expected = challenges.get(form.get('code'));
          const verifier = form.get('code_verifier') ?? '';
          grant.pkce = expected?.method === 'S256' && createHash('sha256').update(verifier).digest('base64url') === expected.challenge;
          if (!grant.pkce) return send(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          challenges.delete(form.get('code'));
          return send(200, issue());
        }
        if (grant.type === 'refresh_token' && refreshTokens.has(form.get('refresh_token'))) {
          refreshTokens.delete(form.get('refresh_token'));
          return send(200, issue());
        }
        return send(400, { error: 'invalid_grant' });
      }
      if (url.pathname === '/oauth/me') {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (accessTokens.has(token)) return send(200, { account: 'acme', grant: Number(token.slice('at-'.length)) });
        return send(401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
      }
      send(404, { error: 'not found' });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        requests,
        grants,
        expire: () => accessTokens.clear(),
        revoke: () => {
          accessTokens.clear();
          refreshTokens.clear();
        },
        close: () => new Promise((r) => server.close(r)),
      }),
    );
  });
}

let site;
let services;
let browser;
before(async () => {
  site = await serveRepository();
  services = await startServices();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await services?.close();
  await site?.close();
});

describe('an end user’s accounts, variables, templates and settings in <workflow-editor>', () => {
  let page;
  const errors = [];
  const shot = (name) => page.screenshot({ path: `${shots}accounts-${name}.png` });
  const editor = () => page.locator('workflow-editor');
  const palette = () => editor().locator('wf-palette');
  const drawer = () => editor().locator('wf-editor-panels');
  const nodeNamed = (name) => editor().locator('.node', { hasText: name }).first();
  const workflow = () => page.evaluate(() => document.querySelector('workflow-editor').workflow);
  const openPanel = async (name) => {
    await editor().getByRole('button', { name, exact: true }).first().click();
    await drawer().getByRole('tab', { name, selected: true }).waitFor();
  };
  const closePanel = async () => {
    await drawer().getByRole('button', { name: 'Close' }).click();
    await drawer().locator('.drawer').waitFor({ state: 'detached' });
  };
  /** Clicks Run and resolves with the run's `wf-execution-finish` detail. */
  const run = async () => {
    const finished = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.querySelector('workflow-editor').addEventListener('wf-execution-finish', (e) => resolve(e.detail), { once: true }),
        ),
    );
    await editor().locator('button.run').click();
    return finished;
  };
  const fitView = () =>
    editor()
      .locator('wf-canvas')
      .evaluate((canvas) => {
        canvas.fitView(0);
        return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
  /** The output of a node in an execution, by node name. */
  const outputOf = (execution, name) => {
    const id = Object.keys(execution.nodes).find((n) => execution.nodes[n][0].nodeName === name);
    return execution.nodes[id].at(-1).output.main.map((item) => item.json);
  };
  let apiKeyId;

  before(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT ?? 60_000)); // a watchdog for a step that never happens, not a deadline
    page.on('pageerror', (e) => errors.push(e.message));
    // Every `wf-*` event any part of the editor dispatches, from the first one on, with its detail as JSON.
    await page.addInitScript(() => {
      const seen = [];
      window.__wfEvents = seen;
      const dispatch = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (event) {
        if (event.type.startsWith('wf-')) {
          const visited = new WeakSet();
          let detail;
          try {
            detail = JSON.stringify(event.detail ?? null, (_key, value) => {
              if (typeof value === 'object' && value !== null) {
                if (visited.has(value)) return '[seen]';
                visited.add(value);
                if (value instanceof Node) return `[${value.nodeName}]`;
              }
              return value;
            });
          } catch (error) {
            detail = `unreadable: ${error}`;
          }
          seen.push({ type: event.type, detail });
        }
        return dispatch.call(this, event);
      };
    });
    await page.goto(`${site.url}/examples/accounts/dist/index.html?db=accounts-e2e-${Date.now()}`);
    await palette().locator('button.type').first().waitFor();
  });
  after(async () => {
    await page?.close();
  });

  test('creates an API key in Connected accounts, tests it, and a run sends it without it showing anywhere', async () => {
    await openPanel('Connected accounts');
    const panel = drawer().locator('wf-credentials-panel');
    await panel.getByText('No credentials yet').waitFor();
    await shot('1-credentials-empty');
    await panel.getByRole('button', { name: 'New credential' }).click();
    const form = panel.locator('form.draft');
    await form.locator('[data-field="type"] select').selectOption({ label: 'API key' });
    await form.locator('[data-field="name"] input').fill('Acme API');
    await form.locator('[data-field="key"] input').fill(API_KEY);
    await form.locator('[data-field="in"] select').selectOption('header');
    await form.locator('[data-field="allowedDomains"] textarea').fill('127.0.0.1');
    await form.locator('[data-field="testUrl"] input').fill(`${services.url}/me`);
    await form.getByRole('button', { name: 'Test' }).click();
    const result = form.locator('.test-result');
    await result.filter({ hasText: 'It works' }).waitFor();
    assert.match(await result.textContent(), /✓ It works\. The service accepted it \(HTTP 200\)\./);
    // The test went to the service with the key in the header the form named.
    assert.equal(services.requests.at(-1).path, '/me');
    assert.equal(services.requests.at(-1).headers['x-api-key'], API_KEY);
    await shot('2-credential-form-tested');
    await form.getByRole('button', { name: 'Create' }).click();
    const row = panel.locator('tbody tr', { hasText: 'Acme API' });
    await row.waitFor();
    assert.match(await row.locator('.type').textContent(), /API key/);
    await shot('3-credentials-list');
    apiKeyId = await row.getAttribute('data-credential');
    await closePanel();

    // A workflow: Manual Trigger, then HTTP Request with the key picked in the inspector.
    for (const [search, name] of [
      ['manual', 'Manual Trigger'],
      ['http', 'HTTP Request'],
    ]) {
      await palette().getByRole('searchbox').fill(search);
      await palette()
        .getByRole('button', { name: `Add ${name}` })
        .click();
    }
    await palette().getByRole('searchbox').fill('');
    await fitView();
    await nodeNamed('HTTP Request').click();
    const url = editor().locator('wf-inspector [data-param="url"] input').first();
    await url.fill(`${services.url}/me`);
    await url.press('Tab');
    const picker = editor().locator('wf-node-credentials [data-credential="auth"] select');
    // The picker offers the credentials that can sign an HTTP request: not mail servers' accounts.
    assert.deepEqual(
      (await picker.locator('option').allTextContents()).map((o) => o.trim()),
      ['(none)', 'Acme API'],
    );
    await picker.selectOption({ label: 'Acme API' });
    assert.deepEqual((await workflow()).nodes[1].credentials, { auth: apiKeyId });

    const before = services.requests.length;
    const { execution, error } = await run();
    assert.equal(error, undefined);
    assert.equal(execution.status, 'success');
    const received = services.requests.slice(before);
    assert.deepEqual(
      received.map((r) => [r.method, r.path, r.headers['x-api-key']]),
      [['GET', '/me', API_KEY]],
    );
    assert.deepEqual(outputOf(execution, 'HTTP Request')[0].body ?? outputOf(execution, 'HTTP Request')[0], {
      account: 'acme',
      plan: 'gold',
    });

    // The secret is nowhere the page keeps or tells: run data, stored executions, IndexedDB, localStorage, events.
    const kept = await page.evaluate(async () => {
      const ed = document.querySelector('workflow-editor');
      const stores = {};
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of db.objectStoreNames) {
          const all = await new Promise((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          stores[`${name}/${store}`] = all;
        }
        db.close();
      }
      return {
        shown: JSON.stringify(ed.store.execution),
        indexedDb: JSON.stringify(stores),
        localStorage: JSON.stringify({ ...localStorage }),
        events: JSON.stringify(window.__wfEvents),
        text: document.documentElement.outerHTML + ed.shadowRoot.innerHTML,
      };
    });
    assert.ok(kept.shown.includes('"plan":"gold"'), 'the run data is what is searched');
    assert.ok(kept.indexedDb.includes('"plan":"gold"'), 'the stored execution is among what is searched');
    assert.ok(JSON.parse(kept.events).some((e) => e.type === 'wf-execution-finish'));
    for (const [where, text] of Object.entries(kept)) assert.ok(!text.includes(API_KEY), `the API key shows in ${where}`);
  });

  test('connects an OAuth2 account in a popup with PKCE; a run refreshes its token without the user; a revoked grant asks to reconnect', async () => {
    await openPanel('Connected accounts');
    const panel = drawer().locator('wf-credentials-panel');
    await panel.getByRole('button', { name: 'New credential' }).click();
    const form = panel.locator('form.draft');
    await form.locator('[data-field="type"] select').selectOption({ label: 'OAuth2' });
    await form.locator('[data-field="name"] input').fill('Provider account');
    await form.locator('[data-field="authorizationUrl"] input').fill(`${services.url}/authorize`);
    await form.locator('[data-field="tokenUrl"] input').fill(`${services.url}/token`);
    await form.locator('[data-field="clientId"] input').fill('client-1');
    await form.locator('[data-field="clientSecret"] input').fill(CLIENT_SECRET);
    await form.locator('[data-field="allowedDomains"] textarea').fill('127.0.0.1');
    await form.locator('[data-field="testUrl"] input').fill(`${services.url}/oauth/me`);
    await form.getByRole('button', { name: 'Create' }).click();
    const row = panel.locator('tbody tr', { hasText: 'Provider account' });
    await row.locator('.account', { hasText: 'Not connected' }).waitFor();

    const popup = page.waitForEvent('popup');
    await row.getByRole('button', { name: 'Connect Provider account' }).click();
    await (await popup).waitForEvent('close');
    const account = row.locator('.account');
    await account.filter({ hasText: /^Connected/ }).waitFor();
    assert.deepEqual(
      services.grants.map((g) => [g.type, g.pkce]),
      [['authorization_code', true]],
    );
    const firstState = (await account.textContent()).trim();
    assert.match(firstState, /^Connected; token until /);
    const firstExpiry = await page.evaluate(
      async () => (await window.engine.credentials.list()).find((c) => c.name === 'Provider account').oauth2.expiresAt,
    );
    await shot('4-oauth-connected');
    const oauthId = await row.getAttribute('data-credential');
    await closePanel();

    // The provider stops accepting the first access token; the next run refreshes it by itself.
    services.expire();
    await nodeNamed('HTTP Request').click();
    const url = editor().locator('wf-inspector [data-param="url"] input').first();
    await url.fill(`${services.url}/oauth/me`);
    await url.press('Tab');
    await editor().locator('wf-node-credentials [data-credential="auth"] select').selectOption({ label: 'Provider account' });
    assert.deepEqual((await workflow()).nodes[1].credentials, { auth: oauthId });
    const { execution, error } = await run();
    assert.equal(error, undefined);
    assert.equal(execution.status, 'success');
    assert.deepEqual(
      services.grants.map((g) => g.type),
      ['authorization_code', 'refresh_token'],
    );
    const out = outputOf(execution, 'HTTP Request')[0];
    assert.deepEqual(out.body ?? out, { account: 'acme', grant: 2 });

    await openPanel('Connected accounts');
    await account.filter({ hasText: /^Connected/ }).waitFor();
    await row.locator('.refreshed').waitFor();
    assert.match((await row.locator('.refreshed').textContent()).trim(), /^Token refreshed /);
    // The new token's expiry, as the engine keeps it, is what the row shows.
    const expiries = await page.evaluate(async (id) => (await window.engine.credentials.list()).find((c) => c.id === id).oauth2, oauthId);
    assert.ok(Date.parse(expiries.expiresAt) > Date.parse(firstExpiry), 'the token was replaced by a later one');
    await shot('5-oauth-refreshed');

    // The provider revokes the grant: testing the account finds it gone and offers to reconnect.
    services.revoke();
    await row.getByRole('button', { name: 'Test Provider account' }).click();
    await account.filter({ hasText: 'Reconnect required' }).waitFor();
    await row.getByRole('button', { name: 'Reconnect Provider account' }).waitFor();
    assert.match(await row.locator('.result').textContent(), /Reconnect this account/);
    await shot('6-oauth-reconnect');
    const secrets = await page.evaluate(() => JSON.stringify(window.__wfEvents) + JSON.stringify({ ...localStorage }));
    for (const secret of [CLIENT_SECRET, 'rt-1', 'rt-2', 'at-2"']) assert.ok(!secrets.includes(secret), `${secret} shows in an event`);
    await closePanel();
  });

  test('creates a variable and sees its value in an expression’s live preview', async () => {
    await openPanel('Variables');
    const panel = drawer().locator('wf-variables-panel');
    await panel.getByRole('button', { name: 'New variable' }).click();
    const form = panel.locator('form.variable-form');
    await form.getByLabel('Key').fill('region');
    await form.getByLabel('Scope').selectOption({ label: 'All workflows' });
    await form.getByLabel('Value').fill('eu-west-1');
    await form.getByRole('button', { name: 'Save' }).click();
    await panel.locator('[data-scope="tenant"] tr[data-variable="region"]').waitFor();
    assert.equal((await panel.locator('[data-scope="tenant"] tr[data-variable="region"] .value').textContent()).trim(), 'eu-west-1');
    await shot('7-variables');
    await closePanel();

    await nodeNamed('HTTP Request').click();
    const field = editor().locator('wf-inspector [data-param="url"]').first();
    await field.getByRole('button', { name: /Use an expression for URL/ }).click();
    await field.locator('wf-expression-input textarea').fill(`${services.url}/{{ $vars.region }}`);
    await field.locator('wf-expression-input .preview', { hasText: `${services.url}/eu-west-1` }).waitFor();
    await shot('8-variable-preview');
  });

  test('imports a template from the gallery, fills its placeholders, and runs it', async () => {
    await openPanel('Templates');
    const gallery = drawer().locator('wf-template-gallery');
    const card = gallery.locator('li.card[data-template="account-profile"]');
    await card.waitFor();
    assert.equal((await card.locator('.imports').textContent()).trim(), 'Imports here: 0');
    await shot('9-gallery');
    await card.getByRole('button', { name: 'Preview' }).click();
    const fill = gallery.locator('form.fill');
    await fill.getByLabel('Profile address').fill(`${services.url}/me`);
    await fill.getByLabel('Account', { exact: true }).selectOption({ label: 'Acme API' });
    await shot('10-template-import');
    await fill.getByRole('button', { name: 'Use this template' }).click();
    await gallery.getByRole('status').filter({ hasText: 'Workflow created from Read an account profile' }).waitFor();
    await card.locator('.imports', { hasText: 'Imports here: 1' }).waitFor();

    // The imported workflow saved as a template of its own, its address left for whoever uses it.
    await gallery.getByRole('button', { name: 'Save as template' }).click();
    const save = gallery.locator('form.save');
    await save.getByLabel('Template id').fill('my-profile');
    await save.getByRole('button', { name: 'Add a placeholder' }).click();
    const placeholder = save.getByRole('group', { name: 'Placeholder 1' });
    await placeholder.getByLabel('Goes into').selectOption({ label: 'Fetch profile: URL' });
    await placeholder.getByLabel('Key').fill('address');
    await placeholder.getByLabel('Label').fill('Profile address');
    await shot('11-save-as-template');
    await save.getByRole('button', { name: 'Save as template' }).click();
    await gallery.locator('li.card[data-template="my-profile"]').waitFor();
    const saved = await page.evaluate(() =>
      window.__wfEvents.filter((e) => e.type === 'wf-template-save').map((e) => JSON.parse(e.detail).template.meta.template),
    );
    assert.deepEqual(saved.at(-1).placeholders, [
      { key: 'address', label: 'Profile address', kind: 'text', targets: [{ node: 'fetch', parameter: 'url' }] },
    ]);
    await closePanel();

    const imported = await workflow();
    assert.equal(imported.name, 'Read an account profile');
    const fetch = imported.nodes.find((n) => n.id === 'fetch');
    assert.equal(fetch.parameters.url, `${services.url}/me`);
    assert.deepEqual(fetch.credentials, { auth: apiKeyId });

    const before = services.requests.length;
    const { execution, error } = await run();
    assert.equal(error, undefined);
    assert.equal(execution.status, 'success');
    const out = outputOf(execution, 'Fetch profile')[0];
    assert.deepEqual(out.body ?? out, { account: 'acme', plan: 'gold' });
    assert.deepEqual(
      services.requests.slice(before).map((r) => [r.path, r.headers['x-api-key']]),
      [['/me', API_KEY]],
    );
  });

  test('renames the workflow, saves it twice, and restores the first version from its settings', async () => {
    const toast = page.locator('#toast');
    await fitView();
    await editor()
      .getByRole('button', { name: /^Rename workflow / })
      .click();
    const title = editor().getByRole('textbox', { name: 'Workflow name' });
    await title.fill('Profile check');
    await title.press('Enter');
    await editor().getByRole('button', { name: 'Save', exact: true }).click();
    await toast.filter({ hasText: 'Saved version 1' }).waitFor();

    await nodeNamed('Fetch profile').click();
    const url = editor().locator('wf-inspector [data-param="url"] input').first();
    await url.fill(`${services.url}/changed`);
    await url.press('Tab');
    await editor()
      .getByRole('button', { name: /^Rename workflow / })
      .click();
    await title.fill('Profile check, changed');
    await title.press('Enter');
    await editor().getByRole('button', { name: 'Save', exact: true }).click();
    await toast.filter({ hasText: 'Saved version 2' }).waitFor();

    await openPanel('Workflow settings');
    const settings = drawer().locator('wf-workflow-settings-panel');
    const first = settings.locator('ol.versions li[data-version="1"]');
    await first.waitFor();
    assert.deepEqual((await settings.locator('ol.versions li').evaluateAll((lis) => lis.map((li) => li.dataset.version))).sort(), [
      '1',
      '2',
    ]);
    assert.match(await first.textContent(), /Profile check/);
    await shot('12-settings-versions');
    await first.getByRole('button', { name: 'Restore' }).click();
    await settings.getByRole('button', { name: 'Restore' }).and(settings.locator('.confirm-restore')).click();
    await settings.getByRole('status').filter({ hasText: 'Version 1 restored as version 3.' }).waitFor();
    await shot('13-settings-restored');
    await closePanel();

    const restored = await workflow();
    assert.equal(restored.name, 'Profile check');
    assert.equal(restored.nodes.find((n) => n.id === 'fetch').parameters.url, `${services.url}/me`);
    assert.match(
      await editor()
        .getByRole('button', { name: /^Rename workflow / })
        .textContent(),
      /Profile check/,
    );
    assert.deepEqual(errors, []);
  });
});

describe('the template gallery against a Flowloom server', () => {
  let flowloom;
  let page;
  const errors = [];

  before(async () => {
    const [{ createEngine, rawKeyProvider, silentLogger }, { createServer, signEmbedToken }, { serve }] = await Promise.all([
      import('@flowloom/engine'),
      import('@flowloom/server'),
      import('@hono/node-server'),
    ]);
    const embed = { secret: 'e2e-embed-secret-'.repeat(3), issuer: 'https://host.test', audience: 'flowloom' };
    const engine = createEngine({ keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }), logger: silentLogger });
    const template = engine.parseWorkflow({
      schemaVersion: 1,
      id: 'template-hello',
      name: 'Say hello',
      nodes: [
        { id: 'start', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        {
          id: 'say',
          name: 'Say',
          type: 'core.set',
          position: { x: 240, y: 0 },
          parameters: { fields: [{ name: 'greeting', type: 'string', value: 'Hello' }] },
        },
      ],
      connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'say', port: 'main' } }],
      meta: {
        template: {
          id: 'say-hello',
          name: 'Say hello',
          description: 'Greets whoever runs it.',
          category: 'communication',
          tags: [],
          useCases: [],
          version: '1.0.0',
          placeholders: [{ key: 'greeting', label: 'Greeting', kind: 'text', targets: [{ node: 'say', parameter: 'fields.0.value' }] }],
        },
      },
    });
    const app = createServer({
      engine,
      auth: { embedTokens: embed },
      corsOrigins: [site.url],
      templates: [template],
      logger: silentLogger,
    });
    const server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const token = await signEmbedToken({ ...embed, tenantId: 'acme', userId: 'ada', role: 'editor', expiresInSeconds: 3600 });
    const url = `http://127.0.0.1:${server.address().port}`;
    flowloom = {
      url,
      token,
      /** The server's answer, asked with the same embed token. */
      call: async (path, method = 'GET') =>
        (await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}` } })).json(),
      close: async () => {
        await new Promise((resolve) => server.close(resolve));
        await engine.close();
      },
    };
    // Someone of the tenant used the template once already, elsewhere.
    assert.deepEqual(await flowloom.call('/templates/template-hello/imports', 'POST'), { id: 'template-hello', imports: 1 });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT ?? 60_000));
    page.on('pageerror', (e) => errors.push(e.message));
    const query = new URLSearchParams({ server: url, token });
    await page.goto(`${site.url}/examples/accounts/dist/index.html?${query}`);
  });
  after(async () => {
    await page?.close();
    await flowloom?.close();
  });

  test('shows the import count the server keeps for the tenant, and counts an import there', async () => {
    const editor = page.locator('workflow-editor');
    await editor.locator('wf-palette button.type').first().waitFor();
    await editor.getByRole('button', { name: 'Templates', exact: true }).first().click();
    const gallery = editor.locator('wf-editor-panels wf-template-gallery');
    const card = gallery.locator('li.card[data-template="say-hello"]');
    await card.locator('.imports', { hasText: 'Imports here: 1' }).waitFor();
    await page.screenshot({ path: `${shots}accounts-14-server-gallery.png` });
    await card.getByRole('button', { name: 'Preview' }).click();
    await gallery.locator('form.fill').getByLabel('Greeting').fill('Bonjour');
    await gallery.locator('form.fill').getByRole('button', { name: 'Use this template' }).click();
    await card.locator('.imports', { hasText: 'Imports here: 2' }).waitFor();
    const listed = (await flowloom.call('/templates')).templates.find((t) => t.id === 'template-hello');
    assert.equal(listed.imports, 2);
    const workflow = await page.evaluate(() => document.querySelector('workflow-editor').workflow);
    assert.equal(workflow.nodes.find((n) => n.id === 'say').parameters.fields[0].value, 'Bonjour');
    assert.deepEqual(errors, []);
  });
});
