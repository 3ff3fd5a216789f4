// What the palette needs of ClickUp, without loading its trigger (its credential type is in clickup-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** ClickUp as the palette lists it. */
export const clickUpInfo = {
  id: 'clickup',
  displayName: 'ClickUp',
  description: 'Start workflows from ClickUp: tasks, comments, lists, folders, spaces and goals of a workspace.',
  icon: monogram('CU', '7B68EE'),
  docsUrl: 'https://developer.clickup.com/docs/webhooks',
};
