import type { MapContext } from '../map-context.js';
import { compact, type MappedNode, type NodeMapping } from './mapping.js';

/** Manual Trigger (and the legacy Start node). */
export const manualTriggerMapping: NodeMapping = { versions: [1], map: () => ({ type: 'core.manualTrigger', parameters: {} }) };

function schedule(ctx: MapContext, cronExpression: string): MappedNode {
  if (ctx.env.timezone === undefined) {
    ctx.warn(
      undefined,
      'schedule-timezone',
      "the workflow sets no time zone: n8n used its server's, Flowloom uses UTC; set the workflow's time zone",
    );
  }
  return { type: 'core.scheduleTrigger', parameters: { mode: 'cron', cronExpression: cronExpression.trim() } };
}

/** A whole number from 0 up, written literally. */
function count(ctx: MapContext, path: string, fallback: number): number {
  const n = ctx.literal<number>(path, 'number', fallback);
  if (!Number.isInteger(n) || n < 0) ctx.fail(path, `expected a whole number, got ${n}`);
  return n;
}

/**
 * Schedule Trigger: each n8n rule is a cron expression (n8n builds the same
 * ones), so the Flowloom trigger fires at the same times. One rule only.
 */
export const scheduleTriggerMapping: NodeMapping = {
  versions: [1, 1.1, 1.2],
  map(ctx) {
    const rules = ctx.list('rule.interval', [{}]);
    if (rules.length !== 1) ctx.fail('rule.interval', `${rules.length} schedule rules; a Flowloom Schedule Trigger has one`);
    const at = 'rule.interval[0]';
    const field = ctx.choice(`${at}.field`, ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'cronExpression'], 'days');
    const minute = () => count(ctx, `${at}.triggerAtMinute`, 0);
    const hour = () => count(ctx, `${at}.triggerAtHour`, 0);
    switch (field) {
      case 'seconds':
        return schedule(ctx, `*/${count(ctx, `${at}.secondsInterval`, 30)} * * * * *`);
      case 'minutes':
        return schedule(ctx, `*/${count(ctx, `${at}.minutesInterval`, 5)} * * * *`);
      case 'hours':
        return schedule(ctx, `${minute()} */${count(ctx, `${at}.hoursInterval`, 1)} * * *`);
      case 'days':
        return schedule(ctx, `${minute()} ${hour()} */${count(ctx, `${at}.daysInterval`, 1)} * *`);
      case 'weeks': {
        if (count(ctx, `${at}.weeksInterval`, 1) !== 1)
          ctx.fail(`${at}.weeksInterval`, 'a schedule every few weeks has no cron equivalent');
        const days = ctx.list(`${at}.triggerAtDay`, [0]);
        if (days.length === 0 || !days.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6)) {
          ctx.fail(`${at}.triggerAtDay`, 'expected week days 0 (Sunday) to 6');
        }
        return schedule(ctx, `${minute()} ${hour()} * * ${days.join(',')}`);
      }
      case 'months':
        return schedule(
          ctx,
          `${minute()} ${hour()} ${count(ctx, `${at}.triggerAtDayOfMonth`, 1)} */${count(ctx, `${at}.monthsInterval`, 1)} *`,
        );
      case 'cronExpression':
        return schedule(ctx, ctx.literal<string>(`${at}.expression`, 'string', ''));
    }
  },
};

/** Cron (the Schedule Trigger's predecessor): one trigger time, as a cron expression. */
export const cronMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const items = ctx.list('triggerTimes.item');
    if (items.length !== 1) ctx.fail('triggerTimes.item', `${items.length} trigger times; a Flowloom Schedule Trigger has one`);
    const at = 'triggerTimes.item[0]';
    const mode = ctx.choice(
      `${at}.mode`,
      ['everyMinute', 'everyHour', 'everyDay', 'everyWeek', 'everyMonth', 'everyX', 'custom'],
      'everyDay',
    );
    const minute = () => count(ctx, `${at}.minute`, 0);
    const hour = () => count(ctx, `${at}.hour`, 14);
    switch (mode) {
      case 'everyMinute':
        return schedule(ctx, '* * * * *');
      case 'everyHour':
        return schedule(ctx, `${minute()} * * * *`);
      case 'everyDay':
        return schedule(ctx, `${minute()} ${hour()} * * *`);
      case 'everyWeek':
        return schedule(ctx, `${minute()} ${hour()} * * ${count(ctx, `${at}.weekday`, 1)}`);
      case 'everyMonth':
        return schedule(ctx, `${minute()} ${hour()} ${count(ctx, `${at}.dayOfMonth`, 1)} * *`);
      case 'everyX': {
        const value = count(ctx, `${at}.value`, 2);
        return schedule(
          ctx,
          ctx.choice(`${at}.unit`, ['minutes', 'hours'], 'hours') === 'minutes' ? `*/${value} * * * *` : `0 */${value} * * *`,
        );
      }
      case 'custom':
        return schedule(ctx, ctx.literal<string>(`${at}.cronExpression`, 'string', '* * * * * *'));
    }
  },
};

