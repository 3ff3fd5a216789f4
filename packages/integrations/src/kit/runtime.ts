// Runs a service node: for each input item, its operation (or the Custom API call), with pages followed and items made of the answers.
import type { BinaryRef as ItemBinary, Item, LoadedOption, NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError, type Call } from './call.js';
import { send } from './http.js';
import { nextPage, pageStart, valueAt, type Page } from './paginate.js';
import type { RequestSpec, ValueSpec } from './request-spec.js';
import {
  CUSTOM_OPERATION,
  CUSTOM_RESOURCE,
  operationSchema,
  type OperationDefinition,
  type ServiceDefinition,
  type VendorResponse,
} from './service-types.js';

/** Pages followed at most for one item, whatever the limit (a service that always says "more" would loop forever). */
const MAX_PAGES = 1_000;

/** Runs a service node: for each input item, its operation, with pages, rate limits and vendor errors handled. */
export async function runService(service: ServiceDefinition, ctx: NodeContext): Promise<Item[]> {
  const raw = ctx.node.parameters as { resource?: unknown; operation?: unknown };
  const resourceName = typeof raw.resource === 'string' ? raw.resource : Object.keys(service.resources)[0]!;
  const resource = service.resources[resourceName];
  if (!resource) {
    throw nodeError(
      ctx,
      `${service.displayName} has no resource '${resourceName}' (parameter 'resource'); it has: ${Object.keys(service.resources).join(', ')}.`,
      'PARAMETER_INVALID',
    );
  }
  // Left unset, the operation is the resource's first, as the form shows it.
  const operationName = typeof raw.operation === 'string' ? raw.operation : (Object.keys(resource.operations)[0] ?? '');
  const operation = resource.operations[operationName];
  if (!operation) {
    throw nodeError(
      ctx,
      `${service.displayName} ${resource.displayName.toLowerCase()} has no operation '${operationName}' (parameter 'operation'); it has: ${Object.keys(resource.operations).join(', ')}.`,
      'PARAMETER_INVALID',
    );
  }
  const label =
    resourceName === CUSTOM_RESOURCE ? `${service.displayName} custom API call` : `${service.displayName} ${resourceName}.${operationName}`;
  const slot = operation.unsigned ? undefined : service.credentials.map((c) => c.name).find((name) => ctx.node.credentials?.[name]);
  if (!slot && !operation.unsigned) {
    throw nodeError(
      ctx,
      `${label} needs a credential: choose a ${service.credentials.map((c) => c.displayName).join(' or ')} credential.`,
      'CREDENTIAL_MISSING',
    );
  }
  const schema = operationSchema(operation);
  const out: Item[] = [];
  const items = ctx.input();
  const count = items.length === 0 ? 1 : items.length;
  for (let itemIndex = 0; itemIndex < count; itemIndex++) {
    const item = items[itemIndex] ?? { json: {} };
    const params = checkedParams(ctx, label, schema, itemIndex);
    const call: Call = { service, ctx, slot, label, params, item, itemIndex };
    const produced =
      resourceName === CUSTOM_RESOURCE && operationName === CUSTOM_OPERATION ? await customCall(call) : await runOperation(call, operation);
    for (const json of produced) out.push({ ...json, pairedItem: { item: itemIndex } });
  }
  return out;
}

/**
 * Sends one described request (following every page when it has a
 * pagination) with the node's credential, and returns the items of the
 * answers: what a polling trigger reads with.
 */
export async function fetchItems(
  service: ServiceDefinition,
  ctx: NodeContext,
  label: string,
  operation: OperationDefinition,
  parameters: Record<string, unknown>,
): Promise<Item[]> {
  const slot = service.credentials.map((c) => c.name).find((name) => ctx.node.credentials?.[name]);
  if (!slot) {
    throw nodeError(
      ctx,
      `${label} needs a credential: choose a ${service.credentials.map((c) => c.displayName).join(' or ')} credential.`,
      'CREDENTIAL_MISSING',
    );
  }
  const params = { ...parameters, returnAll: true };
  const call: Call = { service, ctx, slot, label, params, item: { json: {} }, itemIndex: 0 };
  const spec = typeof operation.request === 'function' ? operation.request(params) : operation.request!;
  return collect(call, operation, spec);
}

/** A parameter's choices: the service's `loadOptions` request, with the node's credential and current parameters. */
export async function loadServiceOptions(service: ServiceDefinition, ctx: NodeContext, name: string): Promise<LoadedOption[]> {
  const spec = service.loadOptions![name]!;
  let params: Record<string, unknown>;
  try {
    params = ctx.params(0);
  } catch {
    // Parameters still being written: the request reads them as written.
    params = ctx.node.parameters as Record<string, unknown>;
  }
  for (const key of spec.dependsOn ?? []) {
    const value = params[key];
    if (value === undefined || value === '' || (typeof value === 'string' && value.includes('{{'))) {
      throw nodeError(ctx, `${service.displayName}: fill in parameter '${key}' first, to list the choices.`, 'PARAMETER_INVALID');
    }
  }
  const items = await fetchItems(
    service,
    ctx,
    `${service.displayName} choices (${name})`,
    {
      displayName: name,
      params: z.object({}),
      request: typeof spec.request === 'function' ? spec.request(params) : spec.request,
      ...(spec.items ? { response: { items: spec.items } } : {}),
      ...(spec.paginate ? { paginate: spec.paginate } : {}),
    },
    params,
  );
  const out: LoadedOption[] = [];
  for (const { json } of items) {
    if (spec.filter && !spec.filter(json)) continue;
    const value = valueAt(json, spec.value);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const label = spec.label ? valueAt(json, spec.label) : undefined;
    const description = spec.description ? valueAt(json, spec.description) : undefined;
    out.push({
      value,
      label: typeof label === 'string' && label !== '' ? label : String(value),
      ...(typeof description === 'string' && description !== '' ? { description } : {}),
    });
  }
  return out;
}

