/**
 * English strings of the toolbar's title, the skip link and the run status
 * hints, part of the editor's dictionary (`i18n/en.ts`). `{name}` marks a parameter.
 */
export const toolbarEn = {
  'editor.skipToCanvas': 'Skip to canvas',
  'title.label': 'Workflow name',
  'title.rename': 'Rename workflow {name}',
  'title.untitled': 'Untitled workflow',
  'title.unsaved': 'Unsaved changes',
  'title.renamed': 'Workflow renamed to {name}',
  'run.status.waiting': 'Run waiting',
  'run.hint.offline': 'This browser is offline: reconnect, then run again.',
  'run.hint.refused':
    'The browser could not reach the server: it is down or unreachable, or it refused this page’s cross-origin request (CORS). Services that refuse calls from a page are reached through the host’s relay (relayFetch, from @flowloom/integrations/relay).',
} as const;
