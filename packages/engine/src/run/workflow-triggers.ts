import type { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import { planParameters } from '../model/parameter-plan.js';
import type { Workflow } from '../model/workflow.js';
import { fromZodIssues } from '../model/zod-issues.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { Item } from '../model/item.js';
import type { NodeType, WebhookRunOutcome } from '../nodes/define-node.js';
import { intervalMs, scheduleProperties } from '../nodes/trigger/schedule-trigger.js';
import { webhookProperties } from '../nodes/trigger/webhook.js';
import { formFollows } from '../nodes/trigger/form/form-wait.js';
import type { PollEntry } from './polls.js';
import { nextTickFunction, type ScheduleEntry } from './scheduler.js';
import { pathSegments, type WebhookListener } from './webhooks.js';

/** What `engine.activate` set up for a workflow. */
export interface ActivationSummary {
  workflowId: string;
  /** The webhook routes it answers, below the webhook base path. */
  webhooks: { method: string; path: string; nodeId: string }[];
  /** Its Schedule Triggers. */
  schedules: { nodeId: string; rule: ScheduleEntry['rule'] }[];
  /** Its polling triggers, with how often each polls. */
  polls: { nodeId: string; intervalMs: number }[];
}

function paramsOf<S extends z.ZodType>(schema: S, node: Workflow['nodes'][number]): z.output<S> {
  if (planParameters(schema, node.parameters).templates.length > 0) {
    throw new FlowloomError(
      'ACTIVATION_FAILED',
      `Node '${node.name}': trigger parameters cannot use expressions; write the values literally.`,
    );
  }
  const parsed = schema.safeParse(node.parameters);
  if (parsed.success) return parsed.data;
  const details = fromZodIssues(parsed.error.issues)
    .map((i) => `parameter '${i.path.join('.')}' ${i.message}`)
    .join('; ');
  throw new FlowloomError('ACTIVATION_FAILED', `Node '${node.name}': ${details}.`);
}

/**
 * Reads the enabled Webhook and Schedule Trigger nodes of a workflow into
 * router listeners and scheduler entries; refuses with a clear error when a
 * trigger's settings are wrong.
 */
export async function triggersOf(
  workflow: Workflow,
  tenantId: string,
  registry: NodeRegistry,
): Promise<{ listeners: WebhookListener[]; schedules: ScheduleEntry[]; polls: PollEntry[] }> {
  const listeners: WebhookListener[] = [];
  const schedules: ScheduleEntry[] = [];
  const polls: PollEntry[] = [];
  await registry.loadFor(workflow);
  for (const node of workflow.nodes) {
    const type = node.disabled ? undefined : registry.get(node.type, node.typeVersion);
    if (!type) continue;
    if (node.type === 'core.webhook') {
      const p = paramsOf(webhookProperties, node);
      listeners.push({
        tenantId,
        workflow,
        nodeId: node.id,
        method: p.httpMethod,
        segments: pathSegments(p.path),
        responseMode: p.responseMode,
        responseCode: p.responseCode,
        responseData: p.responseData,
      });
    } else if (type.webhook) {
      const listener = serviceListener(workflow, tenantId, node, type);
      listeners.push(listener);
      const check = type.webhook.checkMethod;
      if (check) {
        const handshake = listener.handshake;
        listeners.push({
          ...listener,
          method: check,
          handshake: (call, binary) => handshake?.(call, binary) ?? { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' },
        });
      }
    } else if (type.poll) {
      polls.push(pollEntry(workflow, tenantId, node, type));
    } else if (node.type === 'core.scheduleTrigger') {
      const p = paramsOf(scheduleProperties, node);
      const rule: ScheduleEntry['rule'] =
        p.mode === 'cron'
          ? { kind: 'cron', expression: p.cronExpression!, timezone: p.timezone ?? workflow.settings.timezone ?? 'UTC' }
          : { kind: 'interval', ms: intervalMs(p) };
      try {
        await nextTickFunction(rule);
      } catch (error) {
        throw new FlowloomError(
          'ACTIVATION_FAILED',
          `Node '${node.name}': parameter '${p.mode === 'cron' ? 'cronExpression' : 'interval'}' is not a valid schedule: ${(error as Error).message}`,
        );
      }
      schedules.push({ tenantId, workflow, nodeId: node.id, rule });
    }
  }
  return { listeners, schedules, polls };
}

/** A polling trigger's entry: its interval, from parameters written literally, and its credentials filled. */
function pollEntry(workflow: Workflow, tenantId: string, node: Workflow['nodes'][number], type: NodeType): PollEntry {
  for (const slot of type.credentials ?? []) {
    if (slot.required && !node.credentials?.[slot.name]) {
      throw new FlowloomError(
        'ACTIVATION_FAILED',
        `Node '${node.name}': choose a credential for '${slot.name}' so it can poll ${type.displayName}.`,
      );
    }
  }
  // Other parameters may be expressions, resolved at each poll; the interval is read as written.
  const parsed = type.properties?.safeParse(node.parameters);
  const intervalMs = type.poll!.intervalMs(parsed?.success ? (parsed.data as Record<string, unknown>) : node.parameters);
  if (!(typeof intervalMs === 'number' && intervalMs >= 1000 && Number.isFinite(intervalMs))) {
    throw new FlowloomError(
      'ACTIVATION_FAILED',
      `Node '${node.name}': polls must be at least 1 second apart, got an interval of ${String(intervalMs)} ms; write the interval literally.`,
    );
  }
  return { tenantId, workflow, nodeId: node.id, nodeName: node.name, intervalMs };
}

/** The listener of a service's webhook trigger: its path and method, and the credential that checks its calls. */
function serviceListener(workflow: Workflow, tenantId: string, node: Workflow['nodes'][number], type: NodeType): WebhookListener {
  const trigger = type.webhook!;
  const parameters = type.properties ? paramsOf(type.properties, node) : node.parameters;
  const path = parameters['path'];
  if (typeof path !== 'string' || pathSegments(path).length === 0) {
    throw new FlowloomError('ACTIVATION_FAILED', `Node '${node.name}': parameter 'path' must name the URL path the service calls.`);
  }
  let verifyWith: string | undefined;
  if (trigger.verifyWith) {
    const slot = trigger.verifyWith.find((name) => node.credentials?.[name]);
    if (!slot) {
      throw new FlowloomError(
        'ACTIVATION_FAILED',
        `Node '${node.name}': choose a credential (${trigger.verifyWith.join(' or ')}) to check that calls come from ${type.displayName}.`,
      );
    }
    verifyWith = node.credentials![slot];
  }
  const responseMode = trigger.responseMode?.(parameters) ?? 'onReceived';
  const accepted = typeof trigger.accepted === 'function' ? trigger.accepted(parameters) : trigger.accepted;
  return {
    tenantId,
    workflow,
    nodeId: node.id,
    method: trigger.method ?? 'POST',
    segments: pathSegments(path),
    responseMode,
    responseCode: 200,
    responseData: responseMode === 'lastNode' ? 'firstEntryJson' : 'noData',
    ...(verifyWith ? { verifyWith } : {}),
    ...(trigger.handshake
      ? { handshake: (call: Record<string, unknown>, binary: Item['binary']) => trigger.handshake!(call, parameters, binary) }
      : {}),
    ...(accepted ? { accepted } : {}),
    ...(trigger.completed ? { completed: (outcome: WebhookRunOutcome) => trigger.completed!(outcome, parameters) } : {}),
    ...(trigger.accepts ? { accepts: (call: Record<string, unknown>) => trigger.accepts!(call, parameters) } : {}),
    // A form that goes on to Form nodes' pages: each call is answered with where the form leads.
    ...(node.type === 'core.formTrigger' && formFollows(workflow, node.id) ? { formPages: true } : {}),
  };
}
