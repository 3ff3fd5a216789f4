import { formatPath, type Workflow } from '@flowloom/engine';
import type { Principal } from '../auth/permissions.js';
import { ApiError, invalidRequest, notFound } from '../errors/api.error.js';
import type { ServerContext } from './server-context.js';

/** The stored workflow of the caller's tenant, or a 404 when there is none or it is in a workspace the caller does not see. */
export async function storedWorkflow(server: ServerContext, principal: Principal, id: string): Promise<Workflow> {
  const workflow = await server.engine.storage.workflows.get(principal.tenantId, id);
  if (!workflow) throw notFound('workflow', id);
  await server.members.checkVisible(principal, 'workflow', id);
  return workflow;
}

/**
 * Checks a document the schema accepted against the engine's node types and
 * graph rules (unknown types, parameters, dangling connections): 400 naming
 * each bad field.
 */
export async function validWorkflow(server: ServerContext, document: Record<string, unknown>): Promise<Workflow> {
  // Node types from the engine's `nodeModules` are known once they have loaded, and lazy types check their
  // parameters once loaded.
  await server.engine.ready();
  await server.engine.nodeTypes.loadFor(document);
  const result = server.engine.validate(document);
  if (result.success) return result.workflow;
  throw invalidRequest(
    result.error.issues.map((i) => ({ in: 'body' as const, path: formatPath(i.path), message: i.message })),
    'WORKFLOW_INVALID',
  );
}

/** Refuses a body whose `id` differs from the one in the URL. */
export function checkSameId(document: { id?: string | undefined }, id: string): void {
  if (document.id !== undefined && document.id !== id) {
    throw new ApiError(400, 'ID_MISMATCH', `The document's id '${document.id}' differs from '${id}' in the URL.`, {
      details: { issues: [{ in: 'body', path: 'id', message: `must be '${id}' or left out` }] },
    });
  }
}
