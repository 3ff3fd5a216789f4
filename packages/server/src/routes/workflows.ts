import { z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { checkPolicy } from './guard.js';
import {
  errorResponses,
  IdParams,
  jsonResponse,
  WorkflowInputSchema,
  WorkflowSchema,
  WorkflowSummarySchema,
  WorkflowVersionSchema,
} from './schemas.js';
import type { ServerApp } from './server-context.js';
import { checkSameId, storedWorkflow, validWorkflow } from './workflow-document.js';

const tags = ['Workflows'];

const SavedWorkflowSchema = z
  .object({
    workflow: WorkflowSchema,
    version: z.number().int(),
    savedAt: z.string().openapi({ description: 'When this version was saved (ISO 8601).' }),
    active: z.boolean(),
  })
  .openapi('SavedWorkflow');

const VersionParams = IdParams.extend({
  version: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'version', in: 'path' } }),
});

const workflowBody = { content: { 'application/json': { schema: WorkflowInputSchema } }, required: true };

const listWorkflows = defineRoute({
  method: 'get',
  path: '/workflows',
  operationId: 'listWorkflows',
  summary: 'List the workflows of the caller’s tenant',
  tags,
  permission: 'workflow:read',
  responses: {
    200: jsonResponse('The workflows, without their graphs.', z.object({ workflows: z.array(WorkflowSummarySchema) })),
    ...errorResponses(),
  },
});

const createWorkflow = defineRoute({
  method: 'post',
  path: '/workflows',
  operationId: 'createWorkflow',
  summary: 'Create a workflow',
  tags,
  permission: 'workflow:write',
  request: { body: workflowBody },
  responses: { 201: jsonResponse('Saved as version 1.', SavedWorkflowSchema), ...errorResponses(400, 409, 413) },
});

const getWorkflow = defineRoute({
  method: 'get',
  path: '/workflows/{id}',
  operationId: 'getWorkflow',
  summary: 'Get a workflow’s current version',
  tags,
  permission: 'workflow:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The workflow document.', WorkflowSchema), ...errorResponses(404) },
});

const saveWorkflow = defineRoute({
  method: 'put',
  path: '/workflows/{id}',
  operationId: 'saveWorkflow',
  summary: 'Save a new version of a workflow',
  description: 'An active workflow serves the new version at once; if it cannot be activated (a webhook conflict), nothing is saved.',
  tags,
  permission: 'workflow:write',
  request: { params: IdParams, body: workflowBody },
  responses: { 200: jsonResponse('The new version.', SavedWorkflowSchema), ...errorResponses(400, 404, 409, 413, 422) },
});

const deleteWorkflow = defineRoute({
  method: 'delete',
  path: '/workflows/{id}',
  operationId: 'deleteWorkflow',
  summary: 'Delete a workflow and all its versions',
  tags,
  permission: 'workflow:write',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted; its webhooks and schedules are stopped.' }, ...errorResponses(404) },
});

const listWorkflowVersions = defineRoute({
  method: 'get',
  path: '/workflows/{id}/versions',
  operationId: 'listWorkflowVersions',
  summary: 'List a workflow’s saved versions, newest first',
  tags,
  permission: 'workflow:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The versions.', z.object({ versions: z.array(WorkflowVersionSchema) })), ...errorResponses(404) },
});

const getWorkflowVersion = defineRoute({
  method: 'get',
  path: '/workflows/{id}/versions/{version}',
  operationId: 'getWorkflowVersion',
  summary: 'Get one saved version of a workflow',
  tags,
  permission: 'workflow:read',
  request: { params: VersionParams },
  responses: { 200: jsonResponse('The document as it was saved.', WorkflowSchema), ...errorResponses(400, 404) },
});

const restoreWorkflowVersion = defineRoute({
  method: 'post',
  path: '/workflows/{id}/versions/{version}/restore',
  operationId: 'restoreWorkflowVersion',
  summary: 'Make an old version current again, as a new version',
  tags,
  permission: 'workflow:write',
  request: { params: VersionParams },
  responses: { 200: jsonResponse('The new current version.', SavedWorkflowSchema), ...errorResponses(400, 404, 409, 422) },
});

