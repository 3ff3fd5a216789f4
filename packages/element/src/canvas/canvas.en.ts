/**
 * English strings of the canvas's menus (the right-click menu and the node
 * picker a dropped connection opens), part of the editor's dictionary
 * (`i18n/en.ts`). `{name}` marks a parameter.
 */
export const canvasEn = {
  'canvas.menu.node': 'Actions for {name}',
  'canvas.menu.nodes': 'Actions for {count} nodes',
  'canvas.menu.canvas': 'Canvas actions',
  'canvas.menu.open': 'Open',
  'canvas.menu.execute': 'Execute step',
  'canvas.menu.pin': 'Pin data',
  'canvas.menu.unpin': 'Unpin data',
  'canvas.menu.disable': 'Disable',
  'canvas.menu.enable': 'Enable',
  'canvas.menu.duplicate': 'Duplicate',
  'canvas.menu.copy': 'Copy',
  'canvas.menu.delete': 'Delete',
  'canvas.menu.paste': 'Paste',
  'canvas.menu.addNode': 'Add node…',
  'canvas.menu.layout': 'Auto-layout',
  'canvas.menu.pinNeedsRun': 'Run {name} first: pinning keeps its last output.',
  'canvas.picker.after': 'Add a node after {name} ({port})',
  'canvas.picker.add': 'Add a node here',
  'canvas.picker.search': 'Search nodes',
  'canvas.picker.none': 'No node type matches.',
  'canvas.announce.disabled': '{count} nodes disabled',
  'canvas.announce.enabled': '{count} nodes enabled',
} as const;
