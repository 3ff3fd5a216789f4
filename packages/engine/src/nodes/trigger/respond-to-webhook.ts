import { z } from 'zod';
import { fromBase64 } from '../../binary/bytes.js';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { defineNode } from '../define-node.js';
import type { WebhookReply } from '../node-services.js';

const headerSchema = z.object({ name: z.string().min(1, 'must not be empty'), value: z.string() });

/**
 * Where a redirect sends the caller: an http(s) URL, or a path on this
 * server (`/thanks`) as written; an address without a scheme
 * (`example.com/thanks`) is taken as https, as n8n takes it. Any other
 * value gives the problem to report.
 */
function redirectTarget(value: string): { url: string } | { problem: string } {
  const url = value.trim();
  if (url === '') return { problem: 'is required when responding with a redirect' };
  if (/[\r\n]/.test(url)) return { problem: 'must be one line: a URL holds no line break' };
  if (url.startsWith('/')) return { url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  const absolute = url.includes('://') || (scheme !== undefined && !/^\d/.test(url.slice(scheme.length + 1)));
  const candidate = absolute ? url : `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return { problem: `must be an http or https URL or a path such as /thanks, got ${JSON.stringify(url)}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { problem: `must be an http or https URL or a path such as /thanks, got a ${parsed.protocol} URL` };
  }
  return { url: candidate };
}

/**
 * Answers the webhook call that started the run (when the Webhook node's
 * response mode is "Using 'Respond to Webhook' node"), then passes its items
 * on. A redirect answers 307 (the caller repeats its request, method and
 * body, at the new address) unless `responseCode` says otherwise.
 */
export const respondToWebhook = defineNode({
  type: 'core.respondToWebhook',
  version: 1,
  displayName: 'Respond to Webhook',
  description: 'Sends the HTTP response of the webhook call that started the workflow: status, headers and body.',
  group: 'flow',
  icon: 'reply',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    respondWith: z
      .enum(['firstIncomingItem', 'allIncomingItems', 'json', 'text', 'binary', 'noData', 'redirect'])
      .default('firstIncomingItem')
      .meta({
        label: 'Respond with',
        options: [
          { value: 'firstIncomingItem', label: 'First incoming item (JSON)' },
          { value: 'allIncomingItems', label: 'All incoming items (JSON array)' },
          { value: 'json', label: 'JSON' },
          { value: 'text', label: 'Text' },
          { value: 'binary', label: 'Binary file' },
          { value: 'noData', label: 'No body' },
          { value: 'redirect', label: 'Redirect', description: 'Sends the caller to another address (status 307 by default).' },
        ],
      }),
    redirectUrl: z
      .string()
      .optional()
      .meta({
        label: 'Redirect URL',
        placeholder: 'https://example.com/thanks',
        description: 'An http or https URL, or a path on this server such as /thanks.',
        displayOptions: { show: { respondWith: ['redirect'] } },
      }),
    responseBody: z
      .unknown()
      .optional()
      .meta({ label: 'Response body', editor: 'json', displayOptions: { show: { respondWith: ['json', 'text'] } } }),
    binarySource: z
      .enum(['property', 'onlyFile'])
      .default('property')
      .meta({
        label: 'File to send',
        options: [
          { value: 'property', label: 'The file in the binary property' },
          { value: 'onlyFile', label: "The first item's only file", description: 'Fails when the item has none or several.' },
        ],
        displayOptions: { show: { respondWith: ['binary'] } },
      }),
    binaryProperty: z
      .string()
      .min(1, 'must not be empty')
      .default('data')
      .meta({ label: 'Binary property', displayOptions: { show: { respondWith: ['binary'], binarySource: ['property'] } } }),
    responseCode: z.number().int().min(100).max(599).optional().meta({ label: 'Response code', placeholder: '200 (307 for a redirect)' }),
    responseHeaders: z.array(headerSchema).default([]).meta({ label: 'Response headers' }),
  }),
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const name = ctx.node.name;
    const fail = (parameter: string, message: string) =>
      new NodeExecutionError(`Node '${name}': parameter '${parameter}' ${message}`, { code: 'PARAMETER_INVALID', retryable: false });
    const headers: Record<string, string> = {};
    for (const h of p.responseHeaders) headers[h.name.toLowerCase()] = h.value;
    const reply: WebhookReply = { status: p.responseCode ?? (p.respondWith === 'redirect' ? 307 : 200), headers };
    switch (p.respondWith) {
      case 'firstIncomingItem':
        reply.body = items[0]?.json ?? {};
        break;
      case 'allIncomingItems':
        reply.body = items.map((i) => i.json);
        break;
      case 'json': {
        let body = p.responseBody;
        if (typeof body === 'string') {
          try {
            body = JSON.parse(body) as unknown;
          } catch (error) {
            throw fail('responseBody', `must be valid JSON: ${(error as Error).message}`);
          }
        }
        if (body === undefined) throw fail('responseBody', 'is required when responding with JSON');
        reply.body = body;
        break;
      }
      case 'text':
        if (p.responseBody === undefined) throw fail('responseBody', 'is required when responding with text');
        reply.body = typeof p.responseBody === 'string' ? p.responseBody : JSON.stringify(p.responseBody);
        break;
      case 'binary': {
        let key = p.binaryProperty;
        if (p.binarySource === 'onlyFile') {
          const keys = Object.keys(items[0]?.binary ?? {});
          if (keys.length !== 1) {
            const held = keys.length === 0 ? 'none' : `${keys.length} (${keys.join(', ')}): name the one to send in 'binaryProperty'`;
            throw fail('binarySource', `asks for the first item's only file, and it has ${held}`);
          }
          key = keys[0]!;
        }
        const file = items[0]?.binary?.[key];
        if (!file?.data) throw fail('binaryProperty', `names no binary data: the first item has no binary '${key}' with data`);
        reply.body = fromBase64(file.data);
        headers['content-type'] ??= file.mimeType;
        if (file.fileName) headers['content-disposition'] ??= `attachment; filename="${file.fileName.replace(/"/g, '')}"`;
        break;
      }
      case 'noData':
        break;
      case 'redirect': {
        const target = redirectTarget(p.redirectUrl ?? '');
        if ('problem' in target) throw fail('redirectUrl', target.problem);
        headers.location = target.url;
        break;
      }
    }
    if (!ctx.respondToWebhook(reply)) {
      ctx.logger.debug(`Node '${name}': no webhook call is waiting for an answer; passing items on.`);
    }
    return items;
  },
});
