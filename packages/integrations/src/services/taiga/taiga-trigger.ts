import type { WebhookReply } from '@flowloom/engine';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { taigaWebhookKey } from './taiga-credentials.js';
import { taigaInfo } from './taiga-info.js';

export { taigaWebhookKey };

/** What Taiga's calls name in `action`, and the objects (`type`) they are about. */
const ACTIONS: Record<string, string> = { create: 'created', change: 'changed', delete: 'deleted' };
const TYPES: Record<string, string> = {
  epic: 'Epic',
  userstory: 'User story',
  task: 'Task',
  issue: 'Issue',
  milestone: 'Sprint',
  wikipage: 'Wiki page',
};

type TaigaCall = CallJson & { body?: { action?: unknown; type?: unknown } };

const PONG: WebhookReply = { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } };

/**
 * Starts a workflow with each call of a Taiga project's webhook for the
 * chosen events (`<action>.<type>`, such as `create.issue`), signed with the
 * webhook's secret key. The item is the call's payload (`action`, `type`,
 * `by`, `date`, `data` and, for a change, `change`). The call Taiga's Test
 * button sends is answered without a run.
 */
export const taigaTrigger = defineTrigger({
  id: 'taiga',
  displayName: 'Taiga',
  icon: taigaInfo.icon,
  docsUrl: taigaInfo.docsUrl,
  credentials: [taigaWebhookKey],
  events: Object.fromEntries(
    Object.entries(TYPES).flatMap(([type, object]) =>
      Object.entries(ACTIONS).map(([action, done]) => [`${action}.${type}`, { displayName: `${object} ${done}` }]),
    ),
  ),
  handshake: (call: TaigaCall) => (call.body?.action === 'test' ? PONG : undefined),
  eventOf: (call: TaigaCall) =>
    typeof call.body?.action === 'string' && typeof call.body.type === 'string' ? `${call.body.action}.${call.body.type}` : undefined,
});
