// What the palette needs of Notion, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Notion as the palette lists it. */
export const notionInfo = {
  id: 'notion',
  displayName: 'Notion',
  description: 'Create, update, get and archive pages in databases, query databases, append and list blocks, and search a workspace.',
  icon: monogram('N', '000000'),
  docsUrl: 'https://developers.notion.com/reference/intro',
};
