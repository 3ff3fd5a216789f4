// Sub-ports on the canvas: the ports through which nodes are attached to others (a Chat Model to an AI Agent's
// `model`). A node's sub-inputs sit on its bottom edge as labelled diamonds with a "+"; the sub-ports it is
// attached through sit on its top edge; attachments are drawn dashed, from the attached node up to its consumer.
import type { Connection, WorkflowNode } from '@flowloom/engine';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { connectionKey, type Position } from '../model/changes.js';
import type { EditorStore } from '../model/editor-store.js';
import { inputsOf, NODE_HEIGHT, portPosition } from '../model/geometry.js';
import { isAttachedNode, isFull, shownSubOutputs, subInputLabel, subInputsOf, subPortOffset } from '../model/sub-port-rules.js';

/** Which side of a node a port element is on (`data-side`). */
export type PortSide = 'in' | 'out' | 'sub-in' | 'sub-out';

/** Where the sub-port `index` of `count` sits along a node's bottom (`sub-in`) or top (`sub-out`) edge. */
export function subPortPosition(node: WorkflowNode, side: 'sub-in' | 'sub-out', index: number, count: number): Position {
  return {
    x: node.position.x + subPortOffset(index, count),
    y: node.position.y + (side === 'sub-in' ? NODE_HEIGHT : 0),
  };
}

/** Where a connection leaves or reaches a port of a node, in canvas units. */
export function portAnchor(store: EditorStore, node: WorkflowNode, side: PortSide, port: string): Position {
  const desc = store.describe(node.type);
  if (side === 'sub-in') {
    const ports = subInputsOf(desc);
    return subPortPosition(
      node,
      side,
      Math.max(
        0,
        ports.findIndex((p) => p.name === port),
      ),
      ports.length,
    );
  }
  if (side === 'sub-out') {
    const ports = shownSubOutputs(store.workflow, node, (t) => store.describe(t));
    return subPortPosition(node, side, Math.max(0, ports.indexOf(port)), Math.max(1, ports.length));
  }
  const ports = side === 'in' ? inputsOf(desc, node.parameters) : (desc?.outputs ?? ['main']);
  return portPosition(node, side, Math.max(0, ports.indexOf(port)), ports.length);
}

/** An SVG path for an attachment: a vertical curve from the attached node's top to its consumer's sub-input. */
export function attachmentPath(a: Position, b: Position): string {
  const dy = Math.max(40, Math.abs(b.y - a.y) / 2);
  return `M${a.x},${a.y} C${a.x},${a.y - dy} ${b.x},${b.y + dy} ${b.x},${b.y}`;
}

/** Whether a node is attached to another (its item ports are not drawn: it takes no items). */
export function isAttached(store: EditorStore, node: WorkflowNode): boolean {
  return isAttachedNode(store.workflow, node, (t) => store.describe(t));
}

/** Whether a node type only serves others through sub-ports (a Chat Model): drawn rounder. */
export function isSubNode(store: EditorStore, node: WorkflowNode): boolean {
  const desc = store.describe(node.type);
  return desc !== undefined && desc.inputs.length === 0 && (desc.subOutputs?.length ?? 0) > 0;
}

/** A node's sub-inputs (bottom edge, labelled, with "+" while they take more) and the sub-ports it attaches through (top edge). */
export function renderSubPorts(store: EditorStore, t: Translate, node: WorkflowNode): TemplateResult | typeof nothing {
  const desc = store.describe(node.type);
  const inputs = subInputsOf(desc);
  const outputs = shownSubOutputs(store.workflow, node, (type) => store.describe(type));
  if (inputs.length === 0 && outputs.length === 0) return nothing;
  const own = desc?.subOutputs ?? [];
  // `tool` shows on hover only, until the node is attached through it.
  const attached = outputs.length > 0 && isAttached(store, node);
  return html`${inputs.map((p, i) => {
    const x = subPortOffset(i, inputs.length);
    const label = subInputLabel(p);
    const full = isFull(store.workflow, node.id, p);
    return html`<span
        class="port sub-in"
        data-node=${node.id}
        data-port=${p.name}
        data-side="sub-in"
        title=${t('canvas.sub.port', { port: label, node: node.name })}
        style="left: ${x}px"
      ></span>
      <span class="sub-label" style="left: ${x}px" aria-hidden="true">${label}</span>
      ${
        full || store.readonly
          ? nothing
          : html`<button
              type="button"
              class="sub-add"
              data-node=${node.id}
              data-port=${p.name}
              title=${t('canvas.sub.add', { port: label, node: node.name })}
              aria-label=${t('canvas.sub.add', { port: label, node: node.name })}
              style="left: ${x}px"
            >
              +
            </button>`
      }`;
  })}
  ${outputs.map(
    (p, i) =>
      html`<span
        class="port sub-out ${own.includes(p) || attached ? '' : 'optional'}"
        data-node=${node.id}
        data-port=${p}
        data-side="sub-out"
        title=${p}
        style="left: ${subPortOffset(i, outputs.length)}px"
      ></span>`,
  )}`;
}

/** Whether a connection ends at a sub-input of its target (by the target's type). */
export function isAttachmentEdge(store: EditorStore, c: Connection, target: WorkflowNode): boolean {
  return subInputsOf(store.describe(target.type)).some((p) => p.name === c.to.port);
}

/** An attachment: dashed, with a wide invisible hit area, focusable and selectable like any connection. */
export function renderAttachmentEdge(store: EditorStore, t: Translate, c: Connection, a: WorkflowNode, b: WorkflowNode): TemplateResult {
  const p1 = portAnchor(store, a, 'sub-out', c.from.port);
  const p2 = portAnchor(store, b, 'sub-in', c.to.port);
  const key = connectionKey(c);
  const selected = store.selectedConnections.has(key);
  const d = attachmentPath(p1, p2);
  const port = subInputsOf(store.describe(b.type)).find((p) => p.name === c.to.port);
  const label = t('canvas.sub.edge', { from: a.name, to: b.name, port: port ? subInputLabel(port) : c.to.port });
  return svg`<path class="edge-hit" d=${d} data-edge=${key}></path><path class="edge attachment ${selected ? 'selected' : ''}" d=${d} data-edge=${key} tabindex="0" role="button" aria-pressed=${selected ? 'true' : 'false'} aria-label=${label}></path>`;
}

const HINT_WIDTH = 280;

/** Why the connection being drawn cannot end here, beside the pointer (pane coordinates), kept inside a pane `width` wide. */
export function renderConnectHint(message: string | undefined, at: Position, width: number): TemplateResult | typeof nothing {
  if (!message) return nothing;
  const x = at.x + 14 + HINT_WIDTH > width - 8 ? Math.max(8, at.x - 14 - HINT_WIDTH) : at.x + 14;
  const style = `left: ${x}px; top: ${at.y + 14}px; max-width: ${HINT_WIDTH}px`;
  return html`<div class="connect-hint" role="alert" style=${style}>${message}</div>`;
}
