// Test support: the users of a host's embed tokens, and their joining a tenant through an invite.
import { signEmbedToken } from '../auth/embed-tokens.js';
import type { TestServer } from './test-server.js';

/** The host's embed-token settings the tests share: pass as `auth: { embedTokens: TEST_EMBED }`. */
export const TEST_EMBED = {
  secret: 'a host secret of at least thirty-two bytes!',
  issuer: 'https://app.example.com',
  audience: 'flowloom',
};

/** An embed token of the test host naming a user of a tenant, signed at `now` (default: the real time). */
export function embedToken(tenantId: string, userId: string, role = 'viewer', now?: number): Promise<string> {
  return signEmbedToken({ ...TEST_EMBED, tenantId, userId, role, ...(now !== undefined ? { now } : {}) });
}

/**
 * Makes a user a member of a tenant the way a host does: `by` (an API key or
 * token that may manage members) invites it, and the user's own embed token
 * accepts. Resolves with that token.
 */
export async function joinTenant(
  server: TestServer,
  join: { by: string; tenantId: string; userId: string; role: string; teamIds?: string[]; now?: number },
): Promise<string> {
  const email = `${join.userId}@${join.tenantId}.example`;
  const invite = await server.call('/invites', { auth: join.by, json: { email, role: join.role, teamIds: join.teamIds ?? [] } });
  if (invite.status !== 201) throw new Error(`Inviting ${email} answered ${invite.status}: ${invite.text}`);
  const token = await embedToken(join.tenantId, join.userId, 'viewer', join.now);
  const accepted = await server.call('/invites/accept', { auth: token, json: { token: invite.body.token } });
  if (accepted.status !== 201) throw new Error(`Accepting the invite of ${email} answered ${accepted.status}: ${accepted.text}`);
  return token;
}
