import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import type { WebhookReply } from '../../node-services.js';
import { escapeHtml, pageReply, paragraphs } from '../hosted-page/hosted-page.js';
import { webhookProperties } from '../webhook.js';
import { CHAT_SCRIPT, CHAT_SCRIPT_HASH } from './chat-script.js';

/** The Chat Trigger's parameters (read when the workflow is activated, so written literally). */
export const chatTriggerProperties = z.object({
  path: webhookProperties.shape.path,
  public: z.boolean().default(false).meta({
    label: 'Hosted chat page',
    description: 'A GET on the path answers a chat page that sends its messages to the workflow.',
    noExpression: true,
  }),
  title: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .default('Chat')
    .meta({ label: 'Page title', noExpression: true, displayOptions: { show: { public: [true] } } }),
  subtitle: z
    .string()
    .default('')
    .meta({ label: 'Subtitle', noExpression: true, displayOptions: { show: { public: [true] } } }),
  initialMessages: z
    .string()
    .default('')
    .meta({
      label: 'Initial messages',
      editor: 'multiline',
      description: 'Shown by the page before the first question; each line is a message.',
      noExpression: true,
      displayOptions: { show: { public: [true] } },
    }),
  inputPlaceholder: z
    .string()
    .default('Type your message…')
    .meta({ label: 'Input placeholder', noExpression: true, displayOptions: { show: { public: [true] } } }),
  responseMode: z
    .enum(['lastNode', 'responseNode'])
    .default('lastNode')
    .meta({
      label: 'Respond',
      noExpression: true,
      options: [
        {
          value: 'lastNode',
          label: 'When the last node finishes',
          description: "Answer with the first item of the last node (an agent's { output }).",
        },
        { value: 'responseNode', label: "Using 'Respond to Webhook' node", description: 'A Respond to Webhook node answers.' },
      ],
    }),
});

/** The Chat Trigger's parameters with their defaults filled in. */
export type ChatTriggerParameters = z.output<typeof chatTriggerProperties>;

/** Longest session id accepted: ids are keys, not messages. */
const MAX_SESSION_ID = 200;

function badRequest(message: string): WebhookReply {
  return { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { error: { code: 'BAD_REQUEST', message } } };
}

/** What is wrong with a chat message's body, or undefined. */
function problemOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Send the message as a JSON object: { "sessionId": "...", "chatInput": "..." }.';
  }
  const { action, sessionId, chatInput } = body as Record<string, unknown>;
  if (action !== undefined && action !== 'sendMessage')
    return `'action' must be "sendMessage" or "loadPreviousSession", got ${JSON.stringify(action)}.`;
  if (typeof sessionId !== 'string' || sessionId.trim() === '' || sessionId.length > MAX_SESSION_ID) {
    return `'sessionId' must be a text of 1 to ${MAX_SESSION_ID} characters naming the conversation.`;
  }
  if (typeof chatInput !== 'string' || chatInput.trim() === '') return "'chatInput' must be the message, a non-empty text.";
  return undefined;
}

/** The hosted chat page: title, subtitle, initial messages, and a box to write in. */
function chatPageReply(p: ChatTriggerParameters): WebhookReply {
  const initial = p.initialMessages
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<li class="message bot">${escapeHtml(line)}</li>`);
  const main = [
    `<h1>${escapeHtml(p.title)}</h1>`,
    ...(p.subtitle.trim() !== '' ? [paragraphs(p.subtitle, 'description')] : []),
    `<ol class="log" id="log" aria-live="polite" aria-label="Conversation">${initial.join('')}</ol>`,
    '<noscript><p class="error">This chat needs JavaScript.</p></noscript>',
    '<form class="composer" id="composer">',
    '<label class="visually-hidden" for="message">Your message</label>',
    `<textarea id="message" name="chatInput" rows="1" required placeholder="${escapeHtml(p.inputPlaceholder)}"></textarea>`,
    '<button type="submit">Send</button>',
    '</form>',
  ].join('\n');
  return pageReply({ status: 200, title: p.title, main, script: { text: CHAT_SCRIPT, hash: CHAT_SCRIPT_HASH } });
}

/**
 * Starts a run for each chat message posted to its path
 * (`engine.handleWebhook`) as JSON `{ sessionId, chatInput }` (optionally
 * `action: "sendMessage"`), with that item, and answers with the first item
 * of the node that ran last (an AI Agent's `{ output }`), or from a Respond
 * to Webhook node. With `public`, a GET answers a small chat page posting to
 * the same address.
 */
export const chatTrigger = defineNode({
  type: 'core.chatTrigger',
  version: 1,
  displayName: 'Chat Trigger',
  description: 'Starts the workflow with each chat message sent to its URL, and answers with the reply; can serve a chat page.',
  group: 'trigger',
  icon: 'message-circle',
  inputs: [],
  outputs: ['main'],
  properties: chatTriggerProperties,
  webhook: {
    method: 'POST',
    checkMethod: 'GET',
    handshake(call, parameters) {
      const p = parameters as ChatTriggerParameters;
      if (call.method !== 'POST') {
        if (p.public) return chatPageReply(p);
        return {
          status: 405,
          headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8' },
          body: { error: { code: 'METHOD_NOT_ALLOWED', message: 'This chat takes messages by POST; its hosted page is off.' } },
        };
      }
      const body = call.body as Record<string, unknown> | undefined;
      // The page asks for earlier messages when it opens; they are kept by the workflow's memory, not here.
      if (body?.action === 'loadPreviousSession') return { status: 200, headers: {}, body: { data: [] } };
      const problem = problemOf(call.body);
      return problem === undefined ? undefined : badRequest(problem);
    },
    responseMode: (parameters) => (parameters as ChatTriggerParameters).responseMode,
  },
  execute(ctx) {
    const calls = ctx.input();
    if (calls.length === 0) return [{ json: { sessionId: ctx.execution.id, action: 'sendMessage', chatInput: '' } }];
    return calls.map((call): Item => {
      // Items that are not HTTP calls (pinned, or handed to engine.run) are messages already.
      if (typeof call.json.method !== 'string') return call;
      const problem = problemOf(call.json.body);
      if (problem !== undefined) {
        throw new NodeExecutionError(`Node '${ctx.node.name}': the chat message is not valid: ${problem}`, {
          code: 'CHAT_MESSAGE_INVALID',
          retryable: false,
        });
      }
      const { sessionId, chatInput, metadata } = call.json.body as Record<string, unknown>;
      const extra = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? { metadata } : {};
      return { json: { sessionId, action: 'sendMessage', chatInput, ...extra } };
    });
  },
});
