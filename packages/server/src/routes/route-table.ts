import type { Permission } from '../auth/permissions.js';
import { PERMISSION_FIELD } from './define-route.js';
import type { ServerApp } from './server-context.js';

/** One route of the API as its table lists it. */
export interface RouteEntry {
  method: string;
  /** OpenAPI form: `/workflows/{id}`. */
  path: string;
  operationId: string;
  permission: Permission;
  /** Whether the route reads a JSON body. */
  hasBody: boolean;
}

/** The API's route table, from the routes registered on the app: what the RBAC matrix and the docs are built from. */
export function routeTable(app: ServerApp): RouteEntry[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const route = definition.route as typeof definition.route & { [PERMISSION_FIELD]?: Permission };
    return [
      {
        method: route.method.toUpperCase(),
        path: route.path,
        operationId: route.operationId ?? `${route.method} ${route.path}`,
        permission: route[PERMISSION_FIELD]!,
        hasBody: route.request?.body !== undefined,
      },
    ];
  });
}
