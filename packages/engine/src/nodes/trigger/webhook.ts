import { z } from 'zod';
import { defineNode } from '../define-node.js';

/** Methods a Webhook node can listen for. */
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** The Webhook node's parameters (also read by `engine.activate` to route calls). */
export const webhookProperties = z.object({
  httpMethod: z.enum(WEBHOOK_METHODS).default('POST').meta({ label: 'HTTP method', noExpression: true }),
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
});

/**
 * Starts a run when an HTTP request arrives at its path
 * (`engine.handleWebhook`). Emits one item: method, path, params, query,
 * headers and body of the call (uploaded or raw files in `binary`).
 */
export const webhook = defineNode({
  type: 'core.webhook',
  version: 1,
  displayName: 'Webhook',
  description: 'Starts the workflow when an HTTP request arrives at its URL, and can answer it.',
  group: 'trigger',
  icon: 'webhook',
  inputs: [],
  outputs: ['main'],
  properties: webhookProperties,
  execute(ctx) {
    const items = ctx.input();
    if (items.length > 0) return items;
    // A manual run has no call: an empty request stands in for one.
    const { httpMethod, path } = ctx.params(0);
    return [{ json: { method: httpMethod, path, params: {}, query: {}, headers: {}, body: {} } }];
  },
});
