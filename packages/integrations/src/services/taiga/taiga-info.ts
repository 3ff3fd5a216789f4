// What the palette needs of Taiga, without loading its trigger (its credential type is in taiga-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Taiga as the palette lists it. */
export const taigaInfo = {
  id: 'taiga',
  displayName: 'Taiga',
  description:
    'Start workflows when epics, user stories, tasks, issues, sprints or wiki pages of a Taiga project are created, changed or deleted.',
  icon: monogram('Tg', '83EEDE'),
  docsUrl: 'https://docs.taiga.io/webhooks.html',
};
