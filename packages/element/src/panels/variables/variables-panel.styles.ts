import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

/** Styles of the "Variables" panel: a list per scope, and the variable form. */
export const variablesPanelStyles = [
  panelStyles,
  css`
    .scope {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    .scope .help {
      font-size: 0.85em;
    }
    table {
      table-layout: fixed;
    }
    th:nth-child(1) {
      width: 24%;
    }
    th:nth-child(2) {
      width: 11%;
    }
    th:nth-child(4) {
      width: 22%;
    }
    th:nth-child(5) {
      width: 9.5em;
    }
    code {
      font-family: var(--wf-font-mono);
      font-size: 0.9em;
      overflow-wrap: anywhere;
    }
    td.key code {
      color: var(--wf-expression-color);
    }
    td.type,
    td.updated {
      font-size: 0.9em;
      color: var(--wf-color-muted);
    }
    tr.overridden td.value,
    tr.overridden td.key code {
      text-decoration: line-through;
      opacity: 0.7;
    }
    .note {
      display: block;
      font-size: 0.8em;
      color: var(--wf-color-warning);
    }
    .confirm-inline {
      display: inline-flex;
      flex-wrap: wrap;
      gap: var(--wf-space-1);
      align-items: center;
      justify-content: flex-end;
    }
    .variable-form {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
      padding: var(--wf-space-3);
      border: 1px solid var(--wf-border-color);
      border-inline-start: 2px solid var(--wf-color-accent);
      border-radius: var(--wf-radius-md);
      background: var(--wf-panel-bg);
    }
    .variable-form .fields {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: var(--wf-space-2) var(--wf-space-3);
      align-items: center;
    }
    .variable-form label {
      font-weight: 600;
      font-size: 0.9em;
    }
    .variable-form input[type='checkbox'] {
      justify-self: start;
    }
    .variable-form .help {
      font-size: 0.85em;
    }
  `,
];
