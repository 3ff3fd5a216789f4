import { css } from 'lit';

/** Styles of sub-ports, attachments, the connection hint and the "+" menu on the canvas. */
export const subPortStyles = css`
  .node.sub-node {
    border-radius: calc(var(--wf-node-radius) * 3.2);
  }
  .port.sub-in,
  .port.sub-out {
    width: 11px;
    height: 11px;
    margin: -5.5px 0 0 -5.5px;
    border-radius: 1px;
    transform: rotate(45deg);
    background: var(--wf-node-bg);
    border-color: var(--wf-color-muted);
  }
  .port.sub-in {
    top: 100%;
  }
  .port.sub-out {
    top: 0;
  }
  .port.sub-out.optional {
    opacity: 0;
  }
  .node:hover .port.sub-out.optional,
  .node:focus-within .port.sub-out.optional {
    opacity: 1;
  }
  .port.sub-in:hover,
  .port.sub-out:hover,
  .port.sub-in.target-valid {
    background: var(--wf-color-accent);
    border-color: var(--wf-color-accent);
    transform: rotate(45deg) scale(1.3);
  }
  .port.sub-in.compatible {
    border-color: var(--wf-color-accent);
    box-shadow: 0 0 0 3px var(--wf-color-accent-soft);
  }
  .port.sub-in.target-invalid {
    background: var(--wf-color-danger);
    border-color: var(--wf-color-danger);
  }
  .sub-label {
    position: absolute;
    top: calc(100% + 8px);
    transform: translateX(-50%);
    padding: 0 3px;
    border-radius: var(--wf-radius-sm);
    background: var(--wf-canvas-bg);
    font-size: 10px;
    line-height: 13px;
    white-space: nowrap;
    color: var(--wf-color-muted);
    pointer-events: none;
  }
  .sub-add {
    position: absolute;
    top: calc(100% + 25px);
    width: 18px;
    height: 18px;
    margin-left: -9px;
    padding: 0;
    border: 1px dashed var(--wf-color-muted);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-node-bg);
    color: var(--wf-color-muted);
    font: 600 13px/16px var(--wf-font-family);
    cursor: pointer;
  }
  .sub-add:hover,
  .sub-add:focus-visible {
    border-color: var(--wf-color-accent);
    color: var(--wf-color-accent);
    outline: none;
  }
  .compact .sub-label,
  .compact .sub-add {
    display: none;
  }
  .edge.attachment {
    stroke-dasharray: 5 4;
  }
  .connect-hint {
    position: absolute;
    max-width: 280px;
    padding: var(--wf-space-1) var(--wf-space-2);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-color-danger);
    color: #fff;
    font-size: 12px;
    line-height: 1.35;
    box-shadow: var(--wf-node-shadow);
    pointer-events: none;
    z-index: 2;
  }
  .sub-menu {
    position: absolute;
    display: flex;
    flex-direction: column;
    gap: var(--wf-space-1);
    box-sizing: border-box;
    padding: var(--wf-space-2);
    background: var(--wf-panel-bg);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    box-shadow: 0 6px 24px rgba(15, 23, 42, 0.18);
    cursor: default;
    z-index: 3;
  }
  .sub-menu-title {
    font-weight: 600;
    font-size: 12px;
    color: var(--wf-color-muted);
  }
  .sub-menu input {
    box-sizing: border-box;
    width: 100%;
    padding: var(--wf-space-1) var(--wf-space-2);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-input-bg);
    color: var(--wf-color-text);
    font: inherit;
  }
  .sub-menu ul {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow: auto;
  }
  .sub-choice {
    display: flex;
    align-items: center;
    gap: var(--wf-space-2);
    width: 100%;
    padding: var(--wf-space-1);
    border: none;
    border-radius: var(--wf-radius-sm);
    background: transparent;
    color: var(--wf-color-text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .sub-choice:hover,
  .sub-choice:focus-visible {
    background: var(--wf-color-hover);
    outline: none;
  }
  .sub-choice .icon {
    width: 26px;
    height: 26px;
    font-size: 13px;
  }
  .sub-choice-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .sub-menu-empty {
    margin: var(--wf-space-2) 0;
    color: var(--wf-color-muted);
  }
`;
