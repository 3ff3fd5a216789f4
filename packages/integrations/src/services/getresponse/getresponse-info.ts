// What the palette needs of GetResponse, without loading its trigger (its credential type is in getresponse-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** GetResponse as the palette lists it. */
export const getresponseInfo = {
  id: 'getresponse',
  displayName: 'GetResponse',
  description: 'Start workflows on GetResponse callbacks: subscribes, unsubscribes, opens, clicks and surveys.',
  icon: monogram('GR', '00BAFF'),
  docsUrl: 'https://apidocs.getresponse.com/v3/case-study/callbacks',
};