/** The item's parameters checked against the operation's own schema, with errors naming the service, the parameter and the item. */
function checkedParams(ctx: NodeContext, label: string, schema: z.ZodObject<z.ZodRawShape>, itemIndex: number): Record<string, unknown> {
  let all: Record<string, unknown>;
  try {
    all = ctx.params(itemIndex);
  } catch (error) {
    const message = (error as Error).message;
    // The engine's own parameter errors already name the node and the service.
    if (message.startsWith(`Node '${ctx.node.name}' (`)) throw error;
    throw nodeError(ctx, `${label}: ${message.replace(`Node '${ctx.node.name}': `, '')}`, 'PARAMETER_INVALID', error);
  }
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) if (all[key] !== undefined) own[key] = all[key];
  const parsed = schema.safeParse(own);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  const problem = issue.code === 'invalid_type' && own[String(issue.path[0])] === undefined ? 'is required' : issue.message;
  const where = ctx.input().length > 1 ? ` (item ${itemIndex})` : '';
  throw nodeError(ctx, `${label}: parameter '${path}' ${problem}${where}.`, 'PARAMETER_INVALID');
}

async function runOperation(call: Call, operation: OperationDefinition): Promise<Item[]> {
  if (operation.execute) {
    return operation.execute({
      ctx: call.ctx,
      params: call.params,
      item: call.item,
      itemIndex: call.itemIndex,
      request: (spec, url) => send(call, spec, url),
    });
  }
  const spec = typeof operation.request === 'function' ? operation.request(call.params) : operation.request!;
  if (operation.idempotent && call.service.idempotencyHeader) {
    const key = `${call.ctx.execution.id}-${call.ctx.node.id}-${call.ctx.runIndex}-${call.itemIndex}`;
    const withKey: RequestSpec = { ...spec, headers: { ...spec.headers, [call.service.idempotencyHeader]: key } };
    return collect(call, operation, withKey);
  }
  return collect(call, operation, spec);
}

/** Sends the request, following pages for list operations, and makes items of the answers. */
async function collect(call: Call, operation: OperationDefinition, spec: RequestSpec): Promise<Item[]> {
  const paginate = operation.paginate;
  const binary = operation.response?.binary !== undefined;
  if (!paginate) return itemsOf(call, operation, await send(call, spec, undefined, binary));
  const returnAll = call.params['returnAll'] === true;
  const limit = returnAll ? Infinity : Number(call.params['limit'] ?? 50);
  const out: Item[] = [];
  let page: Page | undefined = pageStart(paginate, spec);
  for (let pages = 0; page && out.length < limit; pages++) {
    if (pages >= MAX_PAGES) throw nodeError(call.ctx, `${call.label}: stopped after ${MAX_PAGES} pages.`, 'TOO_MANY_PAGES');
    const response = await send(call, page.spec, page.url, binary);
    const items = itemsOf(call, operation, response);
    for (const item of items) {
      if (out.length >= limit) break;
      out.push(item);
    }
    page = nextPage(paginate, spec, page, response, items.length, call);
  }
  return out;
}

/** Items of one answer, as the operation's response description says. */
function itemsOf(call: Call, operation: OperationDefinition, response: VendorResponse): Item[] {
  const spec = operation.response ?? {};
  if (spec.binary) {
    const property = String(call.params[spec.binary.propertyParam ?? 'binaryProperty'] ?? 'data');
    const file = response.body as ItemBinary;
    return [{ json: { mimeType: file.mimeType, fileName: file.fileName, fileSize: file.fileSize }, binary: { [property]: file } }];
  }
  if (spec.empty || response.body === undefined || response.body === '') return [{ json: { success: true } }];
  const part = spec.items ? valueAt(response.body, spec.items) : response.body;
  if (Array.isArray(part)) return part.map((entry) => ({ json: asObject(entry) }));
  if (part === undefined || part === null) return [];
  return [{ json: asObject(part) }];
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

/** The Custom API call: any method and path below the base URL, signed with the service's credential. */
async function customCall(call: Call): Promise<Item[]> {
  const { method, path, query, headers, body } = call.params as {
    method: RequestSpec['method'];
    path: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: unknown;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    throw nodeError(
      call.ctx,
      `${call.label}: parameter 'path' must be a path below ${call.service.baseUrl}, not a URL.`,
      'PARAMETER_INVALID',
    );
  }
  const parsedBody = typeof body === 'string' && body.trim() !== '' ? parseJson(call, body) : body;
  const response = await send(call, {
    method,
    path,
    ...(query ? { query } : {}),
    ...(headers ? { headers } : {}),
    ...(parsedBody !== undefined && method !== 'GET' ? { body: parsedBody as ValueSpec } : {}),
  });
  return [{ json: { statusCode: response.status, body: response.body as unknown } as Record<string, unknown> }];
}

function parseJson(call: Call, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw nodeError(call.ctx, `${call.label}: parameter 'body' is not valid JSON: ${(error as Error).message}`, 'PARAMETER_INVALID');
  }
}