/** Interval: every N seconds, minutes or hours from activation. */
export const intervalMapping: NodeMapping = {
  versions: [1],
  map: (ctx) => ({
    type: 'core.scheduleTrigger',
    parameters: {
      mode: 'interval',
      interval: ctx.literal<number>('interval', 'number', 1),
      unit: ctx.choice('unit', ['seconds', 'minutes', 'hours'], 'seconds'),
    },
  }),
};

const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/**
 * Several methods on one Webhook node: n8n gives each method an output of
 * its own, output i for the i-th method listed. With more than one method,
 * the Flowloom Webhook does the same (`outputPerMethod`: ports named after
 * the methods, in the same order), so a call runs only the nodes after its
 * method's output, connected or not.
 */
function webhookMethodsOf(ctx: MapContext): { parameters: Record<string, unknown>; outputs?: (index: number) => readonly string[] } {
  const raw = ctx.raw('httpMethod');
  const methods = raw === undefined || raw === null ? ['GET', 'POST'] : Array.isArray(raw) ? raw : [raw];
  if (
    methods.length === 0 ||
    !methods.every((m) => typeof m === 'string' && WEBHOOK_METHODS.includes(m)) ||
    new Set(methods).size !== methods.length
  ) {
    ctx.fail('httpMethod', `expected methods among ${WEBHOOK_METHODS.join(', ')}, each once, got ${JSON.stringify(raw)}`);
  }
  const listed = methods as string[];
  if (listed.length === 1) return { parameters: { multipleMethods: true, httpMethods: listed } };
  return {
    parameters: { multipleMethods: true, httpMethods: listed, outputPerMethod: true },
    outputs: (index) => (index < listed.length ? [listed[index]!] : []),
  };
}

/** Each way of checking a Webhook's callers (the Flowloom slot it fills): the n8n credential type it reads, and the Flowloom one to create. */
const WEBHOOK_AUTH_CREDENTIALS = {
  basicAuth: { n8nType: 'httpBasicAuth', flowloom: "'Webhook basic auth' credential (user name and password)" },
  headerAuth: { n8nType: 'httpHeaderAuth', flowloom: "'Webhook header auth' credential (header name and value)" },
  jwtAuth: { n8nType: 'jwtAuth', flowloom: "'Webhook JWT' credential (algorithm, and secret or public key)" },
} as const;

/**
 * The credential slot a Webhook's or Form Trigger's authentication fills,
 * with a warning saying which Flowloom credential to create for it: until
 * the slot holds one, the workflow cannot be activated.
 */
export function webhookAuthCredential(ctx: MapContext, authentication: keyof typeof WEBHOOK_AUTH_CREDENTIALS): MappedNode['credential'] {
  const { n8nType, flowloom } = WEBHOOK_AUTH_CREDENTIALS[authentication];
  ctx.warn(
    'authentication',
    'webhook-auth-credential',
    `calls are checked with the credential in slot '${authentication}': create a ${flowloom} from n8n's ${n8nType} credential and choose it there; until then the workflow cannot be activated`,
  );
  return { slot: authentication, n8nType };
}

/**
 * Webhook: methods, path, authentication (basic auth, a header or a JWT,
 * with the credential slot to fill), response mode and the options that
 * write the answer (status, content type, headers, the first item's field or
 * all items) or keep the raw body. The options that guard the call (bots, IP
 * addresses, CORS origins) have no equivalent.
 */
