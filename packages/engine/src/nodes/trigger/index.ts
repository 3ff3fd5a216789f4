import type { NodeType } from '../define-node.js';
import { chatTrigger } from './chat-trigger/chat-trigger.js';
import { executeWorkflowTrigger } from './execute-workflow-trigger.js';
import { form } from './form/form.js';
import { formTrigger } from './form-trigger/form-trigger.js';
import { respondToWebhook } from './respond-to-webhook.js';
import { scheduleTrigger } from './schedule-trigger.js';
import { webhook } from './webhook.js';

/** Trigger node types (webhook, form, chat, schedule, sub-workflow) and their companions: Respond to Webhook, the Form node's further pages. */
export const triggerNodeTypes: readonly NodeType[] = [
  webhook,
  respondToWebhook,
  scheduleTrigger,
  executeWorkflowTrigger,
  formTrigger,
  form,
  chatTrigger,
] as readonly NodeType[];
