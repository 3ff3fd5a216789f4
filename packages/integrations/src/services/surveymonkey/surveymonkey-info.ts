// What the palette needs of SurveyMonkey, without loading its trigger (its credential type is in surveymonkey-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** SurveyMonkey as the palette lists it. */
export const surveymonkeyInfo = {
  id: 'surveymonkey',
  displayName: 'SurveyMonkey',
  description: 'Start workflows on SurveyMonkey survey, collector and response events.',
  icon: monogram('SM', '00BF6F'),
  docsUrl: 'https://developer.surveymonkey.com/api/v3/#api-endpoints-webhooks',
};
