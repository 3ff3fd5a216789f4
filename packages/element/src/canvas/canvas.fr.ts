import type { canvasEn } from './canvas.en.js';

/** French strings of the canvas's menus, part of the editor's French dictionary. */
export const canvasFr: { [K in keyof typeof canvasEn]: string } = {
  'canvas.menu.node': 'Actions pour {name}',
  'canvas.menu.nodes': 'Actions pour {count} nœuds',
  'canvas.menu.canvas': 'Actions du canevas',
  'canvas.menu.open': 'Ouvrir',
  'canvas.menu.execute': 'Exécuter l’étape',
  'canvas.menu.pin': 'Épingler les données',
  'canvas.menu.unpin': 'Désépingler les données',
  'canvas.menu.disable': 'Désactiver',
  'canvas.menu.enable': 'Activer',
  'canvas.menu.duplicate': 'Dupliquer',
  'canvas.menu.copy': 'Copier',
  'canvas.menu.delete': 'Supprimer',
  'canvas.menu.paste': 'Coller',
  'canvas.menu.addNode': 'Ajouter un nœud…',
  'canvas.menu.layout': 'Disposition automatique',
  'canvas.menu.pinNeedsRun': 'Exécutez d’abord {name} : épingler garde sa dernière sortie.',
  'canvas.picker.after': 'Ajouter un nœud après {name} ({port})',
  'canvas.picker.add': 'Ajouter un nœud ici',
  'canvas.picker.search': 'Rechercher des nœuds',
  'canvas.picker.none': 'Aucun type de nœud ne correspond.',
  'canvas.announce.disabled': '{count} nœuds désactivés',
  'canvas.announce.enabled': '{count} nœuds activés',
};
