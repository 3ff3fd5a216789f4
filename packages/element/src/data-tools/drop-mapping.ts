import type { EditorActions } from '../editor-actions.js';
import { FIELD_DRAG_TYPE, parameterAt, withParameterAt } from './field-expression.js';

/** The parameter field an event happened in: the deepest `[data-param]` on its path, if it can hold an expression. */
function targetField(e: Event): HTMLElement | undefined {
  const field = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.param !== undefined);
  // A field that takes expressions has an fx button in its head (or is an expression field already).
  if (!field) return undefined;
  const expressive = field.querySelector(':scope > .field-head > .fx') || field.querySelector(':scope > wf-expression-input');
  return expressive ? field : undefined;
}

/** Lets a field dragged from the input view be dropped on a parameter that takes expressions. */
export function onMappingDragOver(e: DragEvent): void {
  if (!e.dataTransfer?.types.includes(FIELD_DRAG_TYPE) || !targetField(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

/**
 * Drops a dragged field on a parameter: a fixed value is replaced by the
 * field's expression (`{{ $json.city }}`), which turns the field into an
 * expression; an expression gets it inserted at its cursor (at its end when
 * it has none). Returns whether the parameter changed.
 */
export function onMappingDrop(e: DragEvent, ed: EditorActions): boolean {
  const expression = e.dataTransfer?.getData(FIELD_DRAG_TYPE);
  const field = targetField(e);
  const [nodeId] = ed.store.selectedNodes.size === 1 ? [...ed.store.selectedNodes] : [];
  const node = nodeId === undefined ? undefined : ed.store.node(nodeId);
  if (!expression || !field || !node || ed.store.readonly) return false;
  e.preventDefault();
  const path = field.dataset.param!;
  const current = parameterAt(node.parameters, path);
  const inserted = `{{ ${expression} }}`;
  let value = inserted;
  if (typeof current === 'string' && current.includes('{{')) {
    const input = field.querySelector<HTMLElement & { selectionStart: number; selectionEnd: number }>(':scope > wf-expression-input');
    const focused = input !== null && input.matches(':focus-within');
    const [from, to] = focused ? [input.selectionStart, input.selectionEnd] : [current.length, current.length];
    value = current.slice(0, from) + inserted + current.slice(to);
  }
  return ed.updateNode(node.id, { parameters: withParameterAt(node.parameters, path, value) }, `${node.id}:parameters.${path}`);
}
