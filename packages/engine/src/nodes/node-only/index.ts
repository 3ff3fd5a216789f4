import type { NodeType } from '../define-node.js';
import { emailTriggerDescription } from './email-trigger.js';
import { executeCommandDescription } from './execute-command.js';
import { readWriteFileDescription } from './read-write-file.js';
import { sendEmailDescription } from './send-email.js';

/**
 * The node types whose work needs Node.js, as every engine knows them: Send
 * Email, Email Trigger (IMAP), Read/Write Files from Disk and Execute
 * Command. They validate, have forms and show in the palette (marked
 * `nodeOnly`); `createNodeEngine` puts their implementations in their place,
 * and elsewhere they fail with `NODE_UNAVAILABLE`.
 */
export const nodeOnlyNodeTypes: readonly NodeType[] = [
  sendEmailDescription,
  emailTriggerDescription,
  readWriteFileDescription,
  executeCommandDescription,
];
