import type { n8nPasteEn } from './n8n-paste.en.js';

/** Chaînes françaises de l’import n8n par collage ou dépôt. */
export const n8nPasteFr: Record<keyof typeof n8nPasteEn, string> = {
  'n8nImport.title': 'Importé de n8n : {name}',
  'n8nImport.untitled': 'Importé de n8n',
  'n8nImport.nodes': '{mapped} nœuds sur {total} repris comme nœuds Flowloom.',
  'n8nImport.expressions': '{total} expressions : {translated} traduites, {javascript} exécutées en JavaScript telles que n8n les écrit.',
  'n8nImport.placeholders': 'Nœuds provisoires à remplacer ({count})',
  'n8nImport.problems': 'À vérifier ({count})',
  'n8nImport.credentials': 'Identifiants à renseigner ({count})',
  'n8nImport.none': 'Tout a été repris.',
  'n8nImport.close': 'Fermer',
  'n8nImport.failed': 'Ce workflow n8n n’a pas pu être importé : {message}',
  'n8nImport.loading': 'L’importeur n8n n’a pas pu être chargé : {message}',
};
