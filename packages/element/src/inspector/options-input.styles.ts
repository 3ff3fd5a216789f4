import { css } from 'lit';

/** Styles of the choices field. */
export const optionsInputStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--wf-space-1);
    min-width: 0;
  }
  .row {
    position: relative;
    display: flex;
    gap: var(--wf-space-1);
    min-width: 0;
  }
  input {
    flex: 1;
    min-width: 0;
    padding: var(--wf-space-2);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-input-bg);
    color: inherit;
    font: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--wf-color-danger);
  }
  input:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  button {
    flex: none;
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-button-bg);
    color: inherit;
    font: inherit;
    padding: 0 var(--wf-space-2);
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .popup {
    position: absolute;
    z-index: 10;
    top: calc(100% + 2px);
    left: 0;
    right: 0;
    max-height: 240px;
    overflow: auto;
    background: var(--wf-panel-bg);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    box-shadow: var(--wf-node-shadow);
  }
  ul {
    margin: 0;
    padding: 2px;
    list-style: none;
  }
  ul[hidden] {
    display: none;
  }
  li {
    display: flex;
    flex-direction: column;
    padding: 4px var(--wf-space-2);
    border-radius: var(--wf-radius-sm);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  li:hover {
    background: var(--wf-color-hover);
  }
  li[aria-selected='true'] {
    background: var(--wf-color-accent-soft);
  }
  .description,
  .chosen,
  .status {
    color: var(--wf-color-muted);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  p.status {
    margin: 0;
    padding: var(--wf-space-2);
  }
  .error {
    color: var(--wf-color-danger);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
`;
