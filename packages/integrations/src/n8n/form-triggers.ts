// n8n's webhook triggers of forms, surveys, scheduling and content services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { acuitySchedulingTrigger } from '../services/acuity-scheduling/acuity-scheduling-trigger.js';
import { boxTrigger } from '../services/box/box-trigger.js';
import { eventbriteTrigger } from '../services/eventbrite/eventbrite-trigger.js';
import { flowTrigger } from '../services/flow/flow-trigger.js';
import { jotformTrigger } from '../services/jotform/jotform-trigger.js';
import { surveymonkeyTrigger } from '../services/surveymonkey/surveymonkey-trigger.js';
import { webflowTrigger } from '../services/webflow/webflow-trigger.js';
import { wufooTrigger } from '../services/wufoo/wufoo-trigger.js';

/**
 * The Flowloom trigger's path, made from n8n's webhook id (so two triggers of a workflow do not share one), with a
 * warning that the webhook is now set up in the service by hand: n8n registers it through the service's API.
 */
function webhookPath(ctx: MapContext, service: string, credential: string): Record<string, string> {
  const id = ctx.node.webhookId;
  const path = id && /^[\w-]+$/.test(id) ? `${service}/${id}` : undefined;
  ctx.warn(
    undefined,
    'webhook-registration',
    `n8n registers its webhook with the service itself; give the Flowloom trigger's URL${path ? ` (path ${path})` : ''} to the service and fill the trigger's credential with ${credential}`,
  );
  return path ? { path } : {};
}

/** A boolean option written as n8n's default is left to the Flowloom trigger's own, which is the same. */
function flag(ctx: MapContext, path: string, fallback: boolean): Record<string, boolean> {
  const value = ctx.literal<boolean>(path, 'boolean', fallback);
  return value === fallback ? {} : { [path]: value };
}

/**
 * An event an n8n trigger chose as the one event of the Flowloom trigger; the trigger's node type checks the name when
 * the workflow is validated.
 */
function oneEvent(ctx: MapContext, path: string, fallback = ''): string[] {
  const event = ctx.literal<string>(path, 'string', fallback);
  if (event === '' || event.startsWith('=')) ctx.fail(path, 'expected an event name written as fixed text');
  return [event];
}

/**
 * n8n's JotForm Trigger: the form, and how its answers are put out. With Resolve Data on (n8n's default), the Flowloom
 * trigger asks JotForm for the questions' texts with a JotForm API key credential, which its user fills as they fill
 * the webhook's secret.
 */
export const jotFormTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const form = ctx.value('form', '');
    const resolveData = ctx.literal<boolean>('resolveData', 'boolean', true);
    return {
      type: 'integrations.jotformTrigger',
      parameters: {
        ...webhookPath(
          ctx,
          'jotform',
          `a secret that the webhook URL carries as ?secret=${resolveData ? ", and its JotForm API key credential with the API key of n8n's JotForm credential" : ''}`,
        ),
        ...(form === '' ? {} : { form }),
        ...(resolveData ? {} : { resolveData }),
        ...flag(ctx, 'onlyAnswers', true),
      },
    };
  },
};

/**
 * n8n's Wufoo Trigger: how the entry is put out. The form is the one whose WebHook integration its user points at the
 * Flowloom trigger, with a handshake key and metadata on (which names the fields), as n8n registers it.
 */
export const wufooTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.ignore('form');
    return {
      type: 'integrations.wufooTrigger',
      parameters: {
        ...webhookPath(ctx, 'wufoo', "the handshake key set on the form's WebHook integration, with Include Field and Form Structures on"),
        ...flag(ctx, 'onlyAnswers', true),
      },
    };
  },
};

/**
 * n8n's SurveyMonkey Trigger: its one event. The surveys or collectors are what n8n registers the webhook for; its user
 * creates it so in SurveyMonkey. Resolve Data (a completed response's answers, asked of SurveyMonkey's API) has no
 * equivalent: Flowloom's trigger puts out the event as SurveyMonkey sends it.
 */
export const surveyMonkeyTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['accessToken', 'oAuth2'], 'accessToken');
    const objectType = ctx.choice('objectType', ['survey', 'collector'], 'survey');
    const events = oneEvent(ctx, 'event');
    if (events[0] === 'response_completed' && ctx.literal<boolean>('resolveData', 'boolean', true)) {
      ctx.fail(
        'resolveData',
        "fetching the completed response's answers has no equivalent: Flowloom's SurveyMonkey trigger puts out the event as SurveyMonkey sends it (its ids)",
      );
    }
    ctx.ignore('resolveData', 'onlyAnswers');
    const ids = objectType === 'survey' ? 'surveyIds' : 'collectorIds';
    ctx.ignore('surveyIds', 'surveyId', 'collectorIds');
    if (ctx.has(ids)) {
      ctx.warn(ids, 'surveymonkey-objects', `n8n registers the webhook for the ${objectType}s given; create it so in SurveyMonkey`);
    }
    return {
      type: 'integrations.surveymonkeyTrigger',
      parameters: {
        ...webhookPath(ctx, 'surveymonkey', "the API key (client ID) and secret of n8n's SurveyMonkey credential, which sign the calls"),
        events,
      },
    };
  },
};

