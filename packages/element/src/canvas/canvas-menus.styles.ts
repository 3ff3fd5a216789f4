import { css } from 'lit';

/** Styles of the canvas's right-click menu (the node picker shares the sub-port menu's). */
export const canvasMenuStyles = css`
  .ctx-menu {
    position: absolute;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    padding: var(--wf-space-1);
    background: var(--wf-panel-bg);
    color: var(--wf-color-text);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    box-shadow: 0 6px 24px rgba(15, 23, 42, 0.18);
    cursor: default;
    z-index: 4;
  }
  .ctx-item {
    height: 30px;
    padding: 0 var(--wf-space-2);
    border: none;
    border-radius: var(--wf-radius-sm);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .ctx-item:hover,
  .ctx-item:focus-visible {
    background: var(--wf-color-hover);
    outline: 2px solid var(--wf-color-focus);
    outline-offset: -2px;
  }
  .ctx-item[aria-disabled='true'] {
    color: var(--wf-color-muted);
    cursor: default;
  }
  .node-picker {
    z-index: 4;
  }
`;
