import { z } from '@hono/zod-openapi';
import { fillTemplate, readTemplateMeta, type KeyValueStore, type Workflow } from '@flowloom/engine';
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
    imports: z.number().int().openapi({ description: 'How many times the caller’s tenant used this template.' }),
  })
  .openapi('TemplateSummary');

const ImportCountSchema = z
  .object({ id: z.string(), imports: z.number().int().openapi({ description: 'The tenant’s count, this import included.' }) })
  .openapi('TemplateImportCount');

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

const countImport = defineRoute({
  method: 'post',
  path: '/templates/{id}/imports',
  operationId: 'countTemplateImport',
  summary: 'Count one use of a template made elsewhere than the import route (an editor filling it in the page)',
  tags,
  permission: 'workflow:write',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The tenant’s count.', ImportCountSchema), ...errorResponses(404) },
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

/**
 * How many times each tenant used each template, for the gallery: in the
 * engine's key-value storage (namespace `templates.imports`, one key per
 * template id) when it has one, else in memory. A hint for the tenant's
 * people, not an audit: two imports at the same moment may count one.
 */
class ImportCounts {
  readonly #memory = new Map<string, number>();

  constructor(private readonly store: () => KeyValueStore | undefined) {}

  async get(tenantId: string, templateId: string): Promise<number> {
    const store = this.store();
    const value = store ? await store.get(tenantId, 'templates.imports', templateId) : this.#memory.get(`${tenantId}\u0000${templateId}`);
    return typeof value === 'number' ? value : 0;
  }

  async add(tenantId: string, templateId: string): Promise<number> {
    const next = (await this.get(tenantId, templateId)) + 1;
    const store = this.store();
    if (store) await store.set(tenantId, 'templates.imports', templateId, next);
    else this.#memory.set(`${tenantId}\u0000${templateId}`, next);
    return next;
  }
}

/** Templates the host passes to `createServer({ templates })`: list (with the tenant's import counts), read, import into a tenant. */
export function templateRoutes(app: ServerApp, templates: readonly Workflow[]): void {
  const byId = new Map(templates.map((t) => [t.id, t]));
  let counts: ImportCounts | undefined;
  const countsOf = (server: { engine: { storage: { keyValue?: KeyValueStore } } }) =>
    (counts ??= new ImportCounts(() => server.engine.storage.keyValue));

  handle(app, listTemplates, async (c) => {
    const tenantId = c.var.principal.tenantId;
    const imports = countsOf(c.var.server);
    return json({
      templates: await Promise.all(
        templates.map(async (t) => ({
          id: t.id,
          name: t.name,
          ...(typeof t.meta?.['description'] === 'string' ? { description: t.meta['description'] } : {}),
          nodeTypes: [...new Set(t.nodes.map((n) => n.type))],
          ...(t.meta?.['template'] !== undefined ? { template: readTemplateMeta(t) as unknown as Record<string, unknown> } : {}),
          imports: await imports.get(tenantId, t.id),
        })),
      ),
    });
  });

  handle(app, countImport, async (c) => {
    const { id } = c.req.valid('param');
    if (!byId.has(id)) throw notFound('template', id);
    return json({ id, imports: await countsOf(c.var.server).add(c.var.principal.tenantId, id) });
  });

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
    await countsOf(server).add(principal.tenantId, id);
    return json({ workflow, version: saved.version, active: false }, 201);
  });
}
