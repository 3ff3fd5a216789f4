import { css } from 'lit';

/** Styles of the panels' drawer: over the editor, at its inline end, with a tab per panel. */
export const editorPanelsStyles = css`
  :host {
    display: none;
  }
  :host([open]) {
    display: block;
    position: absolute;
    inset: 0;
    z-index: 20;
  }
  .backdrop {
    position: absolute;
    inset: 0;
    background: var(--wf-color-hover);
  }
  .drawer {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    width: min(760px, 100%);
    display: flex;
    flex-direction: column;
    background: var(--wf-panel-bg);
    color: var(--wf-color-text);
    border-inline-start: 1px solid var(--wf-border-color);
    box-shadow: var(--wf-node-shadow);
  }
  header {
    display: flex;
    align-items: stretch;
    gap: var(--wf-space-2);
    padding: 0 var(--wf-space-3);
    background: var(--wf-toolbar-bg);
    border-bottom: 1px solid var(--wf-border-color);
  }
  [role='tablist'] {
    display: flex;
    flex: 1;
    gap: var(--wf-space-1);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  [role='tab'] {
    padding: var(--wf-space-2) var(--wf-space-3);
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    color: var(--wf-color-muted);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--wf-color-text);
    border-bottom-color: var(--wf-color-accent);
    font-weight: 600;
  }
  [role='tab']:hover {
    color: var(--wf-color-text);
  }
  .close {
    align-self: center;
    width: 28px;
    height: 28px;
    border: 1px solid transparent;
    border-radius: var(--wf-radius-md);
    background: none;
    font-size: 1.3em;
    line-height: 1;
  }
  .close:hover {
    background: var(--wf-color-hover);
  }
  button:focus-visible {
    outline: 2px solid var(--wf-color-focus);
    outline-offset: -2px;
  }
  [role='tabpanel'] {
    flex: 1;
    min-height: 0;
    overflow: auto;
    padding: var(--wf-space-3) var(--wf-space-4);
  }
`;
