import type { Connection, WorkflowNode } from '@flowloom/engine';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { nodeIcon } from '../icons/node-icon.js';
import { connectionKey } from '../model/changes.js';
import type { EditorStore } from '../model/editor-store.js';
import { edgePath, inputsOf, NODE_HEIGHT, NODE_WIDTH, portPosition } from '../model/geometry.js';
import { isAttached, isAttachmentEdge, isSubNode, renderAttachmentEdge, renderSubPorts } from './sub-ports.js';

/** A node far zoomed out: a plain box with its name in large type, cheap enough to draw thousands. */
export function renderCompactNode(store: EditorStore, node: WorkflowNode): TemplateResult {
  const selected = store.selectedNodes.has(node.id);
  const status = store.nodeStatus.get(node.id);
  return html`<div
    class="node nopan ${selected ? 'selected' : ''} ${status ? `status-${status}` : ''}"
    part="node"
    data-id=${node.id}
    tabindex="0"
    role="button"
    aria-pressed=${selected ? 'true' : 'false'}
    aria-label=${node.name}
    style="transform: translate(${node.position.x}px, ${node.position.y}px); width: ${NODE_WIDTH}px; height: ${NODE_HEIGHT}px"
  >
    <span class="lod-name" aria-hidden="true">${node.name}</span>
  </div>`;
}

/** A node: icon, name, type, status badge, error marker and ports. */
export function renderNode(store: EditorStore, t: Translate, node: WorkflowNode): TemplateResult {
  const desc = store.describe(node.type);
  const selected = store.selectedNodes.has(node.id);
  const status = store.nodeStatus.get(node.id);
  const issues = store.issues.get(node.id);
  const runError = store.lastRun(node.id)?.error;
  // A node attached to another (a tool) takes and passes on no items: its item ports are not drawn.
  const attached = isAttached(store, node);
  const inputs = attached ? [] : inputsOf(desc, node.parameters);
  const outputs = attached ? [] : (desc?.outputs ?? ['main']);
  const typeName = desc?.displayName ?? node.type;
  const pinned = store.workflow.pinData?.[node.id] !== undefined;
  const states = [
    status ? t(`status.${status}`) : '',
    node.disabled ? t('status.disabled') : '',
    issues ? t('status.issues') : '',
    pinned ? t('dataTools.pinned') : '',
  ].filter(Boolean);
  const label = [t('canvas.node', { name: node.name, type: typeName }), ...states].join(', ');
  const errorText = [...(issues ?? []).map((i) => i.message), runError?.message ?? ''].filter(Boolean).join('\n');
  const classes = [
    'node',
    selected ? 'selected' : '',
    node.disabled ? 'disabled' : '',
    issues || runError ? 'has-error' : '',
    status ? `status-${status}` : '',
    isSubNode(store, node) ? 'sub-node' : '',
    pinned ? 'pinned' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return html`<div
    class=${`${classes} nopan`}
    part=${selected ? 'node node-selected' : 'node'}
    data-id=${node.id}
    tabindex="0"
    role="button"
    aria-pressed=${selected ? 'true' : 'false'}
    aria-label=${label}
    style="transform: translate(${node.position.x}px, ${node.position.y}px); width: ${NODE_WIDTH}px; height: ${NODE_HEIGHT}px"
  >
    <span class="icon" part="node-icon">${nodeIcon(desc?.icon, typeName)}</span>
    <span class="label"><span class="name">${node.name}</span><span class="type">${typeName}</span></span>
    ${status ? html`<span class="badge ${status}" aria-hidden="true">${status === 'success' ? '✓' : status === 'error' ? '!' : '…'}</span>` : nothing}
    ${errorText ? html`<span class="error-marker" title=${errorText} aria-hidden="true">!</span>` : nothing}
    ${pinned ? html`<span class="pin-marker" part="node-pin" title=${t('dataTools.pinned')} aria-hidden="true">📌</span>` : nothing}
    ${inputs.map(
      (p, i) =>
        html`<span
          class="port in"
          data-node=${node.id}
          data-port=${p}
          data-side="in"
          title=${p}
          style="top: ${(NODE_HEIGHT / (inputs.length + 1)) * (i + 1)}px"
        ></span>`,
    )}
    ${outputs.map(
      (p, i) =>
        html`<span
          class="port out"
          data-node=${node.id}
          data-port=${p}
          data-side="out"
          title=${p}
          style="top: ${(NODE_HEIGHT / (outputs.length + 1)) * (i + 1)}px"
          >${outputs.length > 1 ? html`<span class="port-label">${p}</span>` : nothing}</span
        >`,
    )}
    ${renderSubPorts(store, t, node)}
  </div>`;
}

/** A connection: a wide invisible hit area and the visible, focusable curve. */
export function renderEdge(store: EditorStore, t: Translate, c: Connection, byId: Map<string, WorkflowNode>): TemplateResult {
  const a = byId.get(c.from.node)!;
  const b = byId.get(c.to.node)!;
  if (isAttachmentEdge(store, c, b)) return renderAttachmentEdge(store, t, c, a, b);
  const outs = store.describe(a.type)?.outputs ?? ['main'];
  const ins = inputsOf(store.describe(b.type), b.parameters);
  const p1 = portPosition(a, 'out', Math.max(0, outs.indexOf(c.from.port)), outs.length);
  const p2 = portPosition(b, 'in', Math.max(0, ins.indexOf(c.to.port)), ins.length);
  const key = connectionKey(c);
  const selected = store.selectedConnections.has(key);
  const d = edgePath(p1, p2);
  return svg`<path class="edge-hit" d=${d} data-edge=${key}></path><path class="edge ${selected ? 'selected' : ''}" d=${d} data-edge=${key} tabindex="0" role="button" aria-pressed=${selected ? 'true' : 'false'} aria-label=${t('canvas.edge', { from: a.name, to: b.name })}></path>`;
}