export const webhookMapping: NodeMapping = {
  versions: [1, 1.1, 2, 2.1],
  map(ctx) {
    const authentication = ctx.choice('authentication', ['none', 'basicAuth', 'headerAuth', 'jwtAuth'], 'none');
    const several = ctx.literal<boolean>('multipleMethods', 'boolean', false) === true;
    const methods = several ? webhookMethodsOf(ctx) : { parameters: { httpMethod: ctx.choice('httpMethod', WEBHOOK_METHODS, 'GET') } };
    const path = ctx.literal<string>('path', 'string', ctx.node.webhookId ?? '');
    const responseMode = ctx.choice('responseMode', ['onReceived', 'lastNode', 'responseNode'], 'onReceived');
    const responseData =
      responseMode === 'lastNode' ? ctx.choice('responseData', ['firstEntryJson', 'allEntries', 'noData'], 'firstEntryJson') : undefined;
    if (responseMode !== 'lastNode') ctx.ignore('responseData');
    const code = ctx.raw('responseCode');
    if (code !== undefined && code !== null && typeof code !== 'number') ctx.fail('responseCode', 'expected a fixed status code');
    const optionCode = ctx.raw('options.responseCode');
    if (optionCode !== undefined && optionCode !== null && typeof optionCode !== 'number')
      ctx.fail('options.responseCode', 'expected a fixed status code');
    for (const [option, fallback] of [
      ['binaryData', false],
      ['binaryPropertyName', 'data'],
      ['ignoreBots', false],
      ['noResponseBody', false],
      ['allowedOrigins', '*'],
      ['ipWhitelist', ''],
    ] as const) {
      ctx.onlyDefault(`options.${option}`, fallback);
    }
    const rawBody = ctx.literal<boolean>('options.rawBody', 'boolean', false) === true;
    // n8n answers with one field of the first item only when it sends the first item.
    let responsePropertyName: string | undefined;
    if (responseMode === 'lastNode' && responseData === 'firstEntryJson') {
      const name = ctx.literal<string>('options.responsePropertyName', 'string', '').trim();
      responsePropertyName = name === '' ? undefined : name;
    } else ctx.ignore('options.responsePropertyName');
    let responseContentType: string | undefined;
    let responseHeaders: { name: string; value: string }[] = [];
    if (responseMode !== 'responseNode') {
      const type = ctx.literal<string>('options.responseContentType', 'string', '').trim();
      responseContentType = type === '' ? undefined : type;
      const entries = ctx.list('options.responseHeaders.entries', []);
      responseHeaders = entries.map((_, i) => ({
        name: ctx.literal<string>(`options.responseHeaders.entries[${i}].name`, 'string', '').trim(),
        value: ctx.literal<string>(`options.responseHeaders.entries[${i}].value`, 'string', ''),
      }));
      const blank = responseHeaders.findIndex((h) => h.name === '');
      if (blank >= 0) ctx.fail(`options.responseHeaders.entries[${blank}].name`, 'a response header needs a name');
    } else ctx.ignore('options.responseContentType', 'options.responseHeaders');
    const status = typeof optionCode === 'number' ? optionCode : code;
    return {
      type: 'core.webhook',
      parameters: compact({
        ...methods.parameters,
        path,
        authentication: authentication === 'none' ? undefined : authentication,
        responseMode,
        responseCode: responseMode === 'responseNode' || typeof status !== 'number' ? undefined : status,
        responseData,
        responsePropertyName,
        responseContentType,
        responseHeaders: responseHeaders.length > 0 ? responseHeaders : undefined,
        rawBody: rawBody || undefined,
      }),
      ...('outputs' in methods ? { outputs: methods.outputs } : {}),
      ...(authentication === 'none' ? {} : { credential: webhookAuthCredential(ctx, authentication) }),
    };
  },
};

