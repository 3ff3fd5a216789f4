import type { policyEn } from './policy.en.js';

/** Chaînes françaises des règles de l’hôte. */
export const policyFr: Record<keyof typeof policyEn, string> = {
  'policy.deniedType': 'Impossible d’ajouter {name} : cet éditeur n’autorise pas les nœuds {type}.',
  'policy.deniedImport':
    'Ce workflow ne peut pas être utilisé ici : il contient des types de nœuds que cet éditeur n’autorise pas ({types}).',
  'policy.lockedNode': '{name} est verrouillé : il ne peut être ni supprimé ni modifié.',
  'policy.lockedParameter': 'Le paramètre {parameter} de {name} est verrouillé et ne peut pas être modifié.',
  'policy.readonly': 'Ce workflow est en lecture seule.',
  'policy.saveRefused': 'L’enregistrement n’est pas autorisé pour le moment.',
  'policy.runRefused': 'L’exécution n’est pas autorisée pour le moment.',
  'policy.dismiss': 'Fermer',
};
