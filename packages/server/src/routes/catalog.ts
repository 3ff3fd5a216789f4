import { z } from '@hono/zod-openapi';
import { describeNodeType } from '@flowloom/engine';
import { z as zod } from 'zod';
import { notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { errorResponses, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const tags = ['Catalog'];

const NodeTypeSchema = z
  .object({
    type: z.string(),
    version: z.number(),
    displayName: z.string(),
    description: z.string(),
    group: z.string(),
    icon: z.string().optional(),
    inputs: z.array(z.string()),
    outputs: z.array(z.string()),
    dynamicOutputs: z.boolean(),
    credentials: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean() })),
    properties: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema of the parameters, with the form hints.' }),
    lazy: z.boolean().optional().openapi({ description: 'Its form comes from GET /node-types/{type}, which loads it.' }),
  })
  .openapi('NodeType');

const CredentialTypeSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    description: z.string().optional(),
    documentationUrl: z.string().optional(),
    properties: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema of the fields; secret fields say `secret: true`.' }),
    testable: z.boolean(),
  })
  .openapi('CredentialType');

const TypeParams = z.object({
  type: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'type', in: 'path' } }),
});

const listNodeTypes = defineRoute({
  method: 'get',
  path: '/node-types',
  operationId: 'listNodeTypes',
  summary: 'The node types workflows may use, for the editor’s palette and forms',
  tags,
  permission: 'workflow:read',
  responses: { 200: jsonResponse('Each type, newest version.', z.object({ nodeTypes: z.array(NodeTypeSchema) })), ...errorResponses() },
});

const getNodeType = defineRoute({
  method: 'get',
  path: '/node-types/{type}',
  operationId: 'getNodeType',
  summary: 'One node type with its whole form (loading it first if it loads on demand)',
  tags,
  permission: 'workflow:read',
  request: { params: TypeParams },
  responses: { 200: jsonResponse('The type.', NodeTypeSchema), ...errorResponses(404) },
});

const listCredentialTypes = defineRoute({
  method: 'get',
  path: '/credential-types',
  operationId: 'listCredentialTypes',
  summary: 'The credential types, for the editor’s credential forms',
  tags,
  permission: 'credential:read',
  responses: {
    200: jsonResponse('Each type with the JSON Schema of its fields.', z.object({ credentialTypes: z.array(CredentialTypeSchema) })),
    ...errorResponses(),
  },
});

/** What workflows and credentials may be made of. */
export function catalogRoutes(app: ServerApp): void {
  handle(app, listNodeTypes, async (c) => {
    const { engine } = c.var.server;
    await engine.ready();
    return json({ nodeTypes: engine.nodeTypes.describe() });
  });

  handle(app, getNodeType, async (c) => {
    const { engine } = c.var.server;
    const { type } = c.req.valid('param');
    await engine.ready();
    const found = await engine.nodeTypes.load(type);
    if (!found) throw notFound('node type', type);
    return json(describeNodeType(found));
  });

  handle(app, listCredentialTypes, async (c) => {
    const { types } = c.var.server.engine.credentials;
    // Types that load on first use are loaded here: the list gives every type's form.
    const loaded = await Promise.all(types.list().map((t) => types.load(t.name)));
    return json({
      credentialTypes: loaded.map((t) => ({
        name: t.name,
        displayName: t.displayName,
        ...(t.description ? { description: t.description } : {}),
        ...(t.documentationUrl ? { documentationUrl: t.documentationUrl } : {}),
        properties: zod.toJSONSchema(t.properties, { io: 'input', unrepresentable: 'any' }),
        testable: t.test !== undefined,
      })),
    });
  });
}
