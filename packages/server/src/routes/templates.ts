import { z } from '@hono/zod-openapi';
import { fillTemplate, readTemplateMeta, type Workflow } from '@flowloom/engine';
import { ApiError, notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { checkPolicy } from './guard.js';
import { errorResponses, IdParams, jsonResponse, WorkflowSchema } from './schemas.js';
import type { ServerApp } from './server-context.js';
import { validWorkflow } from './workflow-document.js';

const tags = ['Templates'];

const TemplateSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    nodeTypes: z.array(z.string()),
    template: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'The gallery metadata (`meta.template`: category, tags, use cases, version, placeholders), when the template has it.',
    }),
  })
  .openapi('TemplateSummary');

const ImportSchema = z
  .object({
    id: z.string().min(1).max(200).optional().openapi({ description: 'The new workflow’s id (default: a generated one).' }),
    name: z.string().max(500).optional(),
    values: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: 'A value for each of the template’s placeholders, by key: a text, or a credential’s id.' }),
  })
  .strict()
  .openapi('TemplateImport');

const listTemplates = defineRoute({
  method: 'get',
  path: '/templates',
  operationId: 'listTemplates',
  summary: 'List the workflow templates the host offers',
  tags,
  permission: 'workflow:read',
  responses: { 200: jsonResponse('The templates.', z.object({ templates: z.array(TemplateSummarySchema) })), ...errorResponses() },
});

const getTemplate = defineRoute({
  method: 'get',
  path: '/templates/{id}',
  operationId: 'getTemplate',
  summary: 'Get a template’s workflow document',
  tags,
  permission: 'workflow:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The document.', WorkflowSchema), ...errorResponses(404) },
});

const importTemplate = defineRoute({
  method: 'post',
  path: '/templates/{id}/import',
  operationId: 'importTemplate',
  summary: 'Create a workflow of the caller’s tenant from a template',
  tags,
  permission: 'workflow:write',
  request: { params: IdParams, body: { content: { 'application/json': { schema: ImportSchema } } } },
  responses: {
    201: jsonResponse(
      'The new workflow, version 1.',
      z.object({ workflow: WorkflowSchema, version: z.number().int(), active: z.boolean() }),
    ),
    ...errorResponses(400, 404, 409),
  },
});

/** Templates the host passes to `createServer({ templates })`: list, read, import into a tenant. */
export function templateRoutes(app: ServerApp, templates: readonly Workflow[]): void {
  const byId = new Map(templates.map((t) => [t.id, t]));

  handle(app, listTemplates, async () =>
    json({
      templates: templates.map((t) => ({
        id: t.id,
        name: t.name,
        ...(typeof t.meta?.['description'] === 'string' ? { description: t.meta['description'] } : {}),
        nodeTypes: [...new Set(t.nodes.map((n) => n.type))],
        ...(t.meta?.['template'] !== undefined ? { template: readTemplateMeta(t) as unknown as Record<string, unknown> } : {}),
      })),
    }),
  );

  handle(app, getTemplate, async (c) => {
    const { id } = c.req.valid('param');
    const template = byId.get(id);
    if (!template) throw notFound('template', id);
    return json(template);
  });

  handle(app, importTemplate, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const { id } = c.req.valid('param');
    const template = byId.get(id);
    if (!template) throw notFound('template', id);
    const body = c.req.valid('json');
    // A template with placeholders is filled first (an empty or missing value is a 400 naming it); either way the
    // workflow records where it came from.
    const filled = template.meta?.['template'] !== undefined ? fillTemplate(template, body.values ?? {}) : template;
    if (template.meta?.['template'] === undefined && body.values !== undefined && Object.keys(body.values).length > 0) {
      throw new ApiError(400, 'TEMPLATE_VALUES_INVALID', `Template '${id}' has no placeholders; send no values.`, {
        details: { issues: [{ in: 'body', path: 'values', message: 'the template has no placeholders' }] },
      });
    }
    const workflow = await validWorkflow(server, {
      ...filled,
      id: body.id ?? crypto.randomUUID(),
      ...(body.name !== undefined ? { name: body.name } : {}),
      meta: { templateSource: { id: template.id }, ...filled.meta },
    });
    await checkPolicy(server, { principal, permission: 'workflow:write', operationId: 'importTemplate', workflow });
    await server.quotas.checkNewWorkflow(principal.tenantId);
    if (await server.engine.storage.workflows.get(principal.tenantId, workflow.id)) {
      throw new ApiError(409, 'WORKFLOW_EXISTS', `A workflow with id '${workflow.id}' already exists.`);
    }
    const saved = await server.engine.storage.workflows.save(principal.tenantId, workflow);
    return json({ workflow, version: saved.version, active: false }, 201);
  });
}
