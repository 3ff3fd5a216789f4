// n8n's webhook triggers of developer tools and IT operations services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { awsSnsTrigger } from '../services/aws-sns/aws-sns-trigger.js';
import { bitbucketTrigger } from '../services/bitbucket/bitbucket-trigger.js';
import { gitlabTrigger } from '../services/gitlab/gitlab-trigger.js';
import { jiraTrigger } from '../services/jira/jira-trigger.js';
import { netlifyTrigger } from '../services/netlify/netlify-trigger.js';
import { taigaTrigger } from '../services/taiga/taiga-trigger.js';
import { thehiveTrigger } from '../services/thehive/thehive-trigger.js';
import { trelloTrigger } from '../services/trello/trello-trigger.js';

/**
 * The Flowloom trigger's path, made from n8n's webhook id (so two triggers of a workflow do not share one), with a
 * warning that the webhook is now set up in the service by hand, as n8n did through the service's API (or, for
 * TheHive, as n8n's user did too).
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

/** Event names written as fixed text, or the node has no equivalent. */
function eventNames(ctx: MapContext, path: string, events: readonly unknown[]): string[] {
  if (events.some((e) => typeof e !== 'string' || e.startsWith('='))) ctx.fail(path, 'expected event names written as fixed text');
  return events as string[];
}

/**
 * The events an n8n trigger chose, as the Flowloom trigger's `events`: none (the default, every event) when the n8n
 * node chose `*` or nothing. The trigger's node type checks the names when the workflow is validated: an event it
 * does not offer makes the node a placeholder naming it.
 */
function chosenEvents(ctx: MapContext, path: string): Record<string, string[]> {
  const events = eventNames(ctx, path, ctx.list(path));
  return events.length > 0 && !events.includes('*') ? { events } : {};
}

/** n8n's GitLab Trigger: its events. The project n8n registers the webhook on is the user's to set in GitLab. */
export const gitlabTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['accessToken', 'oAuth2'], 'accessToken');
    ctx.ignore('owner', 'repository');
    return {
      type: 'integrations.gitlabTrigger',
      parameters: { ...webhookPath(ctx, 'gitlab', "the webhook's secret token"), ...chosenEvents(ctx, 'events') },
    };
  },
};

/** n8n's Bitbucket Trigger: its events, of a repository's or a workspace's webhook. */
export const bitbucketTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('resource', ['workspace', 'repository'], 'workspace');
    ctx.ignore('workspace', 'repository');
    return {
      type: 'integrations.bitbucketTrigger',
      parameters: { ...webhookPath(ctx, 'bitbucket', "the webhook's secret"), ...chosenEvents(ctx, 'events') },
    };
  },
};

/**
 * n8n's Jira Trigger: its events. The JQL filter and the fields added to the URL are part of the webhook n8n
 * registers, which the user now sets in Jira; n8n's own check of calls (a query parameter) gives way to the Flowloom
 * trigger's check of Jira's signature. A webhook set to send no body names no event, which Flowloom's trigger needs.
 */
export const jiraTriggerMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx): MappedNode {
    ctx.choice('jiraVersion', ['cloud', 'server', 'serverPat'], 'cloud');
    const checksQuery =
      ctx.version === 1
        ? ctx.choice('incomingAuthentication', ['queryAuth', 'none'], 'none') === 'queryAuth'
        : ctx.literal('authenticateWebhook', 'boolean', false);
    if (checksQuery) {
      ctx.warn(
        ctx.version === 1 ? 'incomingAuthentication' : 'authenticateWebhook',
        'webhook-authentication',
        "n8n checks a query parameter of each call; Flowloom's trigger checks Jira's signature with the webhook's secret instead",
      );
    }
    if (ctx.literal('additionalFields.excludeBody', 'boolean', false)) {
      ctx.fail('additionalFields.excludeBody', "a call without a body names no event, which Flowloom's Jira trigger starts on");
    }
    const filter = ctx.literal('additionalFields.filter', 'string', '');
    if (filter) ctx.warn('additionalFields.filter', 'jira-filter', `set the JQL filter "${filter}" on the webhook in Jira`);
    const fields = eventNames(ctx, 'additionalFields.includeFields', ctx.list('additionalFields.includeFields'));
    if (fields.length > 0) {
      ctx.warn(
        'additionalFields.includeFields',
        'jira-url-fields',
        `add ${fields.map((f) => `${f}=\${${f}}`).join('&')} to the webhook's URL in Jira, as n8n did; the item holds them`,
      );
    }
    return {
      type: 'integrations.jiraTrigger',
      parameters: { ...webhookPath(ctx, 'jira', "the webhook's secret"), ...chosenEvents(ctx, 'events') },
    };
  },
};

/** n8n's Netlify events as Netlify's API names them, which Flowloom's trigger uses. */
const NETLIFY_EVENTS: Record<string, string> = {
  deployBuilding: 'deploy_building',
  deployCreated: 'deploy_created',
  deployFailed: 'deploy_failed',
  submissionCreated: 'submission_created',
};

/**
 * n8n's Netlify Trigger: its one event. The site and the form are what n8n registers the webhook for; the user sets
 * the outgoing webhook on them in Netlify. n8n's simplified submission (the form's fields alone) has no equivalent:
 * Flowloom's item is the whole submission, its fields under `data`.
 */
