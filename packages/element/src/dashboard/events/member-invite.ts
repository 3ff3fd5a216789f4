import type { Invite } from '../member-directory.js';

/** Detail of `wf-member-invite`. */
export interface MemberInviteDetail {
  invite: Invite;
  /**
   * The token that admits the invitee, when the server gave one (it is in
   * this answer only): put it in a link of your product and send it.
   */
  token?: string;
}

/** Fired when the dashboard has created an invitation; the host delivers the invitation link. */
export class WfMemberInviteEvent extends Event {
  static readonly eventName = 'wf-member-invite';

  constructor(readonly detail: MemberInviteDetail) {
    super('wf-member-invite', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-member-invite': WfMemberInviteEvent;
  }
}
