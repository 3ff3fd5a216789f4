import type { EditorActions } from '../editor-actions.js';
import { GRID } from '../model/geometry.js';

/**
 * The canvas keyboard: Enter/Space select the focused node or connection
 * (Shift adds), arrows move the selection by a grid step (Shift: five),
 * Delete/Backspace remove it, Escape clears it. Returns what happened: the id
 * of the node to keep focused, `removed`, `done`, or `ignored` for keys it
 * does not handle.
 */
export function handleCanvasKey(e: KeyboardEvent, ed: EditorActions): string | 'removed' | 'done' | 'ignored' {
  const target = e.composedPath()[0] as HTMLElement;
  const nodeId = target.closest?.('.node')?.getAttribute('data-id') ?? undefined;
  const edgeKey = target.getAttribute?.('data-edge');
  const { store } = ed;
  switch (e.key) {
    case 'Enter':
    case ' ':
      if (nodeId) {
        if (e.shiftKey) store.toggleNode(nodeId);
        else store.select([nodeId]);
        store.announce(ed.t('announce.selected', { name: store.node(nodeId)?.name ?? '' }));
      } else if (edgeKey) store.select([], [edgeKey]);
      else return 'ignored';
      break;
    case 'ArrowLeft':
    case 'ArrowRight':
    case 'ArrowUp':
    case 'ArrowDown': {
      if (store.selectedNodes.size === 0 || store.readonly) return 'ignored';
      const step = e.shiftKey ? GRID * 5 : GRID;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      ed.moveSelection(dx, dy);
      break;
    }
    case 'Delete':
    case 'Backspace':
      return ed.removeSelection() ? 'removed' : 'ignored';
    case 'Escape':
      store.select([]);
      break;
    default:
      return 'ignored';
  }
  return nodeId && store.node(nodeId) ? nodeId : 'done';
}
