// What the palette needs of Pipedrive, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Pipedrive as the palette lists it. */
export const pipedriveInfo = {
  id: 'pipedrive',
  displayName: 'Pipedrive',
  description:
    'Create, get, update, delete, list and search deals, persons, organizations and activities, and manage pipelines and stages.',
  icon: monogram('P', '017737'),
  docsUrl: 'https://developers.pipedrive.com/docs/api/v1',
};
