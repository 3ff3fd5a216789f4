import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { boxWebhookKeys } from './box-credentials.js';
import { boxInfo } from './box-info.js';

export { boxWebhookKeys };

/** Box's webhook triggers (V2), as its API names them. */
const triggers = [
  'FILE.UPLOADED',
  'FILE.PREVIEWED',
  'FILE.DOWNLOADED',
  'FILE.TRASHED',
  'FILE.DELETED',
  'FILE.RESTORED',
  'FILE.COPIED',
  'FILE.MOVED',
  'FILE.LOCKED',
  'FILE.UNLOCKED',
  'FILE.RENAMED',
  'COMMENT.CREATED',
  'COMMENT.UPDATED',
  'COMMENT.DELETED',
  'TASK_ASSIGNMENT.CREATED',
  'TASK_ASSIGNMENT.UPDATED',
  'METADATA_INSTANCE.CREATED',
  'METADATA_INSTANCE.UPDATED',
  'METADATA_INSTANCE.DELETED',
  'FOLDER.CREATED',
  'FOLDER.RENAMED',
  'FOLDER.DOWNLOADED',
  'FOLDER.RESTORED',
  'FOLDER.DELETED',
  'FOLDER.COPIED',
  'FOLDER.MOVED',
  'FOLDER.TRASHED',
  'WEBHOOK.DELETED',
  'COLLABORATION.CREATED',
  'COLLABORATION.ACCEPTED',
  'COLLABORATION.REJECTED',
  'COLLABORATION.REMOVED',
  'COLLABORATION.UPDATED',
  'SHARED_LINK.DELETED',
  'SHARED_LINK.CREATED',
  'SHARED_LINK.UPDATED',
  'SIGN_REQUEST.COMPLETED',
  'SIGN_REQUEST.DECLINED',
  'SIGN_REQUEST.EXPIRED',
  'SIGN_REQUEST.SIGNER_EMAIL_BOUNCED',
];

/** `FOLDER.DOWNLOADED` as "Folder downloaded". */
const displayName = (trigger: string) => {
  const text = trigger.replace('.', ' ').replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * Starts a workflow with each Box webhook event of the chosen triggers
 * (`trigger`), signed with the app's signature keys. The item is the event as
 * Box sends it: its `trigger`, the user who acted (`created_by`), and the
 * file, folder or other item it is about (`source`).
 */
export const boxTrigger = defineTrigger({
  id: 'box',
  displayName: 'Box',
  icon: boxInfo.icon,
  docsUrl: 'https://developer.box.com/guides/webhooks/',
  credentials: [boxWebhookKeys],
  events: Object.fromEntries(triggers.map((trigger) => [trigger, { displayName: displayName(trigger) }])),
  eventOf: (call: CallJson) => {
    const trigger = (call.body as { trigger?: unknown } | undefined)?.trigger;
    return typeof trigger === 'string' ? trigger : undefined;
  },
});
