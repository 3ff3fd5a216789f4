import { css } from 'lit';
import { formStyles } from '../inspector/form.styles.js';

/** What the panels share: the search bar, tables of records, inline confirmations, fields and buttons. */
export const panelStyles = [
  formStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-3);
      min-height: 0;
    }
    p {
      margin: 0;
    }
    .bar,
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wf-space-2);
      align-items: center;
    }
    .bar input[type='search'] {
      flex: 1;
      min-width: 10em;
    }
    input[type='search'],
    input[type='text'],
    input[type='number'],
    select,
    textarea {
      padding: var(--wf-space-1) var(--wf-space-2);
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-input-bg);
      color: inherit;
      font: inherit;
      min-width: 0;
    }
    textarea {
      font-family: var(--wf-font-mono);
      min-height: 3em;
      resize: vertical;
    }
    button {
      padding: var(--wf-space-1) var(--wf-space-2);
      border-radius: var(--wf-radius-md);
      white-space: nowrap;
    }
    button:hover:not(:disabled) {
      background: var(--wf-color-hover);
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button.primary {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    button.primary:hover:not(:disabled) {
      background: var(--wf-color-accent);
      filter: brightness(1.1);
    }
    button.danger {
      background: var(--wf-color-danger);
      border-color: var(--wf-color-danger);
      color: var(--wf-color-on-accent);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th {
      text-align: start;
      font-size: 0.75em;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--wf-color-muted);
      font-weight: 600;
      padding: var(--wf-space-1) var(--wf-space-2);
      border-bottom: 1px solid var(--wf-border-color);
    }
    td {
      padding: var(--wf-space-2);
      border-bottom: 1px solid var(--wf-border-color);
      vertical-align: top;
    }
    td.actions {
      text-align: end;
    }
    td.actions > button + button {
      margin-inline-start: var(--wf-space-1);
    }
    .muted,
    .empty,
    .help {
      color: var(--wf-color-muted);
    }
    .empty {
      padding: var(--wf-space-4) 0;
      text-align: center;
    }
    .error {
      color: var(--wf-color-danger);
    }
    .ok {
      color: var(--wf-color-success);
    }
    .failed {
      color: var(--wf-color-danger);
    }
    .confirm {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
      padding: var(--wf-space-3);
      border: 1px solid var(--wf-color-danger);
      border-radius: var(--wf-radius-md);
      background: var(--wf-panel-bg);
    }
    .confirm-title {
      font-weight: 600;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
