// @ts-check
// The host's own part: who is signed in (a session cookie), the embed token
// its back end signs for that user, and the page that embeds the editor.
// Flowloom never sees the session or the secret: only the short-lived token.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { SignJWT } from 'jose';

/**
 * The example's accounts: in your product, your users table. Each user works
 * in one tenant (a customer account) with a Flowloom role.
 * @type {Record<string, { name: string, tenant: string, role: string }>}
 */
export const USERS = {
  ada: { name: 'Ada Lovelace', tenant: 'acme', role: 'owner' },
  grace: { name: 'Grace Hopper', tenant: 'acme', role: 'viewer' },
  linus: { name: 'Linus Pauling', tenant: 'globex', role: 'editor' },
};

/** Who embed tokens say they come from, and whom they are for: the server checks both. */
export const EMBED_ISSUER = 'https://host.example';
export const EMBED_AUDIENCE = 'flowloom';

/** How long an embed token lives: the page asks for a new one when the server refuses an expired one. */
const TOKEN_SECONDS = 10 * 60;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * Signs an embed token for a user, as any host's back end would: HS256 with
 * the secret it shares with the Flowloom server, the user as `sub`, the
 * tenant and role as claims.
 * @param {Uint8Array} secret
 * @param {string} userId
 * @param {{ tenant: string, role: string }} user
 * @returns {Promise<{ token: string, expiresAt: string }>}
 */
export async function signEmbedToken(secret, userId, user) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ tenant: user.tenant, role: user.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(EMBED_ISSUER)
    .setAudience(EMBED_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_SECONDS)
    .sign(secret);
  return { token, expiresAt: new Date((issuedAt + TOKEN_SECONDS) * 1000).toISOString() };
}

/**
 * @typedef {object} HostRoutesOptions
 * @property {Uint8Array} embedSecret the secret shared with the Flowloom server
 * @property {string} pageDir the built host page (`dist/`)
 * @property {Map<string, string>} sessions session id -> user id, shared with the relay
 */

/**
 * The host's routes: sign in and out, the session and its embed token, the page.
 * @param {HostRoutesOptions} options
 */
export function hostRoutes(options) {
  const { sessions, embedSecret, pageDir } = options;
  const app = new Hono();
  /** @param {import('hono').Context} c */
  const userOf = (c) => {
    const id = sessions.get(getCookie(c, 'session') ?? '');
    const user = id ? USERS[id] : undefined;
    return id && user ? { id, ...user } : undefined;
  };

  // An invitation link (`/?invite=...`) opened signed out survives the sign-in: the page accepts it after.
  app.get('/login', (c) => c.html(loginPage(undefined, c.req.query('invite'))));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const id = String(form['user'] ?? '');
    const invite = typeof form['invite'] === 'string' && form['invite'] ? form['invite'] : undefined;
    if (!USERS[id]) return c.html(loginPage(`There is no user '${id}'.`, invite), 400);
    const session = randomBytes(24).toString('base64url');
    sessions.set(session, id);
    setCookie(c, 'session', session, { httpOnly: true, sameSite: 'Lax', path: '/' });
    return c.redirect(invite ? `/?invite=${encodeURIComponent(invite)}` : '/', 303);
  });
  app.post('/logout', (c) => {
    sessions.delete(getCookie(c, 'session') ?? '');
    deleteCookie(c, 'session', { path: '/' });
    return c.redirect('/login', 303);
  });

  // The page asks who is signed in, and for an embed token whenever it needs a fresh one.
  app.get('/session', (c) => {
    const user = userOf(c);
    return user ? c.json({ user }) : c.json({ error: { code: 'SIGNED_OUT', message: 'Sign in first.' } }, 401);
  });
  app.post('/session/token', async (c) => {
    const user = userOf(c);
    if (!user) return c.json({ error: { code: 'SIGNED_OUT', message: 'Sign in first.' } }, 401);
    c.header('cache-control', 'no-store');
    return c.json(await signEmbedToken(embedSecret, user.id, user));
  });

  app.get('/', async (c) => {
    if (!userOf(c)) {
      const invite = c.req.query('invite');
      return c.redirect(invite ? `/login?invite=${encodeURIComponent(invite)}` : '/login', 303);
    }
    return servePage(c, 'index.html');
  });
  app.get('/assets/*', (c) => servePage(c, new URL(c.req.url).pathname));

  /**
   * A file of the built page, or a 503 saying how to build it.
   * @param {import('hono').Context} c
   * @param {string} path
   */
  async function servePage(c, path) {
    const file = join(pageDir, normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(pageDir)) return c.notFound();
    try {
      const body = await readFile(file);
      return c.body(body, 200, { 'content-type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream' });
    } catch {
      if (path !== 'index.html') return c.notFound();
      return c.text('The host page is not built: run `npx vite build --config examples/server/vite.config.mjs`.', 503);
    }
  }

  return app;
}

/**
 * @param {string} [problem]
 * @param {string} [invite] the token of the invitation link that led here, accepted once signed in
 */
function loginPage(problem, invite) {
  const options = Object.entries(USERS)
    .map(([id, u]) => `<option value="${id}">${u.name} (${u.tenant}, ${u.role})</option>`)
    .join('');
  const invited = invite
    ? `<p>Sign in to accept your invitation.</p><input type="hidden" name="invite" value="${escapeHtml(invite)}">`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Acme Automations</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f8fafc}
form{background:#fff;padding:24px;border:1px solid #e2e8f0;border-radius:8px;display:grid;gap:12px;min-width:280px}
button{padding:8px;border:0;border-radius:6px;background:#4f46e5;color:#fff;font:inherit}.problem{color:#b91c1c}</style></head>
<body><form method="post" action="/login"><h1>Acme Automations</h1>
${problem ? `<p class="problem">${escapeHtml(problem)}</p>` : ''}${invited}
<label>Sign in as <select name="user">${options}</select></label><button type="submit">Sign in</button></form></body></html>`;
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
