import { css } from 'lit';

/** Styles of the canvas part. */
export const canvasStyles = css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    background: var(--wf-canvas-bg);
    background-image: radial-gradient(var(--wf-canvas-dot) 1px, transparent 1px);
    background-size: var(--wf-grid-size, 20px) var(--wf-grid-size, 20px);
    font: var(--wf-font-size) / 1.3 var(--wf-font-family);
    color: var(--wf-color-text);
  }
  .pane {
    position: absolute;
    inset: 0;
    touch-action: none;
    outline: none;
    cursor: grab;
  }
  .viewport {
    position: absolute;
    left: 0;
    top: 0;
    transform-origin: 0 0;
    will-change: transform;
  }
  svg.edges {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: visible;
    pointer-events: none;
  }
  .edge {
    fill: none;
    stroke: var(--wf-edge-color);
    stroke-width: 2;
    pointer-events: stroke;
    cursor: pointer;
  }
  .edge-hit {
    fill: none;
    stroke: transparent;
    stroke-width: 12;
    pointer-events: stroke;
    cursor: pointer;
  }
  .edge.selected,
  .edge:focus-visible {
    stroke: var(--wf-color-accent);
    stroke-width: 3;
    outline: none;
  }
  .edge.pending {
    stroke-dasharray: 6 4;
    stroke: var(--wf-color-accent);
  }
  .edge.pending.invalid {
    stroke: var(--wf-color-danger);
  }
  .node {
    position: absolute;
    left: 0;
    top: 0;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: var(--wf-space-2);
    padding: 0 var(--wf-space-3);
    background: var(--wf-node-bg);
    color: var(--wf-node-text);
    border: var(--wf-node-border-width) solid var(--wf-node-border);
    border-radius: var(--wf-node-radius);
    box-shadow: var(--wf-node-shadow);
    cursor: pointer;
    user-select: none;
  }
  .node:focus-visible {
    outline: 2px solid var(--wf-color-focus);
    outline-offset: 2px;
  }
  .node.selected {
    border-color: var(--wf-color-accent);
    box-shadow:
      0 0 0 2px var(--wf-color-accent-soft),
      var(--wf-node-shadow);
  }
  .node.disabled {
    opacity: 0.55;
  }
  .node.has-error {
    border-color: var(--wf-color-danger);
  }
  .node.status-running {
    border-color: var(--wf-color-warning);
  }
  .node.status-success {
    border-color: var(--wf-color-success);
  }
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: var(--wf-radius-sm);
    background: var(--wf-node-icon-bg);
    color: var(--wf-node-icon-color);
    font-size: 16px;
  }
  .label {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .name {
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .type {
    font-size: 0.85em;
    color: var(--wf-color-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .badge {
    position: absolute;
    top: -7px;
    right: 10px;
    min-width: 14px;
    height: 14px;
    border-radius: 7px;
    border: 2px solid var(--wf-node-bg);
    font-size: 10px;
    line-height: 14px;
    text-align: center;
    color: #fff;
  }
  .badge.running {
    background: var(--wf-color-warning);
  }
  .badge.success {
    background: var(--wf-color-success);
  }
  .badge.error {
    background: var(--wf-color-danger);
  }
  /* Left of the status badge, so a pinned node that ran shows both. */
  .pin-marker {
    position: absolute;
    top: -8px;
    right: 32px;
    font-size: 12px;
    line-height: 1;
  }
  .error-marker {
    position: absolute;
    top: -7px;
    left: 10px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: var(--wf-color-danger);
    color: #fff;
    font-size: 11px;
    font-weight: 700;
    text-align: center;
    line-height: 16px;
  }
  .port {
    position: absolute;
    width: 12px;
    height: 12px;
    margin-top: -6px;
    border-radius: 50%;
    background: var(--wf-port-bg);
    border: 2px solid var(--wf-port-border);
    box-sizing: border-box;
    cursor: crosshair;
  }
  .port.in {
    left: -7px;
  }
  .port.out {
    right: -7px;
  }
  .port:hover,
  .port.target-valid {
    background: var(--wf-color-accent);
    transform: scale(1.3);
  }
  .port.target-invalid {
    background: var(--wf-color-danger);
  }
  .port-label {
    position: absolute;
    left: 14px;
    top: -4px;
    font-size: 10px;
    color: var(--wf-color-muted);
    pointer-events: none;
  }
  .compact .label,
  .compact .port-label {
    display: none;
  }
  .selection-box {
    position: absolute;
    border: 1px dashed var(--wf-color-accent);
    background: var(--wf-color-accent-soft);
    pointer-events: none;
  }
  .empty {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--wf-color-muted);
    pointer-events: none;
  }
  .controls {
    position: absolute;
    left: var(--wf-space-3);
    bottom: var(--wf-space-3);
    display: flex;
    flex-direction: column;
    gap: 2px;
    background: var(--wf-panel-bg);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    padding: 2px;
  }
  .controls button {
    width: 28px;
    height: 28px;
    border: none;
    border-radius: var(--wf-radius-sm);
    background: transparent;
    color: var(--wf-color-text);
    font: inherit;
    cursor: pointer;
  }
  .controls button:hover {
    background: var(--wf-color-hover);
  }
  .controls button:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  .minimap {
    position: absolute;
    right: var(--wf-space-3);
    bottom: var(--wf-space-3);
    width: 180px;
    height: 120px;
    background: var(--wf-panel-bg);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    cursor: pointer;
  }
`;