export const netlifyTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.ignore('siteId', 'formId');
    const event = ctx.choice('event', Object.keys(NETLIFY_EVENTS) as [string, ...string[]], 'deployCreated');
    if (event === 'submissionCreated' && ctx.literal('simple', 'boolean', true)) {
      ctx.fail('simple', "Flowloom's Netlify trigger puts out the whole submission, with the form's fields under data");
    }
    ctx.ignore('simple');
    return {
      type: 'integrations.netlifyTrigger',
      parameters: { ...webhookPath(ctx, 'netlify', "the webhook's JWS secret token"), events: [NETLIFY_EVENTS[event]!] },
    };
  },
};

/** n8n's Trello Trigger: every action on the model (board, list, card, member) n8n registers the webhook on. */
export const trelloTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['apiKey', 'oAuth1'], 'apiKey');
    ctx.ignore('id');
    return {
      type: 'integrations.trelloTrigger',
      parameters: webhookPath(ctx, 'trello', 'the secret of the Trello app whose API key creates the webhook'),
    };
  },
};

/** n8n's Taiga resources and operations, whose pairs are Flowloom's events (`create.issue`). */
const TAIGA_RESOURCES = ['issue', 'milestone', 'task', 'userstory', 'wikipage'];
const TAIGA_OPERATIONS = ['create', 'change', 'delete'];
/** Flowloom's Taiga objects: n8n's `all` lets epics through too. */
const TAIGA_ALL_RESOURCES = ['epic', ...TAIGA_RESOURCES];

/** n8n's Taiga Trigger: its resources and operations as the Flowloom trigger's events. */
export const taigaTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.ignore('projectId');
    const pick = (path: string, known: readonly string[]) => {
      const chosen = eventNames(ctx, path, ctx.list(path, ['all']));
      const unknown = chosen.find((c) => c !== 'all' && !known.includes(c));
      if (unknown !== undefined) ctx.fail(path, `the value '${unknown}' has no Flowloom equivalent`);
      return chosen.length === 0 || chosen.includes('all') ? undefined : chosen;
    };
    const resources = pick('resources', TAIGA_RESOURCES);
    const operations = pick('operations', TAIGA_OPERATIONS);
    const events =
      resources || operations
        ? (operations ?? TAIGA_OPERATIONS).flatMap((o) => (resources ?? TAIGA_ALL_RESOURCES).map((r) => `${o}.${r}`))
        : undefined;
    return {
      type: 'integrations.taigaTrigger',
      parameters: { ...webhookPath(ctx, 'taiga', "the webhook's secret key"), ...(events ? { events } : {}) },
    };
  },
};

/**
 * n8n's TheHive Trigger: its events. n8n registers nothing (its user configures TheHive's webhook); Flowloom's trigger
 * also checks each call's bearer token, which the user adds to that configuration.
 */
export const theHiveTriggerMapping: NodeMapping = {
  versions: [1, 2],
  map: (ctx): MappedNode => ({
    type: 'integrations.thehiveTrigger',
    parameters: { ...webhookPath(ctx, 'thehive', "a bearer token also set on TheHive's webhook"), ...chosenEvents(ctx, 'events') },
  }),
};

/**
 * n8n's AWS SNS Trigger: the messages of its topic, which n8n subscribes the webhook to and confirms. The Flowloom
 * trigger's credential names the topic (it checks each message's topic and SNS signature, and confirms the
 * subscription); the user subscribes the trigger's URL to the topic over HTTPS.
 */
export const awsSnsTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const raw = ctx.raw('topic');
    const written = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
    const topic = typeof written === 'string' ? /arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+/.exec(written)?.[0] : undefined;
    if (!topic) ctx.fail('topic', 'expected the topic written as a fixed ARN or console URL');
    ctx.warn(
      'topic',
      'webhook-registration',
      `n8n subscribes its webhook to the topic itself; subscribe the Flowloom trigger's URL to ${topic} over HTTPS and fill the trigger's credential with that topic ARN`,
    );
    const id = ctx.node.webhookId;
    return { type: 'integrations.awsSnsTrigger', parameters: id && /^[\w-]+$/.test(id) ? { path: `awsSns/${id}` } : {} };
  },
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const developerTriggerMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.gitlabTrigger': gitlabTriggerMapping,
  'n8n-nodes-base.bitbucketTrigger': bitbucketTriggerMapping,
  'n8n-nodes-base.jiraTrigger': jiraTriggerMapping,
  'n8n-nodes-base.netlifyTrigger': netlifyTriggerMapping,
  'n8n-nodes-base.trelloTrigger': trelloTriggerMapping,
  'n8n-nodes-base.taigaTrigger': taigaTriggerMapping,
  'n8n-nodes-base.theHiveTrigger': theHiveTriggerMapping,
  'n8n-nodes-base.awsSnsTrigger': awsSnsTriggerMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const developerTriggerN8nNodeTypes: readonly NodeType[] = [
  gitlabTrigger,
  bitbucketTrigger,
  jiraTrigger,
  netlifyTrigger,
  trelloTrigger,
  taigaTrigger,
  thehiveTrigger,
  awsSnsTrigger,
];
