/** English strings of the n8n import by paste or drop, part of the editor's dictionary. `{name}` marks a parameter. */
export const n8nPasteEn = {
  'n8nImport.title': 'Imported from n8n: {name}',
  'n8nImport.untitled': 'Imported from n8n',
  'n8nImport.nodes': '{mapped} of {total} nodes carried over as Flowloom nodes.',
  'n8nImport.expressions': '{total} expressions: {translated} translated, {javascript} run as JavaScript as n8n wrote them.',
  'n8nImport.placeholders': 'Placeholders to replace ({count})',
  'n8nImport.problems': 'To check ({count})',
  'n8nImport.credentials': 'Credentials to fill ({count})',
  'n8nImport.none': 'Everything was carried over.',
  'n8nImport.close': 'Close',
  'n8nImport.failed': 'This n8n workflow could not be imported: {message}',
  'n8nImport.loading': 'The n8n importer could not be loaded: {message}',
} as const;