/** Respond to Webhook: JSON, text, items, a file, nothing or a redirect (307 unless a code is set), with status and headers. */
export const respondToWebhookMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    const respondWith = ctx.choice(
      'respondWith',
      ['firstIncomingItem', 'allIncomingItems', 'json', 'text', 'binary', 'noData', 'redirect'],
      'firstIncomingItem',
    );
    ctx.onlyDefault('options.responseKey', '');
    ctx.onlyDefault('options.enableStreaming', false);
    const headers = ctx.list('options.responseHeaders.entries', []);
    const parameters: Record<string, unknown> = compact({
      respondWith,
      responseCode: ctx.value('options.responseCode'),
      responseHeaders: headers.map((_, i) => ({
        name: ctx.value(`options.responseHeaders.entries[${i}].name`, ''),
        value: ctx.value(`options.responseHeaders.entries[${i}].value`, ''),
      })),
    });
    if (respondWith === 'json') parameters.responseBody = ctx.value('responseBody', '{\n  "myField": "value"\n}');
    else if (respondWith === 'text') parameters.responseBody = ctx.value('responseBody', '');
    else ctx.ignore('responseBody');
    if (respondWith === 'redirect') parameters.redirectUrl = ctx.value('redirectURL', '');
    else ctx.ignore('redirectURL');
    if (respondWith === 'binary') {
      const source = ctx.choice('responseDataSource', ['automatically', 'set'], 'automatically');
      if (source === 'set') parameters.binaryProperty = ctx.value('inputFieldName', 'data');
      else {
        // n8n sends the item's only file.
        ctx.ignore('inputFieldName');
        parameters.binarySource = 'onlyFile';
      }
    } else ctx.ignore('responseDataSource', 'inputFieldName');
    return { type: 'core.respondToWebhook', parameters };
  },
};

const INPUT_FIELD_TYPES = ['any', 'string', 'number', 'boolean', 'array', 'object'];

/** n8n's JSON example when the node leaves it as it comes. */
const DEFAULT_JSON_EXAMPLE = '{"aField":"a string","aNumber":123,"thisFieldAcceptsAnyType":null,"anArray":[]}';

/** The type n8n infers for a field of its JSON example: null takes any value. */
function exampleType(value: unknown): string {
  if (value === null) return 'any';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The declared input fields of an Execute Workflow Trigger (fields listed, or inferred from a JSON example). */
function declaredFields(ctx: MapContext, source: 'workflowInputs' | 'jsonExample'): { name: string; type: string }[] {
  if (source === 'workflowInputs') {
    ctx.ignore('jsonExample');
    return ctx.list('workflowInputs.values').map((_, i) => {
      const name = ctx.literal<string>(`workflowInputs.values[${i}].name`, 'string', '').trim();
      if (name === '') ctx.fail(`workflowInputs.values[${i}].name`, 'an input field needs a name');
      // n8n's type of a field left as it comes is String.
      return { name, type: ctx.choice(`workflowInputs.values[${i}].type`, INPUT_FIELD_TYPES, 'string') };
    });
  }
  ctx.ignore('workflowInputs');
  const text = ctx.literal<string>('jsonExample', 'string', DEFAULT_JSON_EXAMPLE);
  let example: unknown;
  try {
    example = JSON.parse(text);
  } catch {
    ctx.fail('jsonExample', 'the JSON example is not valid JSON');
  }
  if (typeof example !== 'object' || example === null || Array.isArray(example)) {
    ctx.fail('jsonExample', 'the JSON example must be an object, each field an input');
  }
  return Object.entries(example as Record<string, unknown>).map(([name, value]) => {
    const type = exampleType(value);
    if (!INPUT_FIELD_TYPES.includes(type))
      ctx.fail('jsonExample', `the field '${name}' of the JSON example is of type ${type}, which n8n refuses`);
    return { name, type };
  });
}

/**
 * Execute Workflow Trigger: the items as they come (version 1, or "Accept
 * all data"), or only the fields declared, listed or inferred from a JSON
 * example as n8n does (text, number, boolean, array, object, or any type for
 * a null), with the options that convert types or keep mismatches.
 */
export const executeWorkflowTriggerMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    ctx.ignore('events');
    const source =
      ctx.version >= 1.1 ? ctx.choice('inputSource', ['workflowInputs', 'jsonExample', 'passthrough'], 'workflowInputs') : 'passthrough';
    if (source === 'passthrough') {
      ctx.ignore('workflowInputs', 'jsonExample', 'inputOptions');
      return { type: 'core.executeWorkflowTrigger', parameters: {} };
    }
    const fields = declaredFields(ctx, source);
    // n8n converts and ignores mismatches only when the options are added (their defaults apply then).
    const convertTypes = ctx.literal<boolean>('inputOptions.attemptToConvertTypes', 'boolean', false);
    const ignoreTypeErrors = ctx.literal<boolean>('inputOptions.ignoreTypeErrors', 'boolean', false);
    return {
      type: 'core.executeWorkflowTrigger',
      parameters: compact({
        inputSource: 'fields',
        fields,
        convertTypes: convertTypes || undefined,
        ignoreTypeErrors: ignoreTypeErrors || undefined,
      }),
    };
  },
};
