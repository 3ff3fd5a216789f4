import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { RequestSpec, ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext, Service } from '../../kit/service-types.js';
import { googleAnalyticsMeasurement } from './google-analytics-credentials.js';
import { googleAnalyticsEventsInfo } from './google-analytics-info.js';

export { googleAnalyticsMeasurement };

// The Measurement Protocol's limits and reserved names, as its reference states them
// (https://developers.google.com/analytics/devguides/collection/protocol/ga4/reference#reserved_names).
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED_PREFIXES = ['google_', 'ga_', 'firebase_'];
const RESERVED_EVENTS = new Set(
  (
    'ad_activeview ad_click ad_exposure ad_impression ad_query ad_reward adunit_exposure app_background app_clear_data ' +
    'app_exception app_remove app_store_refund app_store_subscription_cancel app_store_subscription_convert ' +
    'app_store_subscription_renew app_update app_upgrade dynamic_link_app_open dynamic_link_app_update ' +
    'dynamic_link_first_open error firebase_campaign firebase_in_app_message_action firebase_in_app_message_dismiss ' +
    'firebase_in_app_message_impression first_open first_visit in_app_purchase notification_dismiss ' +
    'notification_foreground notification_open notification_receive notification_send os_update session_start ' +
    'session_start_with_rollout user_engagement'
  ).split(' '),
);
const RESERVED_PARAMS = new Set(['firebase_conversion']);
const RESERVED_USER_PROPERTIES = new Set([
  'first_open_time',
  'first_visit_time',
  'last_deep_link_referrer',
  'user_id',
  'first_open_after_install',
]);
const MAX_PARAMS = 25;
const MAX_NAME = 40;
const MAX_PARAM_VALUE = 100;
const MAX_USER_PROPERTY_NAME = 24;
const MAX_USER_PROPERTY_VALUE = 36;

const consent = z.enum(['GRANTED', 'DENIED']);

export const eventParams = z
  .object({
    clientId: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ label: 'Client ID', description: 'Web streams: the visitor\u2019s client ID (from the _ga cookie).' }),
    appInstanceId: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{32}$/, 'must be the 32 hexadecimal digits of a Firebase app instance ID')
      .optional()
      .meta({ label: 'App instance ID', description: 'App streams, instead of a client ID.' }),
    userId: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .optional()
      .meta({ label: 'User ID', description: 'Your own ID for the user, across devices.' }),
    eventName: z
      .string()
      .trim()
      .min(1)
      .meta({ label: 'Event name', placeholder: 'purchase', description: 'A recommended event or your own.' }),
    eventParams: z.record(z.string(), z.unknown()).optional().meta({ label: 'Event parameters', editor: 'json' }),
    value: z.number().optional().meta({ label: 'Value', description: 'The monetary value of a key event (conversion) such as purchase.' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .optional()
      .meta({ label: 'Currency', placeholder: 'EUR', description: 'Required with a value.' }),
    transactionId: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ label: 'Transaction ID', description: 'Counts a purchase once however often it is sent.' }),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .meta({ label: 'Items', editor: 'json', description: 'Ecommerce items (item_id, item_name, price, quantity...).' }),
    userProperties: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ label: 'User properties', editor: 'json' }),
    timestamp: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ label: 'Time of the event', description: 'Up to 72 hours ago. Default: when Google receives it.' }),
    adUserData: consent.optional().meta({ label: 'Consent: ad user data' }),
    adPersonalization: consent.optional().meta({ label: 'Consent: ad personalization' }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!p.clientId === !p.appInstanceId) issue('clientId', 'give either a client ID (web stream) or an app instance ID (app stream)');
    if (!NAME.test(p.eventName) || p.eventName.length > MAX_NAME) {
      issue('eventName', `must start with a letter and hold only letters, digits and underscores, at most ${MAX_NAME} characters`);
    } else if (RESERVED_EVENTS.has(p.eventName) || RESERVED_PREFIXES.some((x) => p.eventName.startsWith(x))) {
      issue('eventName', `'${p.eventName}' is reserved by Google Analytics`);
    }
    const params = paramsOf(p);
    const names = Object.keys(params);
    if (names.length > MAX_PARAMS) issue('eventParams', `holds ${names.length} parameters; an event takes at most ${MAX_PARAMS}`);
    for (const name of names) {
      if (!NAME.test(name) || name.length > MAX_NAME)
        issue(
          'eventParams',
          `'${name}' must start with a letter and hold only letters, digits and underscores, at most ${MAX_NAME} characters`,
        );
      else if (RESERVED_PARAMS.has(name) || RESERVED_PREFIXES.some((x) => name.startsWith(x)))
        issue('eventParams', `'${name}' is reserved by Google Analytics`);
      const value = params[name];
      if (typeof value === 'string' && value.length > MAX_PARAM_VALUE)
        issue('eventParams', `'${name}' is longer than ${MAX_PARAM_VALUE} characters`);
    }
    if (params['value'] !== undefined && !params['currency']) issue('currency', 'is required with a value');
    for (const [name, value] of Object.entries(p.userProperties ?? {})) {
      if (!NAME.test(name) || name.length > MAX_USER_PROPERTY_NAME)
        issue(
          'userProperties',
          `'${name}' must start with a letter and hold only letters, digits and underscores, at most ${MAX_USER_PROPERTY_NAME} characters`,
        );
      else if (RESERVED_USER_PROPERTIES.has(name) || RESERVED_PREFIXES.some((x) => name.startsWith(x)))
        issue('userProperties', `'${name}' is reserved by Google Analytics`);
      if (String(value).length > MAX_USER_PROPERTY_VALUE)
        issue('userProperties', `'${name}' is longer than ${MAX_USER_PROPERTY_VALUE} characters`);
    }
  });
