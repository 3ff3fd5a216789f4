import type { NodeType } from '../../nodes/define-node.js';
import { emailTriggerNode } from './email-trigger/email-trigger.js';
import { executeCommandNode } from './execute-command/execute-command.js';
import type { NodeOnlyHost } from './host.js';
import { readWriteFileNode } from './read-write-files/read-write-file.js';
import { sendEmailNode } from './send-email/send-email.js';

/**
 * The implementations of the Node-only node types (`nodeOnlyNodeTypes`,
 * which every engine registers as descriptions), bound to what the engine
 * gives them; `createNodeEngine` registers them in the descriptions' place.
 */
export function createNodeOnlyNodeTypes(host: NodeOnlyHost): NodeType[] {
  return [sendEmailNode(host), emailTriggerNode(host), readWriteFileNode(host), executeCommandNode(host)];
}

export type { ExecuteCommandOptions, FilesOptions, NodeOnlyHost } from './host.js';
