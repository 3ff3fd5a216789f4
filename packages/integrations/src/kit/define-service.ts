import { defineNode, FlowloomError, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import {
  CUSTOM_OPERATION,
  CUSTOM_RESOURCE,
  customParams,
  operationSchema,
  type ResourceDefinition,
  type Service,
  type ServiceDefinition,
} from './service-types.js';

const ID = /^[a-z][a-z0-9]*$/;

/**
 * Builds a service's node type from its description. The node's parameters
 * are `resource`, `operation`, and every operation's own fields, each shown
 * only for the operations that have it, so the editor generates the form
 * from the schema. Executing loads the kit's runtime on first use.
 *
 * @example
 * export const acme = defineService({
 *   id: 'acme', displayName: 'Acme', icon, docsUrl: 'https://acme.dev/api', baseUrl: 'https://api.acme.dev/v1',
 *   credentials: [acmeApiKey],
 *   resources: {
 *     ticket: { displayName: 'Ticket', operations: {
 *       create: { displayName: 'Create', params: z.object({ title: z.string() }),
 *                 request: { method: 'POST', path: '/tickets', body: { title: param('title') } } },
 *     } },
 *   },
 * });
 */
export function defineService(definition: ServiceDefinition): Service {
  const problems = checkService(definition);
  if (problems.length > 0) {
    throw new FlowloomError('SERVICE_INVALID', `Service '${String(definition.id)}' is not valid: ${problems.join('; ')}.`);
  }
  const resources: Record<string, ResourceDefinition> = {
    ...definition.resources,
    [CUSTOM_RESOURCE]: {
      displayName: 'Custom API call',
      operations: {
        [CUSTOM_OPERATION]: {
          displayName: 'Custom API call',
          description: `Any request to ${definition.baseUrl}, signed with the ${definition.displayName} credential.`,
          params: customParams,
        },
      },
    },
  };
  const full: ServiceDefinition = { ...definition, resources };
  const node = defineNode({
    type: `integrations.${definition.id}`,
    version: 1,
    displayName: definition.displayName,
    ...(definition.description ? { description: definition.description } : {}),
    group: 'integration',
    icon: definition.icon,
    inputs: ['main'],
    outputs: ['main'],
    properties: nodeProperties(full),
    credentials: definition.credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
    async execute(ctx) {
      const { runService } = await import('./runtime.js');
      return runService(full, ctx);
    },
    ...(definition.loadOptions
      ? {
          loadOptions: Object.fromEntries(
            Object.keys(definition.loadOptions).map((name) => [
              name,
              async (ctx: NodeContext) => (await import('./runtime.js')).loadServiceOptions(full, ctx, name),
            ]),
          ),
        }
      : {}),
  });
  return Object.freeze({ definition: full, node });
}

function checkService(d: ServiceDefinition): string[] {
  const problems: string[] = [];
  if (typeof d.id !== 'string' || !ID.test(d.id)) problems.push('id must be lower-case letters and digits, such as "slack"');
  if (typeof d.displayName !== 'string' || d.displayName.trim() === '') problems.push('displayName must be a non-empty string');
  try {
    const url = new URL(d.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('baseUrl must be an http(s) URL');
  } catch {
    problems.push(`baseUrl must be a URL, got ${JSON.stringify(d.baseUrl)}`);
  }
  if (!Array.isArray(d.credentials) || d.credentials.length === 0) problems.push('credentials must list at least one credential type');
  for (const [key, field] of allFields(d)) {
    const method = loadOptionsOf(field);
    if (method !== undefined && !d.loadOptions?.[method])
      problems.push(`parameter '${key}' takes its choices from '${method}', which loadOptions does not define`);
  }
  if (CUSTOM_RESOURCE in (d.resources ?? {})) problems.push(`resource '${CUSTOM_RESOURCE}' is the kit's own (Custom API call)`);
  for (const [name, resource] of Object.entries(d.resources ?? {})) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) problems.push(`resource '${name}' must be a camelCase name`);
    for (const [opName, op] of Object.entries(resource.operations)) {
      if (!(op.params instanceof z.ZodObject)) problems.push(`${name}.${opName}: params must be a zod object`);
      if (!op.request && !op.execute) problems.push(`${name}.${opName}: give a request (or, when it needs code, execute)`);
      if (op.paginate && ('returnAll' in op.params.shape || 'limit' in op.params.shape)) {
        problems.push(`${name}.${opName}: 'returnAll' and 'limit' are added by the kit to paginated operations`);
      }
    }
  }
  return problems;
}

