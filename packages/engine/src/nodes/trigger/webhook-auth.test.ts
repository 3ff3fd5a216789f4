import { request as httpRequest } from 'node:http';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Engine, type Execution, type WebhookOptions } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { serveWebhooks, type TestHttpServer } from '@flowloom/engine/testing/node';
import { secretLeaks } from '../../testing/secret-leaks.node.js';

// Calls go over real HTTP on 127.0.0.1; the Authorization headers are written by Node (Buffer, its HTTP
// client's URL user info) and the tokens signed by jose, not by the code under test.

const USER = 'hook-user';
const PASSWORD = 'pa55-w0rd-for-hooks';
const HEADER_SECRET = 'h3ader-secret-value-42';
const JWT_SECRET = 'jwt-hmac-secret-of-32-bytes-long!!';
const NOW = Date.UTC(2026, 5, 1);

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real HTTP server in front of `engine.handleWebhook`. */
async function serve(engine: Engine): Promise<string> {
  server = await serveWebhooks(engine);
  return server.url;
}

/** An engine with one active workflow: a Webhook at `/webhook/guarded` that checks callers, answering with its item. */
async function guardedEngine(
  authentication: string,
  credential: { type: string; data: Record<string, unknown> },
  webhooks: WebhookOptions = {},
) {
  const engine = createEngine({ webhooks, clock: createTestClock({ start: NOW }), logger: silentLogger });
  const finished: Execution[] = [];
  engine.on('executionFinish', (e) => finished.push(e.execution));
  await engine.credentials.create({ id: 'guard', name: 'Guard', ...credential });
  await engine.activate(
    buildWorkflow({
      id: 'wf-guarded',
      nodes: [
        {
          id: 'hook',
          name: 'Hook',
          type: 'core.webhook',
          parameters: { path: 'guarded', httpMethod: 'POST', authentication, responseMode: 'lastNode' },
          credentials: { [authentication]: 'guard' },
        },
      ],
    }),
  );
  const url = `${await serve(engine)}/webhook/guarded`;
  const stored = async () => {
    const summaries = await engine.storage.executions.list('default');
    return Promise.all(summaries.map(async (s) => (await engine.storage.executions.get('default', s.id))!));
  };
  return { engine, url, finished, stored };
}

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"order":7}' });

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A POST sent by Node's HTTP client to a URL with user info (`http://user:pass@host/...`): the client writes the Basic header. */
function postWithUserInfo(url: string, user: string, password: string): Promise<number> {
  const target = new URL(url);
  target.username = encodeURIComponent(user);
  target.password = encodeURIComponent(password);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target.href, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end('{"order":7}');
  });
}

/** What a refused call answered, body read. */
async function refusal(response: Response) {
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.text() };
}

describe('Webhook basic auth', () => {
  const credential = { type: 'webhookBasicAuth', data: { username: USER, password: PASSWORD } };

  it('runs a call with the right user name and password, from a header or from the URL’s user info', async () => {
    const { url, stored } = await guardedEngine('basicAuth', credential);
    const response = await post(url, { authorization: basic(USER, PASSWORD) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: 'POST', body: { order: 7 } });
    expect(await postWithUserInfo(url, USER, PASSWORD)).toBe(200);
    const runs = await stored();
    expect(runs.map((e) => e.status)).toEqual(['success', 'success']);
  });

  it('refuses a call without credentials with 401 and a Basic challenge, and records nothing', async () => {
    const { url, stored } = await guardedEngine('basicAuth', credential);
    const answer = await refusal(await post(url));
    expect(answer).toMatchObject({ status: 401, challenge: 'Basic realm="Webhook"' });
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'WEBHOOK_UNAUTHORIZED' } });
    expect(answer.body).toContain('no Authorization header');
    expect(await stored()).toEqual([]);
  });

  it('refuses a wrong password, a wrong user and another scheme with 401, never echoing the expected password', async () => {
    const { url, stored, finished } = await guardedEngine('basicAuth', credential);
    for (const authorization of [basic(USER, 'wrong'), basic('someone', PASSWORD), `Bearer ${PASSWORD}`]) {
      const answer = await refusal(await post(url, { authorization }));
      expect(answer, authorization).toMatchObject({ status: 401, challenge: 'Basic realm="Webhook"' });
      expect(secretLeaks(answer.body, PASSWORD)).toEqual([]);
    }
    expect(await postWithUserInfo(url, USER, `${PASSWORD}x`)).toBe(401);
    expect(await stored()).toEqual([]);
    expect(finished).toEqual([]);
  });

  it('keeps the Authorization header out of the stored run, even when the host keeps every header', async () => {
    const { url, stored, finished } = await guardedEngine('basicAuth', credential, { redactHeaders: [] });
    const authorization = basic(USER, PASSWORD);
    expect((await post(url, { authorization, 'x-shop': 'acme' })).status).toBe(200);
    const [execution] = await stored();
    const trigger = execution!.nodes.hook![0]!.output.main![0]!.json as { headers: Record<string, string> };
    expect(trigger.headers['x-shop']).toBe('acme');
    expect(trigger.headers.authorization).toBe('__redacted__');
    const recorded = JSON.stringify([execution, finished]);
    expect(recorded).not.toContain(authorization.slice('Basic '.length));
    expect(secretLeaks(recorded, PASSWORD)).toEqual([]);
  });
});

