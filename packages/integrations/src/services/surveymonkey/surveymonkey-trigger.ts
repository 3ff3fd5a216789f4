import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { surveyMonkeyWebhookApp } from './surveymonkey-credentials.js';
import { surveymonkeyInfo } from './surveymonkey-info.js';

export { surveyMonkeyWebhookApp };

const events: Record<string, [string, string]> = {
  survey_created: ['Survey created', 'A survey is created.'],
  survey_updated: ['Survey updated', 'A survey is updated.'],
  survey_deleted: ['Survey deleted', 'A survey is deleted.'],
  collector_created: ['Collector created', 'A collector is created.'],
  collector_updated: ['Collector updated', 'A collector is updated.'],
  collector_deleted: ['Collector deleted', 'A collector is deleted.'],
  response_created: ['Response created', 'A respondent begins a survey.'],
  response_updated: ['Response updated', 'A response is updated.'],
  response_completed: ['Response completed', 'A response is completed.'],
  response_disqualified: ['Response disqualified', 'A response is disqualified.'],
  response_overquota: ['Response over quota', 'A response is over a survey\u2019s quota.'],
  response_deleted: ['Response deleted', 'A response is deleted.'],
};

/**
 * Starts a workflow with each SurveyMonkey webhook event of the chosen types
 * (`event_type`), signed with the app's API key and secret. The item is the
 * event as SurveyMonkey sends it: the object's id (`object_id`) and its
 * survey's, collector's and respondent's (`resources`). SurveyMonkey's HEAD
 * check of the URL is answered without a run.
 */
export const surveymonkeyTrigger = defineTrigger({
  id: 'surveymonkey',
  displayName: 'SurveyMonkey',
  icon: surveymonkeyInfo.icon,
  docsUrl: 'https://developer.surveymonkey.com/api/v3/#api-endpoints-webhooks',
  credentials: [surveyMonkeyWebhookApp],
  events: Object.fromEntries(Object.entries(events).map(([name, [displayName, description]]) => [name, { displayName, description }])),
  checkMethod: 'HEAD',
  eventOf: (call: CallJson) => {
    const type = (call.body as { event_type?: unknown } | undefined)?.event_type;
    return typeof type === 'string' ? type : undefined;
  },
});
