import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { trelloWebhookSecret } from './trello-credentials.js';
import { trelloInfo } from './trello-info.js';

export { trelloWebhookSecret };

/** The action types Trello names (`action.type`), the commonest first; any other is `otherAction`. */
const actions: Record<string, string> = {
  createCard: 'Card created',
  updateCard: 'Card updated (moved, renamed, closed, due date...)',
  deleteCard: 'Card deleted',
  copyCard: 'Card copied',
  commentCard: 'Card commented',
  updateComment: 'Comment edited',
  deleteComment: 'Comment deleted',
  addMemberToCard: 'Member added to a card',
  removeMemberFromCard: 'Member removed from a card',
  addLabelToCard: 'Label added to a card',
  removeLabelFromCard: 'Label removed from a card',
  addAttachmentToCard: 'Attachment added to a card',
  deleteAttachmentFromCard: 'Attachment removed from a card',
  addChecklistToCard: 'Checklist added to a card',
  removeChecklistFromCard: 'Checklist removed from a card',
  createCheckItem: 'Checklist item created',
  updateCheckItem: 'Checklist item updated',
  updateCheckItemStateOnCard: 'Checklist item checked or unchecked',
  deleteCheckItem: 'Checklist item deleted',
  emailCard: 'Card created by email',
  moveCardToBoard: 'Card moved to the board',
  moveCardFromBoard: 'Card moved off the board',
  createList: 'List created',
  updateList: 'List updated (renamed, moved, archived...)',
  moveListToBoard: 'List moved to the board',
  moveListFromBoard: 'List moved off the board',
  createBoard: 'Board created',
  updateBoard: 'Board updated',
  addMemberToBoard: 'Member added to the board',
  removeMemberFromBoard: 'Member removed from the board',
  createLabel: 'Label created',
  updateLabel: 'Label updated',
  deleteLabel: 'Label deleted',
  otherAction: 'Any other action',
};

/** The action type of a call, `otherAction` for one not listed. */
function eventOf(call: CallJson): string | undefined {
  const action = (call.body as { action?: { type?: unknown } } | undefined)?.action;
  if (typeof action?.type !== 'string') return undefined;
  return action.type in actions && action.type !== 'otherAction' ? action.type : 'otherAction';
}

/**
 * Starts a workflow with each call of a Trello webhook (on a board, list,
 * card or member) for the chosen action types, signed with the Trello app's
 * secret. The item is the call's payload: the `action` taken, the `model`
 * watched and the `webhook`. Trello's HEAD request checking the URL is
 * answered without a run.
 */
export const trelloTrigger = defineTrigger({
  id: 'trello',
  displayName: 'Trello',
  icon: trelloInfo.icon,
  docsUrl: trelloInfo.docsUrl,
  credentials: [trelloWebhookSecret],
  events: Object.fromEntries(Object.entries(actions).map(([type, displayName]) => [type, { displayName }])),
  checkMethod: 'HEAD',
  eventOf,
});
