import { css } from 'lit';

/** Styles of the run panel. */
export const runPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--wf-panel-bg);
    color: var(--wf-color-text);
    font: var(--wf-font-size) / 1.4 var(--wf-font-family);
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--wf-space-3);
    padding: var(--wf-space-2) var(--wf-space-3);
    border-bottom: 1px solid var(--wf-border-color);
  }
  .status {
    font-weight: 600;
  }
  .status.error {
    color: var(--wf-color-danger);
  }
  .status.success {
    color: var(--wf-color-success);
  }
  .status.neutral {
    color: var(--wf-color-text);
  }
  .network-hint {
    margin: var(--wf-space-1) 0 0;
    font-weight: normal;
  }
  .views {
    margin-inline-start: auto;
    display: flex;
    gap: 2px;
  }
  button {
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-button-bg);
    color: inherit;
    font: inherit;
    padding: 2px var(--wf-space-2);
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--wf-color-accent);
    border-color: var(--wf-color-accent);
    color: var(--wf-color-on-accent);
  }
  button:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  .body {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--wf-space-3);
    padding: var(--wf-space-2) var(--wf-space-3);
    overflow: auto;
    min-height: 0;
    flex: 1;
  }
  h3 {
    margin: 0 0 var(--wf-space-1);
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--wf-color-muted);
  }
  .muted {
    color: var(--wf-color-muted);
    padding: var(--wf-space-2) var(--wf-space-3);
  }
  table {
    border-collapse: collapse;
    font-size: 0.9em;
    width: 100%;
  }
  th,
  td {
    border: 1px solid var(--wf-border-color);
    padding: 2px var(--wf-space-2);
    text-align: start;
    vertical-align: top;
    max-width: 240px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  th {
    background: var(--wf-color-hover);
  }
  pre {
    margin: 0;
    font: 0.85em / 1.4 var(--wf-font-mono);
    white-space: pre-wrap;
    word-break: break-word;
  }
  .error-box {
    grid-column: 1 / -1;
    border: 1px solid var(--wf-color-danger);
    border-radius: var(--wf-radius-md);
    padding: var(--wf-space-2);
    color: var(--wf-color-danger);
  }
`;