/** Every operation's parameters, by key (with each wrapper's metadata reachable through `meta()` on the field as written). */
function allFields(d: ServiceDefinition): [string, z.ZodType][] {
  const out: [string, z.ZodType][] = [];
  for (const resource of Object.values(d.resources ?? {})) {
    for (const op of Object.values(resource.operations)) {
      if (op.params instanceof z.ZodObject) out.push(...(Object.entries(op.params.shape) as [string, z.ZodType][]));
    }
  }
  return out;
}

/** The `loadOptions` hint of a field, wherever among its wrappers (optional, default) it was written. */
function loadOptionsOf(field: z.ZodType): string | undefined {
  for (let s: z.ZodType | undefined = field; s; s = (s.def as { innerType?: z.ZodType }).innerType) {
    const method = s.meta()?.loadOptions;
    if (method !== undefined) return method;
  }
  return undefined;
}

/** Unwraps optional, default and other wrappers to the field's own kind (string, number, object...). */
function kindOf(schema: z.ZodType): string {
  let s: z.ZodType = schema;
  for (;;) {
    const def = s.def as { type: string; innerType?: z.ZodType };
    if (!def.innerType) return def.type;
    s = def.innerType;
  }
}

/**
 * The node's parameter schema: resource and operation selectors, then each
 * operation's fields (optional here, each operation checks its own when it
 * runs), shown only for the operations that have them.
 */
function nodeProperties(service: ServiceDefinition): z.ZodObject<z.ZodRawShape> {
  const resourceNames = Object.keys(service.resources);
  const opNames = new Set<string>();
  const fields = new Map<string, { schema: z.ZodType; resources: Set<string>; operations: Set<string>; kind: string; owner: string }>();
  for (const [resourceName, resource] of Object.entries(service.resources)) {
    for (const [opName, op] of Object.entries(resource.operations)) {
      opNames.add(opName);
      for (const [key, field] of Object.entries(operationSchema(op).shape) as [string, z.ZodType][]) {
        if (key === 'resource' || key === 'operation') {
          throw new FlowloomError(
            'SERVICE_INVALID',
            `Service '${service.id}': ${resourceName}.${opName} may not name a parameter '${key}'.`,
          );
        }
        const kind = kindOf(field);
        const seen = fields.get(key);
        if (seen && seen.kind !== kind) {
          throw new FlowloomError(
            'SERVICE_INVALID',
            `Service '${service.id}': parameter '${key}' is a ${seen.kind} in ${seen.owner} and a ${kind} in ${resourceName}.${opName}; give one of them another name.`,
          );
        }
        const entry = seen ?? { schema: field, resources: new Set(), operations: new Set(), kind, owner: `${resourceName}.${opName}` };
        entry.resources.add(resourceName);
        entry.operations.add(opName);
        fields.set(key, entry);
      }
    }
  }
  const shape: Record<string, z.ZodType> = {
    resource: z
      .enum(resourceNames as [string, ...string[]])
      .default(resourceNames[0]!)
      .meta({
        label: 'Resource',
        noExpression: true,
        options: Object.entries(service.resources).map(([value, r]) => ({ value, label: r.displayName })),
      }),
    // A new node starts on the first resource's first operation, so its form is whole from the start.
    operation: z
      .enum([...opNames] as [string, ...string[]])
      .default(Object.keys(Object.values(service.resources)[0]!.operations)[0]!)
      .meta({
        label: 'Operation',
        noExpression: true,
        options: Object.entries(service.resources).flatMap(([resourceName, r]) =>
          Object.entries(r.operations).map(([value, op]) => ({
            value,
            label: op.displayName,
            description: `${service.resources[resourceName]!.displayName}${op.description ? `: ${op.description}` : ''}`,
          })),
        ),
      }),
  };
  for (const [key, { schema, resources, operations }] of fields) {
    const meta = schema.meta() ?? {};
    shape[key] = schema.optional().meta({ ...meta, displayOptions: { show: { resource: [...resources], operation: [...operations] } } });
  }
  return z.object(shape);
}