describe('Webhook header auth', () => {
  const credential = { type: 'webhookHeaderAuth', data: { name: 'X-Hook-Token', value: HEADER_SECRET } };

  it('runs a call carrying the header and its value', async () => {
    const { url, stored } = await guardedEngine('headerAuth', credential);
    expect((await post(url, { 'x-hook-token': HEADER_SECRET })).status).toBe(200);
    expect((await stored()).map((e) => e.status)).toEqual(['success']);
  });

  it('refuses a wrong or missing header with 403, saying which header, and records nothing', async () => {
    const { url, stored } = await guardedEngine('headerAuth', credential);
    const wrong = await refusal(await post(url, { 'x-hook-token': `${HEADER_SECRET}-not` }));
    expect(wrong).toMatchObject({ status: 403, challenge: null });
    expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: 'WEBHOOK_FORBIDDEN' } });
    expect(wrong.body).toContain('X-Hook-Token header does not hold the expected value');
    expect(secretLeaks(wrong.body, HEADER_SECRET)).toEqual([]);
    const missing = await refusal(await post(url));
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('no X-Hook-Token header');
    expect(await stored()).toEqual([]);
  });

  it('keeps the header’s value out of the stored run, though the host does not list it', async () => {
    const { url, stored, finished } = await guardedEngine('headerAuth', credential);
    expect((await post(url, { 'x-hook-token': HEADER_SECRET })).status).toBe(200);
    const [execution] = await stored();
    const trigger = execution!.nodes.hook![0]!.output.main![0]!.json as { headers: Record<string, string> };
    expect(trigger.headers['x-hook-token']).toBe('__redacted__');
    expect(secretLeaks(JSON.stringify([execution, finished]), HEADER_SECRET)).toEqual([]);
  });
});

