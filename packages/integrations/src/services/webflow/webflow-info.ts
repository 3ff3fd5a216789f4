// What the palette needs of Webflow, without loading its trigger (its credential type is in webflow-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Webflow as the palette lists it. */
export const webflowInfo = {
  id: 'webflow',
  displayName: 'Webflow',
  description: 'Start workflows on Webflow form submissions, site publishes, CMS item, page, user and e-commerce events.',
  icon: monogram('Wf', '146EF5'),
  docsUrl: 'https://developers.webflow.com/data/reference/webhooks',
};
