import type { Authenticator } from '../auth/authenticate.js';
import { permissionsOf, type RoleTable } from '../auth/permissions.js';
import { ApiError } from '../errors/api.error.js';
import type { Members } from './members.js';

/**
 * Gives the user of an embed token the role it holds as a member of the
 * token's tenant, in place of the token's `role` claim: once a user has
 * joined through an invite, its role is the one the tenant's owners and
 * admins set. A user who is not a member keeps the token's role, as the host
 * signed it. API keys keep their own role.
 */
export function withMemberRoles(authenticate: Authenticator, members: Members, roles: RoleTable): Authenticator {
  return async (request) => {
    const principal = await authenticate(request);
    if (principal.via !== 'embedToken' || principal.userId === undefined) return principal;
    const member = (await members.read(principal.tenantId)).members.find((m) => m.userId === principal.userId);
    if (!member || member.role === principal.role) return principal;
    const permissions = permissionsOf(roles, member.role);
    if (!permissions) {
      throw new ApiError(
        401,
        'ROLE_UNKNOWN',
        `The member '${member.userId}' has the role '${member.role}', which this server does not define; give the member another role.`,
        { headers: { 'www-authenticate': 'Bearer' } },
      );
    }
    return { ...principal, role: member.role, permissions };
  };
}