/** Workflow documents: CRUD and versions. */
export function workflowRoutes(app: ServerApp): void {
  handle(app, listWorkflows, async (c) => {
    const { engine, activations } = c.var.server;
    const { tenantId } = c.var.principal;
    const hidden = await c.var.server.members.hiddenFrom(c.var.principal, 'workflow');
    const workflows = (await engine.storage.workflows.list(tenantId))
      .filter((w) => !hidden.has(w.id))
      .map((w) => ({ ...w, active: activations.isActive(tenantId, w.id) }));
    return json({ workflows });
  });

  handle(app, createWorkflow, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const body = c.req.valid('json');
    const workflow = await validWorkflow(server, { ...body, schemaVersion: 1, id: body.id ?? crypto.randomUUID() });
    await checkPolicy(server, { principal, permission: 'workflow:write', operationId: 'createWorkflow', workflow });
    await server.quotas.checkNewWorkflow(principal.tenantId);
    if (await server.engine.storage.workflows.get(principal.tenantId, workflow.id)) {
      throw new ApiError(
        409,
        'WORKFLOW_EXISTS',
        `A workflow with id '${workflow.id}' already exists; save to it with PUT /workflows/${workflow.id}.`,
      );
    }
    const saved = await server.engine.storage.workflows.save(principal.tenantId, workflow);
    return json({ workflow, version: saved.version, savedAt: saved.savedAt, active: false }, 201);
  });

  handle(app, getWorkflow, async (c) => json(await storedWorkflow(c.var.server, c.var.principal, c.req.valid('param').id)));

  handle(app, saveWorkflow, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    checkSameId(body, id);
    await storedWorkflow(server, principal, id);
    const workflow = await validWorkflow(server, { ...body, schemaVersion: 1, id });
    await checkPolicy(server, { principal, permission: 'workflow:write', operationId: 'saveWorkflow', workflow });
    // Activate first: a trigger problem or a webhook conflict then changes nothing.
    const active = server.activations.isActive(principal.tenantId, id);
    if (active) await server.activations.activate(principal.tenantId, workflow);
    const saved = await server.engine.storage.workflows.save(principal.tenantId, workflow);
    return json({ workflow, version: saved.version, savedAt: saved.savedAt, active });
  });

  handle(app, deleteWorkflow, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await storedWorkflow(server, c.var.principal, id);
    await server.activations.deactivate(tenantId, id);
    await server.engine.storage.workflows.delete(tenantId, id);
    await server.members.forget(tenantId, 'workflow', id);
    return json(undefined, 204);
  });

  handle(app, listWorkflowVersions, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await storedWorkflow(server, c.var.principal, id);
    return json({ versions: await server.engine.storage.workflows.listVersions(tenantId, id) });
  });

  handle(app, getWorkflowVersion, async (c) => {
    const { id, version } = c.req.valid('param');
    await c.var.server.members.checkVisible(c.var.principal, 'workflow', id);
    const workflow = await c.var.server.engine.storage.workflows.getVersion(c.var.principal.tenantId, id, version);
    if (!workflow) throw notFound('workflow version', `${id}@${version}`);
    return json(workflow);
  });

  handle(app, restoreWorkflowVersion, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const { id, version } = c.req.valid('param');
    const store = server.engine.storage.workflows;
    await server.members.checkVisible(principal, 'workflow', id);
    const old = await store.getVersion(principal.tenantId, id, version);
    if (!old) throw notFound('workflow version', `${id}@${version}`);
    await checkPolicy(server, { principal, permission: 'workflow:write', operationId: 'restoreWorkflowVersion', workflow: old });
    const active = server.activations.isActive(principal.tenantId, id);
    if (active) await server.activations.activate(principal.tenantId, old);
    const saved = await store.restoreVersion(principal.tenantId, id, version);
    if (!saved) throw notFound('workflow version', `${id}@${version}`);
    return json({ workflow: await storedWorkflow(server, principal, id), version: saved.version, savedAt: saved.savedAt, active });
  });
}
