// What the palette needs of Airtable, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Airtable as the palette lists it. */
export const airtableInfo = {
  id: 'airtable',
  displayName: 'Airtable',
  description: 'List, get, create, update, upsert and delete records, upload attachments, and read bases and table schemas.',
  icon: monogram('A', '18BFFF'),
  docsUrl: 'https://airtable.com/developers/web/api/introduction',
};
