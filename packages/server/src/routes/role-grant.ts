import { permissionsOf, type Principal } from '../auth/permissions.js';
import { ApiError } from '../errors/api.error.js';
import type { ServerContext } from './server-context.js';

/**
 * Checks that the caller may give a role (to an invitee, or to a member): the
 * server defines it (400 naming the body's `role`), and the caller holds every
 * permission it grants, so nobody hands out more than they hold (403).
 */
export function checkGrantableRole(server: ServerContext, principal: Principal, role: string): void {
  const granted = permissionsOf(server.roles, role);
  if (!granted) {
    const roles = Object.keys(server.roles);
    throw new ApiError(400, 'ROLE_UNKNOWN', `There is no role '${role}'; use one of ${roles.join(', ')}.`, {
      details: { issues: [{ in: 'body', path: 'role', message: `must be one of ${roles.join(', ')}` }] },
    });
  }
  const missing = [...granted].find((p) => !principal.permissions.has(p));
  if (missing) {
    throw new ApiError(403, 'PERMISSION_DENIED', `The role '${role}' carries '${missing}', which the caller does not hold.`, {
      details: { permission: missing, role: principal.role },
    });
  }
}

/** Who made a record: the user of an embed token, or the API key. */
export function actorOf(principal: Principal): string {
  return principal.userId ?? principal.apiKeyId ?? principal.via;
}
