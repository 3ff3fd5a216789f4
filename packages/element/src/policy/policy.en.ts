/** English strings of the host's rules (refused edits, saves and runs). `{name}` marks a parameter. */
export const policyEn = {
  'policy.deniedType': '{name} cannot be added: this editor does not allow {type} nodes.',
  'policy.deniedImport': 'This workflow cannot be used here: it has node types this editor does not allow ({types}).',
  'policy.lockedNode': '{name} is locked: it cannot be deleted or changed.',
  'policy.lockedParameter': 'The parameter {parameter} of {name} is locked and cannot be changed.',
  'policy.readonly': 'This workflow is read-only.',
  'policy.saveRefused': 'Saving is not allowed now.',
  'policy.runRefused': 'Running is not allowed now.',
  'policy.dismiss': 'Dismiss',
} as const;