/**
 * n8n's Acuity Scheduling Trigger: its one event, and whether the appointment or order is fetched (Resolve Data). The
 * Flowloom trigger checks the calls' signature and fetches with the account's API key; n8n with OAuth2 checks nothing.
 */
export const acuitySchedulingTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const authentication = ctx.choice('authentication', ['apiKey', 'oAuth2'], 'apiKey');
    if (authentication === 'oAuth2') {
      ctx.warn(
        'authentication',
        'acuity-api-key',
        "Flowloom's Acuity trigger checks each call's signature with the account's API key, where n8n with OAuth2 checks none",
      );
    }
    return {
      type: 'integrations.acuityschedulingTrigger',
      parameters: {
        ...webhookPath(ctx, 'acuity', "the user ID and API key of the Acuity account (those of n8n's Acuity Scheduling credential)"),
        events: oneEvent(ctx, 'event'),
        ...flag(ctx, 'resolveData', true),
      },
    };
  },
};

/**
 * n8n's Webflow Trigger (version 1): its one event. The site is the one whose webhook its user points at the Flowloom
 * trigger, created with an OAuth app so that Webflow signs its calls.
 */
export const webflowTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['accessToken', 'oAuth2'], 'accessToken');
    ctx.ignore('site');
    return {
      type: 'integrations.webflowTrigger',
      parameters: {
        ...webhookPath(ctx, 'webflow', "the client secret of the Webflow app that creates the site's webhook, which signs the calls"),
        events: oneEvent(ctx, 'event', 'form_submission'),
      },
    };
  },
};

/**
 * n8n's Box Trigger: its events. The file or folder is what n8n creates the webhook on; its user creates it so in Box,
 * with the app whose signature keys the Flowloom trigger's credential holds.
 */
export const boxTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const events = ctx.list('events');
    if (events.length === 0 || events.some((e) => typeof e !== 'string' || e.startsWith('='))) {
      ctx.fail('events', 'expected event names written as fixed text');
    }
    ctx.choice('targetType', ['file', 'folder'], 'file');
    ctx.ignore('targetId');
    if (ctx.has('targetId')) {
      ctx.warn('targetId', 'box-target', "n8n creates the webhook on the file or folder given; create it so in Box's developer console");
    }
    return {
      type: 'integrations.boxTrigger',
      parameters: { ...webhookPath(ctx, 'box', 'the primary and secondary signature keys of the Box app that owns the webhook'), events },
    };
  },
};

/**
 * n8n's Eventbrite Trigger: its actions, and whether the object a call points to is fetched (Resolve Data). The
 * organization and event are what n8n creates the webhook for; its user creates it so in Eventbrite.
 */
export const eventbriteTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['privateKey', 'oAuth2'], 'privateKey');
    const actions = ctx.list('actions');
    if (actions.length === 0 || actions.some((a) => typeof a !== 'string' || a.startsWith('='))) {
      ctx.fail('actions', 'expected action names written as fixed text');
    }
    ctx.ignore('organization', 'event');
    if (ctx.has('event')) {
      ctx.warn('event', 'eventbrite-event', 'n8n creates the webhook for the one event given; create it so in Eventbrite');
    }
    const resolveData = ctx.literal<boolean>('resolveData', 'boolean', true);
    return {
      type: 'integrations.eventbriteTrigger',
      parameters: {
        ...webhookPath(
          ctx,
          'eventbrite',
          `a secret that the webhook URL carries as ?secret=${resolveData ? ", and its Eventbrite private token credential with the token of n8n's Eventbrite credential" : ''}`,
        ),
        events: actions,
        ...(resolveData ? {} : { resolveData }),
      },
    };
  },
};

/**
 * n8n's Flow Trigger: the projects or tasks are what n8n creates Flow's integration webhooks on; its user creates them
 * so in Flow. The Flow trigger starts on every call, as n8n's does.
 */
export const flowTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.choice('resource', ['list', 'task'], 'list');
    const ids = resource === 'list' ? 'listIds' : 'taskIds';
    ctx.ignore('listIds', 'taskIds');
    if (ctx.has(ids)) {
      const kind = resource === 'list' ? 'project' : 'task';
      ctx.warn(ids, 'flow-resources', `n8n creates a webhook on each ${kind} given; create them so in Flow`);
    }
    return { type: 'integrations.flowTrigger', parameters: webhookPath(ctx, 'flow', 'a secret that the webhook URL carries as ?secret=') };
  },
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const formTriggerMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.jotFormTrigger': jotFormTriggerMapping,
  'n8n-nodes-base.wufooTrigger': wufooTriggerMapping,
  'n8n-nodes-base.surveyMonkeyTrigger': surveyMonkeyTriggerMapping,
  'n8n-nodes-base.acuitySchedulingTrigger': acuitySchedulingTriggerMapping,
  'n8n-nodes-base.webflowTrigger': webflowTriggerMapping,
  'n8n-nodes-base.boxTrigger': boxTriggerMapping,
  'n8n-nodes-base.eventbriteTrigger': eventbriteTriggerMapping,
  'n8n-nodes-base.flowTrigger': flowTriggerMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const formTriggerN8nNodeTypes: readonly NodeType[] = [
  jotformTrigger,
  wufooTrigger,
  surveymonkeyTrigger,
  acuitySchedulingTrigger,
  webflowTrigger,
  boxTrigger,
  eventbriteTrigger,
  flowTrigger,
];
