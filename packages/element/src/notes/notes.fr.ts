import type { notesEn } from './notes.en.js';

/** Les textes français des notes du canevas et de l'affichage des grands workflows. */
export const notesFr: Record<keyof typeof notesEn, string> = {
  'notes.add': 'Ajouter une note',
  'notes.label': 'Note : {text}',
  'notes.empty': 'Note vide',
  'notes.placeholder': 'Double-cliquez pour écrire. Markdown : # titre, **gras**, *italique*, - liste, [lien](https://…)',
  'notes.edit': 'Texte de la note (Markdown). Ctrl+Entrée ou quitter le champ enregistre, Échap annule.',
  'notes.tools': 'Outils de la note',
  'notes.color': 'Couleur : {color}',
  'notes.delete': 'Supprimer la note',
  'notes.resize': 'Redimensionner la note',
  'notes.added': 'Note ajoutée.',
  'notes.removed': 'Note supprimée.',
  'notes.color.yellow': 'jaune',
  'notes.color.orange': 'orange',
  'notes.color.red': 'rouge',
  'notes.color.green': 'vert',
  'notes.color.blue': 'bleu',
  'notes.color.purple': 'violet',
  'notes.color.gray': 'gris',
  'layout.progress': 'Disposition des nœuds… {percent} %',
};
