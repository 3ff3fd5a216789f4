import { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';
import { webhookOutputs } from './webhook-ports.js';

/** Methods a Webhook node can listen for. */
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/**
 * How a Webhook (or a Form Trigger, with basic auth) checks who calls it:
 * each way reads the credential in the node's slot of the same name.
 */
export const WEBHOOK_AUTHENTICATIONS = ['none', 'basicAuth', 'headerAuth', 'jwtAuth'] as const;

/** A way of checking callers, other than none: also the name of the slot holding its credential. */
export type WebhookAuthentication = Exclude<(typeof WEBHOOK_AUTHENTICATIONS)[number], 'none'>;

/** The credential slots of the ways a Webhook checks its callers, each taking the credential type that checks them. */
export const webhookAuthSlots = [
  { name: 'basicAuth', type: 'webhookBasicAuth', required: false },
  { name: 'headerAuth', type: 'webhookHeaderAuth', required: false },
  { name: 'jwtAuth', type: 'webhookJwtAuth', required: false },
] as const satisfies readonly { name: WebhookAuthentication; type: string; required: boolean }[];

/** The Webhook node's parameters (also read by `engine.activate` to route calls). */
export const webhookProperties = z.object({
  httpMethod: z
    .enum(WEBHOOK_METHODS)
    .default('POST')
    .meta({ label: 'HTTP method', noExpression: true, displayOptions: { hide: { multipleMethods: [true] } } }),
  multipleMethods: z
    .boolean()
    .default(false)
    .meta({ label: 'Allow several HTTP methods', description: 'One node answers calls with each method chosen.', noExpression: true }),
  httpMethods: z
    .array(z.enum(WEBHOOK_METHODS))
    .min(1, 'choose at least one method')
    .default(['GET', 'POST'])
    .refine((methods) => new Set(methods).size === methods.length, 'must not name a method twice')
    .meta({
      label: 'HTTP methods',
      description: 'The trigger\u2019s item says which one the call used (`method`).',
      noExpression: true,
      displayOptions: { show: { multipleMethods: [true] } },
    }),
  outputPerMethod: z
    .boolean()
    .default(false)
    .meta({
      label: 'An output per method',
      description: 'Each method\u2019s calls leave on an output of their own, named after it, in the order listed.',
      noExpression: true,
      displayOptions: { show: { multipleMethods: [true] } },
    }),
  path: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .regex(/^\/?[\w\-.~:%]+(\/[\w\-.~:%]+)*\/?$/, 'must be URL path segments such as "orders/new" or "users/:id"')
    .meta({
      label: 'Path',
      placeholder: 'orders/new',
      description: 'Served under the engine\u2019s webhook base path; a segment ":name" matches anything and is passed as params.name.',
      noExpression: true,
    }),
  authentication: z
    .enum(WEBHOOK_AUTHENTICATIONS)
    .default('none')
    .meta({
      label: 'Authentication',
      description: 'Calls without the credential chosen are refused before any run starts (401 or 403).',
      noExpression: true,
      options: [
        { value: 'none', label: 'None' },
        { value: 'basicAuth', label: 'Basic auth', description: 'A user name and password (credential in slot basicAuth).' },
        { value: 'headerAuth', label: 'Header auth', description: 'A header with a secret value (credential in slot headerAuth).' },
        { value: 'jwtAuth', label: 'JWT', description: 'A signed JSON Web Token as a Bearer token (credential in slot jwtAuth).' },
      ],
    }),
  responseMode: z
    .enum(['onReceived', 'lastNode', 'responseNode'])
    .default('onReceived')
    .meta({
      label: 'Respond',
      noExpression: true,
      options: [
        { value: 'onReceived', label: 'Immediately', description: 'Answer at once with the execution id.' },
        { value: 'lastNode', label: 'When the last node finishes', description: 'Answer with the output of the last node.' },
        { value: 'responseNode', label: "Using 'Respond to Webhook' node", description: 'A Respond to Webhook node answers.' },
      ],
    }),
  responseCode: z
    .number()
    .int()
    .min(100)
    .max(599)
    .default(200)
    .meta({
      label: 'Response code',
      noExpression: true,
      displayOptions: { hide: { responseMode: ['responseNode'] } },
    }),
  responseData: z
    .enum(['firstEntryJson', 'allEntries', 'noData'])
    .default('firstEntryJson')
    .meta({
      label: 'Response data',
      noExpression: true,
      displayOptions: { show: { responseMode: ['lastNode'] } },
      options: [
        { value: 'firstEntryJson', label: 'First item (JSON)' },
        { value: 'allEntries', label: 'All items (JSON array)' },
        { value: 'noData', label: 'No body' },
      ],
    }),
  responsePropertyName: z
    .string()
    .trim()
    .optional()
    .meta({
      label: 'Property to answer with',
      placeholder: 'data',
      description: 'Answer with this field of the first item (a dotted path) instead of the whole item.',
      noExpression: true,
      displayOptions: { show: { responseMode: ['lastNode'], responseData: ['firstEntryJson'] } },
    }),
  responseContentType: z
    .string()
    .trim()
    .regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/, 'must be a media type such as "text/html"')
    .optional()
    .meta({
      label: 'Response content type',
      placeholder: 'application/xml',
      description: 'Sent as Content-Type; a text answer is then sent as it is rather than as JSON.',
      noExpression: true,
      displayOptions: { hide: { responseMode: ['responseNode'] } },
    }),
  responseHeaders: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name'),
        value: z.string(),
      }),
    )
    .default([])
    .meta({ label: 'Response headers', noExpression: true, displayOptions: { hide: { responseMode: ['responseNode'] } } }),
  rawBody: z.boolean().default(false).meta({
    label: 'Keep the raw body',
    description: 'Also give the body as sent, as a file in `binary.data`, whatever its content type.',
    noExpression: true,
  }),
});

