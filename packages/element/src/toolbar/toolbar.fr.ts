import type { toolbarEn } from './toolbar.en.js';

/** French strings of the toolbar's title, the skip link and the run status hints. */
export const toolbarFr: { [K in keyof typeof toolbarEn]: string } = {
  'editor.skipToCanvas': 'Aller au canevas',
  'title.label': 'Nom du workflow',
  'title.rename': 'Renommer le workflow {name}',
  'title.untitled': 'Workflow sans titre',
  'title.unsaved': 'Modifications non enregistrées',
  'title.renamed': 'Workflow renommé en {name}',
  'run.status.waiting': 'Exécution en attente',
  'run.hint.offline': 'Ce navigateur est hors ligne : reconnectez-vous, puis relancez.',
  'run.hint.refused':
    'Le navigateur n’a pas pu joindre le serveur : il est arrêté ou injoignable, ou il a refusé la requête d’origine croisée de cette page (CORS). Les services qui refusent les appels d’une page se joignent par le relais de l’hôte (relayFetch, de @flowloom/integrations/relay).',
};
