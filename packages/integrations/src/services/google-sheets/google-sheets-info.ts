// What the palette needs of Google Sheets, without loading its operations (its credential types are in ../google/).
import { monogram } from '../../kit/icons.js';

/** Google Sheets as the palette lists it. */
export const googleSheetsInfo = {
  id: 'googlesheets',
  displayName: 'Google Sheets',
  description:
    'Append, update, look up and upsert rows by a column, read ranges as items, clear ranges and create sheets in Google Sheets.',
  icon: monogram('Sh', '0F9D58'),
  docsUrl: 'https://developers.google.com/workspace/sheets/api/reference/rest',
};
