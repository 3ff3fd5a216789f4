// What the palette needs of Flow (getflow.com), without loading its trigger (its credential type is in flow-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Flow, the task manager, as the palette lists it. */
export const flowInfo = {
  id: 'flow',
  displayName: 'Flow',
  description: 'Start workflows when the Flow projects or tasks a webhook watches change.',
  icon: monogram('Fl', '3B82F6'),
  docsUrl: 'https://www.getflow.com/',
};
