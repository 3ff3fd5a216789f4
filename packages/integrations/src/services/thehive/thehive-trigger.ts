import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { thehiveWebhookToken } from './thehive-credentials.js';
import { thehiveInfo } from './thehive-info.js';

export { thehiveWebhookToken };

/** The events, named `<object type>_<operation>` after the call's `objectType` and `operation`. */
const events: Record<string, string> = {
  alert_create: 'Alert created',
  alert_update: 'Alert updated',
  alert_delete: 'Alert deleted',
  case_create: 'Case created',
  case_update: 'Case updated',
  case_delete: 'Case deleted',
  case_task_create: 'Task created',
  case_task_update: 'Task updated',
  case_task_delete: 'Task deleted',
  case_task_log_create: 'Task log created',
  case_task_log_update: 'Task log updated',
  case_task_log_delete: 'Task log deleted',
  case_artifact_create: 'Observable created',
  case_artifact_update: 'Observable updated',
  case_artifact_delete: 'Observable deleted',
};

type TheHiveCall = CallJson & { body?: { objectType?: unknown; operation?: unknown } };

/**
 * A call's event: its object type in snake case (`case_task`; `CaseTask` as
 * some versions write it) and its operation (`Creation` as TheHive 3 and 4
 * name a creation, `create` as later versions do).
 */
function eventOf(call: TheHiveCall): string | undefined {
  const { objectType, operation } = call.body ?? {};
  if (typeof objectType !== 'string' || typeof operation !== 'string' || !objectType || !operation) return undefined;
  const type = objectType.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${type}_${operation.replace('Creation', 'Create').toLowerCase()}`;
}

/**
 * Starts a workflow with each call of a TheHive webhook for the chosen
 * events, checked with its bearer token. The item is `{ event, body,
 * headers, query }`: the event's name, and the call, whose body holds the
 * object and the operation; the token is left out of `headers`.
 */
export const thehiveTrigger = defineTrigger({
  id: 'thehive',
  displayName: 'TheHive',
  icon: thehiveInfo.icon,
  docsUrl: thehiveInfo.docsUrl,
  credentials: [thehiveWebhookToken],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf,
  items: (call: TheHiveCall) => {
    const { authorization: _token, ...headers } = call.headers ?? {};
    return [{ event: eventOf(call), body: call.body, headers, query: call.query ?? {} }];
  },
});
