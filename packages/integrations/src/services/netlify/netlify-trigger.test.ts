// The Netlify trigger, checked against Netlify's documented payload signature: X-Webhook-Signature is a JWS signed
// HS256 with the webhook's JWS secret token, claiming iss "netlify" and the hex SHA-256 of the body (built here with
// node:crypto), and against jwt.io's published HS256 example token, which signs right but is not Netlify's.
import { createHash, createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { netlifyTrigger, netlifyWebhookSecret } from './netlify-trigger.js';

const SECRET = 'your-256-bit-secret';

/** jwt.io's example: a JWS signed HS256 with "your-256-bit-secret", whose claims are a sub, a name and an iat. */
const JWT_IO_EXAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** A failed deploy, abridged from a Netlify deploy notification. */
const deployFailed = {
  id: '5ebc34bf4fea0b01f02efa3a',
  site_id: 'ab52947e-a696-4498-a5a1-fae7fbe30c84',
  build_id: '5ebc34bf4fea0b01f02efa38',
  state: 'error',
  name: 'www-example',
  url: 'https://www.example.com',
  admin_url: 'https://app.netlify.com/sites/www-example',
  error_message: 'Build script returned non-zero exit code: 2',
  branch: 'main',
  context: 'production',
};

const base64Url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A JWS as Netlify makes it: HS256 over the base64url header and claims. */
function jws(claims: Record<string, unknown>, secret = SECRET): string {
  const signingInput = `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64Url(JSON.stringify(claims))}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** A call as Netlify makes it; `signature: null` sends none. */
function call(body: unknown, options: { event?: string; secret?: string; signature?: string | null; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const signature = options.signature === undefined ? jws({ iss: 'netlify', sha256 }, options.secret) : options.signature;
  return new Request('https://hooks.example.com/webhook/netlify/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Netlify',
      ...(options.event === undefined ? {} : { 'x-netlify-event': options.event }),
      ...(signature === null ? {} : { 'x-webhook-signature': signature }),
    },
    body: options.tamper ? text.replace('"main"', '"evil"') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [netlifyTrigger],
  credentialTypes: [netlifyWebhookSecret],
  credentials: [{ id: 'hook', type: 'netlifyWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'netlify-failures',
    nodes: [
      {
        id: 'trigger',
        type: netlifyTrigger.type,
        parameters: { path: 'netlify/events', events: ['deploy_failed'] },
        credentials: { netlifyWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Netlify trigger', () => {
  it('runs for a signed deploy_failed call, with the deploy as the item', async () => {
    const { run } = await bed.runOnce(call(deployFailed, { event: 'deploy_failed' }));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([deployFailed]);
  });

  it('tells a failed deploy by its state when the call names no event', async () => {
    const { run } = await bed.runOnce(call(deployFailed));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ state: 'error', name: 'www-example' });
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret, a JWS of another issuer and an unsigned call with 401', () => [
    {
      call: call(deployFailed, { event: 'deploy_failed', tamper: true }),
      message: 'The call was refused: its body is not the one Netlify signed',
    },
    {
      call: call(deployFailed, { event: 'deploy_failed', secret: 'not-it' }),
      message: 'The call was refused: its Netlify signature does not match',
    },
    {
      call: call(deployFailed, { event: 'deploy_failed', signature: JWT_IO_EXAMPLE }),
      message: 'The call was refused: its Netlify signature was not issued by netlify',
    },
    {
      call: call(deployFailed, { event: 'deploy_failed', signature: 'not.a-jws' }),
      message: 'The call was refused: its X-Webhook-Signature is not a JSON Web Signature',
    },
    {
      call: call(deployFailed, { event: 'deploy_failed', signature: null }),
      message: 'The call was refused: it has no X-Webhook-Signature header',
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    call({ ...deployFailed, state: 'ready', error_message: null }, { event: 'deploy_created' }),
  );

  itStartsNothingFor(bed, 'starts nothing for a successful deploy whose call names no event', () =>
    call({ ...deployFailed, state: 'ready', error_message: null }),
  );
});
