import type { NodeType } from '../define-node.js';
import { executeWorkflowTrigger } from './execute-workflow-trigger.js';
import { respondToWebhook } from './respond-to-webhook.js';
import { scheduleTrigger } from './schedule-trigger.js';
import { webhook } from './webhook.js';

/** Trigger node types and their companion Respond to Webhook. */
export const triggerNodeTypes: readonly NodeType[] = [
  webhook,
  respondToWebhook,
  scheduleTrigger,
  executeWorkflowTrigger,
] as readonly NodeType[];
