import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { CredentialSchema, errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp, ServerEnv } from './server-context.js';

const tags = ['Credentials'];

/** Where providers send the user back, below the server's own path. */
export const OAUTH2_CALLBACK_PATH = '/oauth2/callback';

/** The message the callback page posts to the window that opened it. */
export const OAUTH2_CONNECTED_MESSAGE = 'flowloom:oauth2-connected';

const startOAuth2 = defineRoute({
  method: 'post',
  path: '/credentials/{id}/oauth2/start',
  operationId: 'startOAuth2',
  summary: 'Start connecting an OAuth2 account: open the answer’s URL in a popup',
  description: `The provider sends the user back to \`${OAUTH2_CALLBACK_PATH}\` on this server, which stores the tokens encrypted and posts \`{ type: '${OAUTH2_CONNECTED_MESSAGE}', ok, credentialId }\` to the opener.`,
  tags,
  permission: 'credential:write',
  request: { params: IdParams },
  responses: {
    200: jsonResponse('The provider’s sign-in URL.', z.object({ url: z.string(), state: z.string(), redirectUri: z.string() })),
    ...errorResponses(404, 422),
  },
});

const disconnectOAuth2 = defineRoute({
  method: 'post',
  path: '/credentials/{id}/oauth2/disconnect',
  operationId: 'disconnectOAuth2',
  summary: 'Forget an OAuth2 credential’s tokens',
  tags,
  permission: 'credential:write',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The credential, no longer connected.', CredentialSchema), ...errorResponses(404) },
});

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The page the provider's redirect lands on: a sentence, and a message to the editor that opened the popup. */
function callbackPage(ok: boolean, sentence: string, credentialId: string | undefined): string {
  const message = JSON.stringify({ type: OAUTH2_CONNECTED_MESSAGE, ok, ...(credentialId ? { credentialId } : {}), message: sentence });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${ok ? 'Connected' : 'Not connected'}</title></head>
<body><p>${escape(sentence)}</p>
<script>window.opener && window.opener.postMessage(${message.replaceAll('<', '\\u003c')}, '*');${ok ? ' window.close();' : ''}</script>
</body></html>
`;
}

/** OAuth2 connection of credentials: start (authenticated), the provider's callback (public, bound by `state`), disconnect. */
export function oauth2Routes(app: ServerApp, options: { callbackUrl?: string }): void {
  handle(app, startOAuth2, async (c) => {
    const { engine } = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    if (!(await engine.credentials.get(id, { tenantId }))) throw notFound('credential', id);
    await c.var.server.members.checkVisible(c.var.principal, 'credential', id);
    // The callback is this server's own, wherever the host mounted it: the start URL with its tail replaced.
    const here = new URL(c.req.url);
    const base = here.pathname.slice(0, here.pathname.length - `/credentials/${encodeURIComponent(id)}/oauth2/start`.length);
    const redirectUri = options.callbackUrl ?? `${here.origin}${base}${OAUTH2_CALLBACK_PATH}`;
    const started = await engine.credentials.oauth2.startAuthorization(id, { redirectUri, tenantId });
    return json({ ...started, redirectUri });
  });

  handle(app, disconnectOAuth2, async (c) => {
    const { engine } = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    if (!(await engine.credentials.get(id, { tenantId }))) throw notFound('credential', id);
    await c.var.server.members.checkVisible(c.var.principal, 'credential', id);
    await engine.credentials.oauth2.disconnect(id, { tenantId });
    return json(await engine.credentials.get(id, { tenantId }));
  });

  // The tenant and the credential come from the connection the authenticated start created, found by `state`.
  (app as unknown as Hono<ServerEnv>).get(OAUTH2_CALLBACK_PATH, async (c) => {
    try {
      const credential = await c.var.server.engine.credentials.oauth2.completeAuthorization(c.req.url);
      return c.html(callbackPage(true, `${credential.name} is connected. You can close this window.`, credential.id));
    } catch (error) {
      const sentence = error instanceof Error ? error.message : 'The account could not be connected.';
      return c.html(callbackPage(false, sentence, undefined), 400);
    }
  });
}