describe('Webhook JWT auth', () => {
  const hmac = { type: 'webhookJwtAuth', data: { algorithm: 'HS256', secret: JWT_SECRET } };
  const seconds = Math.floor(NOW / 1000);
  const signed = (secret: string, expiresAt = seconds + 600) =>
    new SignJWT({ sub: 'caller' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(seconds - 60)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));

  it('runs a call with a token signed with the secret, and keeps the token out of the stored run', async () => {
    const { url, stored, finished } = await guardedEngine('jwtAuth', hmac, { redactHeaders: [] });
    const token = await signed(JWT_SECRET);
    expect((await post(url, { authorization: `Bearer ${token}` })).status).toBe(200);
    const [execution] = await stored();
    expect(execution!.status).toBe('success');
    const recorded = JSON.stringify([execution, finished]);
    expect(recorded).not.toContain(token);
    expect(secretLeaks(recorded, JWT_SECRET)).toEqual([]);
  });

  it('asks for a token with 401 and refuses a bad or expired one with 403, recording nothing', async () => {
    const { url, stored } = await guardedEngine('jwtAuth', hmac);
    const none = await refusal(await post(url));
    expect(none).toMatchObject({ status: 401, challenge: 'Bearer realm="Webhook"' });
    const forged = await refusal(await post(url, { authorization: `Bearer ${await signed('another-secret-of-enough-length!!')}` }));
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.body)).toMatchObject({ error: { code: 'WEBHOOK_FORBIDDEN' } });
    expect(secretLeaks(forged.body, JWT_SECRET)).toEqual([]);
    const expired = await refusal(await post(url, { authorization: `Bearer ${await signed(JWT_SECRET, seconds - 1)}` }));
    expect(expired.status).toBe(403);
    expect((JSON.parse(expired.body) as { error: { message: string } }).error.message).toContain('"exp" claim');
    expect(await stored()).toEqual([]);
  });

  it('checks tokens signed with a private key against the public key in PEM', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const credential = { type: 'webhookJwtAuth', data: { algorithm: 'RS256', publicKey: await exportSPKI(publicKey) } };
    const { url, stored } = await guardedEngine('jwtAuth', credential);
    const token = await new SignJWT({ sub: 'caller' })
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime(seconds + 60)
      .sign(privateKey);
    expect((await post(url, { authorization: `Bearer ${token}` })).status).toBe(200);
    const other = await generateKeyPair('RS256');
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(other.privateKey);
    expect((await post(url, { authorization: `Bearer ${foreign}` })).status).toBe(403);
    expect((await stored()).map((e) => e.status)).toEqual(['success']);
  });
});

describe('Webhook authentication settings', () => {
  it('refuses to activate a webhook that asks for authentication without a credential, naming the node and slot', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = buildWorkflow({
      nodes: [{ id: 'hook', name: 'Hook', type: 'core.webhook', parameters: { path: 'x', authentication: 'headerAuth' } }],
    });
    await expect(engine.activate(workflow)).rejects.toMatchObject({
      code: 'ACTIVATION_FAILED',
      message: expect.stringContaining("Node 'Hook': parameter 'authentication' is 'headerAuth'") as unknown,
    });
    expect(engine.validate(workflow).success).toBe(true);
  });
});

describe('Form Trigger basic auth', () => {
  async function formEngine() {
    const engine = createEngine({ logger: silentLogger });
    await engine.credentials.create({ id: 'guard', name: 'Guard', type: 'webhookBasicAuth', data: { username: USER, password: PASSWORD } });
    await engine.activate(
      buildWorkflow({
        id: 'wf-form',
        nodes: [
          {
            id: 'form',
            name: 'Form',
            type: 'core.formTrigger',
            parameters: { path: 'signup', authentication: 'basicAuth', formTitle: 'Sign up', formFields: [{ fieldLabel: 'Name' }] },
            credentials: { basicAuth: 'guard' },
          },
        ],
      }),
    );
    return { engine, url: `${await serve(engine)}/webhook/signup` };
  }
  const submit = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'field-0=Ada' });

  it('asks for the user name and password before showing the page or taking a submission', async () => {
    const { engine, url } = await formEngine();
    const page = await refusal(await fetch(url));
    expect(page).toMatchObject({ status: 401, challenge: 'Basic realm="Webhook"' });
    expect(page.body).not.toContain('<form');
    expect((await refusal(await submit(url))).status).toBe(401);
    expect((await refusal(await submit(url, { authorization: basic(USER, 'nope') }))).status).toBe(401);
    expect(await engine.storage.executions.list('default')).toEqual([]);
  });

  it('serves the page and runs a submission with the right credentials, keeping them out of the run', async () => {
    const { engine, url } = await formEngine();
    const authorization = basic(USER, PASSWORD);
    const page = await fetch(url, { headers: { authorization } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    expect((await submit(url, { authorization })).status).toBe(200);
    await engine.idle();
    const [summary] = await engine.storage.executions.list('default');
    const execution = await engine.storage.executions.get('default', summary!.id);
    expect(execution!.status).toBe('success');
    expect(execution!.nodes.form![0]!.output.main![0]!.json).toMatchObject({ Name: 'Ada' });
    expect(secretLeaks(JSON.stringify(execution), PASSWORD)).toEqual([]);
    expect(JSON.stringify(execution)).not.toContain(authorization.slice('Basic '.length));
  });
});
