import { z } from 'zod';
import type { Execution } from '../../../model/execution.js';
import type { ExecutionWait } from '../../../model/execution-wait.js';
import type { Item } from '../../../model/item.js';
import type { Workflow } from '../../../model/workflow.js';
import type { WebhookReply } from '../../node-services.js';
import { formFieldSchema, isValid, readSubmission } from '../form-trigger/form-fields.js';
import { completionPageReply, failurePageReply, formPageReply, type FormPage } from '../form-trigger/form-page.js';

/** The Form node's type. */
export const FORM_NODE_TYPE = 'core.form';

/** Where a Form node keeps, in its `ctx.state`, the page its execution waits on. */
export const FORM_PAGE_STATE_KEY = 'formPage';

/** A page as a waiting Form node keeps it: its parameters resolved when the node ran. */
const keptPageSchema = z.object({
  formTitle: z.string(),
  formDescription: z.string(),
  formFields: z.array(formFieldSchema).min(1),
  buttonLabel: z.string(),
});

/**
 * The form page a waiting execution shows at its resume URL: the page its
 * Form node kept when it suspended; undefined when what it waits on is not
 * a Form node's page (a Wait node, say).
 */
export function waitingFormPage(wait: ExecutionWait): FormPage | undefined {
  const node = wait.workflow.nodes.find((n) => n.id === wait.nodeId);
  if (node?.type !== FORM_NODE_TYPE) return undefined;
  const kept = (wait.state?.nodeState ?? wait.nodeState)?.[wait.nodeId]?.[FORM_PAGE_STATE_KEY];
  const parsed = keptPageSchema.safeParse(kept);
  return parsed.success ? parsed.data : undefined;
}

/** What a call to a waiting form page comes to: an answer at once, or the answers the run resumes with. */
export type FormPageCall = { reply: WebhookReply } | { answers: Item };

/**
 * Answers a call to a waiting form page (the call as a webhook item): a GET
 * shows the page; a POST is checked against its fields and, when something
 * is wrong, answered with the page again, each error beside its field; a
 * valid one becomes the item the Form node puts out (the answers by field
 * label or name, uploaded files in `binary`, and `submittedAt`).
 */
export function formPageCall(page: FormPage, call: Item, now: number): FormPageCall {
  const method = call.json.method;
  if (method === 'GET' || method === 'HEAD') return { reply: formPageReply(page) };
  if (method !== 'POST') {
    return {
      reply: { status: 405, headers: { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' }, body: 'Use GET or POST.' },
    };
  }
  const submission = readSubmission(page.formFields, call.json.body, call.binary);
  if (!isValid(submission)) return { reply: formPageReply(page, submission) };
  const files = Object.keys(submission.binary).length > 0 ? { binary: submission.binary } : {};
  return { answers: { json: { ...submission.json, submittedAt: new Date(now).toISOString() }, ...files } };
}

/**
 * Whether an enabled Form node follows the node `fromId`, directly or
 * further on: then the form the trigger serves goes on to more pages.
 */
export function formFollows(workflow: Workflow, fromId: string): boolean {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const seen = new Set([fromId]);
  const queue = [fromId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of workflow.connections) {
      if (c.from.node !== id || seen.has(c.to.node)) continue;
      seen.add(c.to.node);
      const node = byId.get(c.to.node);
      if (!node || node.disabled) continue;
      if (node.type === FORM_NODE_TYPE) return true;
      queue.push(node.id);
    }
  }
  return false;
}

/**
 * Where the browser goes once a form page was sent and the run went on:
 * a 303 to `nextPage` (the execution's resume URL, relative to the page that
 * was sent) when the execution now waits on another Form page; undefined
 * otherwise.
 */
export function nextFormPageReply(execution: Execution, nextPage: string): WebhookReply | undefined {
  if (execution.status !== 'waiting' || !execution.wait || !waitingFormPage(execution.wait)) return undefined;
  // 303: the browser follows with a GET, so a reload does not send the page again.
  return { status: 303, headers: { location: nextPage, 'cache-control': 'no-store' } };
}

/** The page shown when the run ended after a form page without a Form ending to show. */
export function formEndReply(page: FormPage, execution: Execution): WebhookReply {
  if (execution.status === 'success' || execution.status === 'waiting') {
    return completionPageReply(page.formTitle, 'Thank you, your answers were sent.');
  }
  return failurePageReply(page.formTitle, execution.id);
}
