import { implementNode, type NodeType } from '../../../nodes/define-node.js';
import { sendEmailDescription } from '../../../nodes/node-only/send-email.js';
import type { NodeOnlyHost } from '../host.js';
import { sendMessages } from './send-messages.js';

/** Send Email (`core.sendEmail`, described in `nodes/node-only/`): its work, with the engine's network policy. */
export function sendEmailNode(host: NodeOnlyHost): NodeType {
  return implementNode(sendEmailDescription, { execute: (ctx) => sendMessages(ctx, host) });
}
