import { defineNode, FlowloomError, type CredentialType, type Item, type NodeType, type WebhookReply } from '@flowloom/engine';
import { z } from 'zod';

/** A service's webhook trigger, as data: what `defineTrigger` takes. */
export interface TriggerDefinition {
  /** The service id; the node type is `integrations.<id>Trigger`. */
  id: string;
  displayName: string;
  description?: string;
  icon: string;
  docsUrl: string;
  /** Credential types that check each call's signature (`verifyWebhook`); the node fills one of them. */
  credentials: readonly CredentialType[];
  /** The events a user may choose, by the name the service gives them. */
  events: Readonly<Record<string, { displayName: string; description?: string }>>;
  /** The event a call carries (undefined: none the node knows, so it starts no run). */
  eventOf(call: CallJson): string | undefined;
  /** The items a call becomes (default: one item, the call's body). */
  items?(call: CallJson): Item['json'][];
  /** Answers a service's URL check without running (Slack's `url_verification`). */
  handshake?(call: CallJson): WebhookReply | undefined;
  /** The method the service calls with (default POST). */
  method?: 'GET' | 'POST';
  /** The answer to a call that starts a run (default `200 { executionId }`). */
  accepted?: WebhookReply;
  /** Another method the service checks the URL with, answered without a run (Mailchimp's GET). */
  checkMethod?: 'GET' | 'HEAD';
}

/** A webhook call as the trigger's item holds it. */
export interface CallJson {
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  [key: string]: unknown;
}

/**
 * Builds a service's webhook trigger node: it listens at its `path` below the
 * engine's webhook base path, has every call's signature checked by its
 * credential (a call that fails gets 401 and starts no run), answers the
 * service's URL checks, and starts a run for the events the user chose.
 */
export function defineTrigger(definition: TriggerDefinition): NodeType {
  const eventNames = Object.keys(definition.events);
  if (eventNames.length === 0) throw new FlowloomError('SERVICE_INVALID', `Trigger '${definition.id}' must name at least one event.`);
  const properties = z.object({
    path: z
      .string()
      .trim()
      .min(1)
      .regex(/^\/?[\w\-.~:%]+(\/[\w\-.~:%]+)*\/?$/, 'must be URL path segments such as "slack/events"')
      .default(`${definition.id}/events`)
      .meta({
        label: 'Path',
        noExpression: true,
        description: `Served under the engine\u2019s webhook base path; give this URL to ${definition.displayName}.`,
      }),
    events: z
      .array(
        // The choices sit on the items, so the editor offers a checkbox per event.
        z.enum(eventNames as [string, ...string[]]).meta({
          options: Object.entries(definition.events).map(([value, e]) => ({
            value,
            label: e.displayName,
            ...(e.description ? { description: e.description } : {}),
          })),
        }),
      )
      .default(eventNames)
      .meta({ label: 'Events', noExpression: true }),
  });
  return defineNode({
    type: `integrations.${definition.id}Trigger`,
    version: 1,
    displayName: `${definition.displayName} Trigger`,
    description: definition.description ?? `Starts the workflow when ${definition.displayName} sends one of the chosen events.`,
    group: 'trigger',
    icon: definition.icon,
    inputs: [],
    outputs: ['main'],
    properties,
    credentials: definition.credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
    webhook: {
      method: definition.method ?? 'POST',
      verifyWith: definition.credentials.map((type) => type.name),
      ...(definition.handshake ? { handshake: definition.handshake } : {}),
      ...(definition.accepted ? { accepted: definition.accepted } : {}),
      ...(definition.checkMethod ? { checkMethod: definition.checkMethod } : {}),
      accepts: (call, parameters) => {
        const event = definition.eventOf(call);
        const chosen = (parameters['events'] as string[] | undefined) ?? eventNames;
        return event !== undefined && chosen.includes(event);
      },
    },
    execute(ctx) {
      // A manual run has no call: the node then has nothing to put out.
      return ctx
        .input()
        .flatMap((item) => (definition.items ? definition.items(item.json) : [asObject(item.json['body'])]).map((json) => ({ json })));
    },
  });
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