/** The Webhook node's parameters once read. */
export type WebhookParameters = z.output<typeof webhookProperties>;

/** The methods a Webhook node answers: its one method, or those it lists when it allows several. */
export function webhookMethods(p: Pick<WebhookParameters, 'httpMethod' | 'multipleMethods' | 'httpMethods'>): readonly string[] {
  return p.multipleMethods ? p.httpMethods : [p.httpMethod];
}

/**
 * Starts a run when an HTTP request arrives at its path
 * (`engine.handleWebhook`), with its method or any of those it lists
 * (`multipleMethods`). Emits one item: method, path, params, query, headers
 * and body of the call (uploaded or raw files in `binary`; with `rawBody`,
 * the body as sent in `binary.data`). Answering with the last node's output,
 * it sends the first item (or one field of it, `responsePropertyName`), all
 * items, or no body, with `responseContentType` and `responseHeaders`.
 * With `authentication`, the router refuses a call that lacks the credential
 * in the matching slot before anything runs, and the run never records it.
 * With several methods and `outputPerMethod`, each call leaves on the output
 * named after its method (`GET`, `POST`...), so the same path runs different
 * branches for each method, as n8n's per-method outputs do.
 */
export const webhook = defineNode({
  type: 'core.webhook',
  version: 1,
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives at its URL, and can answer it.',
  group: 'trigger',
  icon: 'webhook',
  inputs: [],
  outputs: webhookOutputs,
  credentials: [...webhookAuthSlots],
  properties: webhookProperties,
  execute(ctx) {
    const p = ctx.params(0);
    const calls = ctx.input();
    // A manual run has no call: an empty request of the first method stands in for one.
    const items =
      calls.length > 0 ? calls : [{ json: { method: webhookMethods(p)[0], path: p.path, params: {}, query: {}, headers: {}, body: {} } }];
    if (!p.multipleMethods || !p.outputPerMethod) return items;
    const ports = p.httpMethods;
    const out: Record<string, Item[]> = Object.fromEntries(ports.map((port) => [port, []]));
    items.forEach((item, index) => {
      const method = typeof item.json.method === 'string' ? item.json.method.toUpperCase() : undefined;
      const port = method === undefined ? undefined : out[method];
      if (!port) {
        throw new NodeExecutionError(
          `Node '${ctx.node.name}': item ${index} is a call with method ${JSON.stringify(item.json.method)}, but the node has outputs for ${ports.join(', ')} only (parameter 'httpMethods').`,
          { code: 'PARAMETER_INVALID', retryable: false },
        );
      }
      port.push(item);
    });
    return out;
  },
});
