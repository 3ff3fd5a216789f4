import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { clickUpWebhookSecret } from './clickup-credentials.js';
import { clickUpInfo } from './clickup-info.js';

export { clickUpWebhookSecret };

const events: Record<string, string> = {
  taskCreated: 'Task created',
  taskUpdated: 'Task updated',
  taskDeleted: 'Task deleted',
  taskPriorityUpdated: 'Task priority updated',
  taskStatusUpdated: 'Task status updated',
  taskAssigneeUpdated: 'Task assignee updated',
  taskDueDateUpdated: 'Task due date updated',
  taskTagUpdated: 'Task tag updated',
  taskMoved: 'Task moved',
  taskCommentPosted: 'Task comment posted',
  taskCommentUpdated: 'Task comment updated',
  taskTimeEstimateUpdated: 'Task time estimate updated',
  taskTimeTrackedUpdated: 'Task time tracked updated',
  listCreated: 'List created',
  listUpdated: 'List updated',
  listDeleted: 'List deleted',
  folderCreated: 'Folder created',
  folderUpdated: 'Folder updated',
  folderDeleted: 'Folder deleted',
  spaceCreated: 'Space created',
  spaceUpdated: 'Space updated',
  spaceDeleted: 'Space deleted',
  goalCreated: 'Goal created',
  goalUpdated: 'Goal updated',
  goalDeleted: 'Goal deleted',
  keyResultCreated: 'Key result created',
  keyResultUpdated: 'Key result updated',
  keyResultDeleted: 'Key result deleted',
};

/**
 * Starts a workflow with each ClickUp webhook call of the chosen events (the
 * body's `event`), signed with the webhook's secret. The item is the call's
 * body: `event`, `webhook_id`, the id of what changed (`task_id`, `list_id`...)
 * and `history_items`, what changed.
 */
export const clickUpTrigger = defineTrigger({
  id: 'clickup',
  displayName: 'ClickUp',
  icon: clickUpInfo.icon,
  docsUrl: 'https://developer.clickup.com/docs/webhooks',
  credentials: [clickUpWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => {
    const event = typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>)['event'] : undefined;
    return typeof event === 'string' ? event : undefined;
  },
});