type EventParams = z.output<typeof eventParams>;

/** The event's parameters: those written out, and the key-event fields given apart. */
function paramsOf(p: Pick<EventParams, 'eventParams' | 'value' | 'currency' | 'transactionId' | 'items'>): Record<string, unknown> {
  return {
    ...p.eventParams,
    ...(p.value !== undefined ? { value: p.value } : {}),
    ...(p.currency ? { currency: p.currency } : {}),
    ...(p.transactionId ? { transaction_id: p.transactionId } : {}),
    ...(p.items ? { items: p.items } : {}),
  };
}

/** The request body, as the Measurement Protocol reference writes it. */
export function eventBody(p: EventParams): Record<string, unknown> {
  const params = paramsOf(p);
  return {
    ...(p.clientId ? { client_id: p.clientId } : { app_instance_id: p.appInstanceId }),
    ...(p.userId ? { user_id: p.userId } : {}),
    ...(p.timestamp ? { timestamp_micros: Date.parse(p.timestamp) * 1000 } : {}),
    ...(p.userProperties
      ? { user_properties: Object.fromEntries(Object.entries(p.userProperties).map(([k, value]) => [k, { value }])) }
      : {}),
    ...(p.adUserData || p.adPersonalization
      ? {
          consent: {
            ...(p.adUserData ? { ad_user_data: p.adUserData } : {}),
            ...(p.adPersonalization ? { ad_personalization: p.adPersonalization } : {}),
          },
        }
      : {}),
    events: [{ name: p.eventName, ...(Object.keys(params).length > 0 ? { params } : {}) }],
  };
}

const collect =
  (path: string) =>
  (p: Record<string, unknown>): RequestSpec => ({
    method: 'POST',
    path,
    body: eventBody(p as EventParams) as ValueSpec,
  });

/**
 * Google Analytics Measurement Protocol: events sent from servers to a GA4
 * data stream, checked first against the protocol's documented limits.
 */
export const googleAnalyticsEvents: Service = defineService({
  ...googleAnalyticsEventsInfo,
  baseUrl: 'https://www.google-analytics.com',
  credentials: [googleAnalyticsMeasurement],
  // The collection endpoint answers 2xx to anything; errors are a validation server's messages or an HTTP failure.
  error: (response) => (response.status < 400 ? undefined : { message: `HTTP ${response.status}` }),
  resources: {
    event: {
      displayName: 'Event',
      operations: {
        send: {
          displayName: 'Send',
          description: 'One event (a purchase or any key event with its value) for a user or an app instance.',
          params: eventParams,
          request: collect('/mp/collect'),
          response: { empty: true },
        },
        validate: {
          displayName: 'Validate',
          description: 'Asks Google\u2019s validation server about the event, without recording it.',
          params: eventParams,
          async execute(op: OperationContext<Record<string, unknown>>): Promise<Item[]> {
            const answer = await op.request(collect('/debug/mp/collect')(op.params));
            const messages = (answer.body as { validationMessages?: Record<string, unknown>[] } | undefined)?.validationMessages ?? [];
            return [{ json: { valid: messages.length === 0, validationMessages: messages } }];
          },
        },
      },
    },
  },
});
