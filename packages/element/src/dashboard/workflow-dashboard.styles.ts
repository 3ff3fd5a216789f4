import { css } from 'lit';
import { tokenStyles } from '../theme/tokens.styles.js';
import { chartStyles } from './chart.styles.js';

/** Styles of `<workflow-dashboard>`: the editor's tokens, its sections in a grid, and the chart's. */
export const workflowDashboardStyles = [
  tokenStyles,
  chartStyles,
  css`
    :host {
      display: block;
      background: var(--wf-color-bg);
      color: var(--wf-color-text);
      font: var(--wf-font-size) / 1.4 var(--wf-font-family);
      border-radius: var(--wf-radius-lg);
    }
    .dashboard {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
      gap: var(--wf-space-3);
      padding: var(--wf-space-3);
    }
    header {
      grid-column: 1 / -1;
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      padding: var(--wf-space-2) var(--wf-space-3);
      background: var(--wf-toolbar-bg);
      border: 1px solid var(--wf-border-color);
      border-radius: var(--wf-radius-lg);
    }
    .spacer {
      flex: 1;
    }
    section {
      min-width: 0;
      padding: var(--wf-space-3) var(--wf-space-4);
      background: var(--wf-panel-bg);
      border: 1px solid var(--wf-border-color);
      border-radius: var(--wf-radius-lg);
      overflow-x: auto;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    .overview,
    .webhooks,
    .members,
    .no-source {
      grid-column: 1 / -1;
    }
    h2 {
      margin: 0 0 var(--wf-space-3);
      font-size: 1.05em;
    }
    h2:focus-visible {
      outline: 2px solid var(--wf-color-focus);
      outline-offset: 2px;
    }
    h3 {
      margin: var(--wf-space-3) 0 var(--wf-space-2);
      font-size: 0.95em;
    }
    .window,
    .muted {
      color: var(--wf-color-muted);
      font-weight: normal;
    }
    .empty {
      margin: 0;
      color: var(--wf-color-muted);
    }
    .error {
      margin: 0 0 var(--wf-space-2);
      color: var(--wf-color-danger);
    }
    .stats {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wf-space-4);
      margin: 0 0 var(--wf-space-3);
    }
    .stat dt {
      color: var(--wf-color-muted);
      font-size: 0.85em;
    }
    .stat dd {
      margin: 0;
      font-size: 1.5em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    figure {
      margin: 0;
    }
    figcaption {
      color: var(--wf-color-muted);
      margin-bottom: var(--wf-space-2);
    }
    .chart {
      min-height: 220px;
    }
    details {
      margin-top: var(--wf-space-2);
    }
    summary {
      cursor: pointer;
      color: var(--wf-color-accent);
    }
    summary:focus-visible {
      outline: 2px solid var(--wf-color-focus);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: var(--wf-space-1) var(--wf-space-2);
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--wf-border-color);
    }
    thead th {
      color: var(--wf-color-muted);
      font-weight: 600;
      font-size: 0.85em;
    }
    tbody th {
      font-weight: 500;
    }
    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .message {
      color: var(--wf-color-danger);
      overflow-wrap: anywhere;
    }
    .tenant dl {
      display: grid;
      gap: var(--wf-space-2);
      margin: 0;
    }
    .quota dt {
      color: var(--wf-color-muted);
    }
    .quota dd {
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      margin: 0;
    }
    .quota meter {
      flex: 1;
      max-width: 240px;
    }
    .quota.over .amount {
      color: var(--wf-color-warning);
      font-weight: 600;
    }
    .method {
      font: 600 0.85em var(--wf-font-mono);
    }
    .url-cell {
      min-width: 18ch;
    }
    .url {
      font-family: var(--wf-font-mono);
      font-size: 0.9em;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .note {
      display: block;
      font-size: 0.85em;
      color: var(--wf-color-muted);
      overflow-wrap: anywhere;
    }
    .note.error {
      color: var(--wf-color-danger);
    }
    .actions {
      white-space: nowrap;
    }
    .actions > * + * {
      margin-inline-start: var(--wf-space-1);
    }
    button,
    input,
    select {
      font: inherit;
      color: inherit;
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
    }
    input,
    select {
      background: var(--wf-input-bg);
      padding: var(--wf-space-1) var(--wf-space-2);
    }
    button {
      padding: var(--wf-space-1) var(--wf-space-3);
      background: var(--wf-button-bg);
      cursor: pointer;
    }
    button:hover {
      background: var(--wf-color-hover);
    }
    button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
    button.primary {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    button.danger {
      border-color: var(--wf-color-danger);
      color: var(--wf-color-danger);
    }
    button:focus-visible,
    input:focus-visible,
    select:focus-visible {
      outline: 2px solid var(--wf-color-focus);
      outline-offset: 1px;
    }
    .invites {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .invites li {
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      padding: var(--wf-space-1) 0;
    }
    form.invite {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--wf-space-2);
    }
    form.invite h3 {
      flex-basis: 100%;
    }
    form.invite label {
      display: grid;
      gap: var(--wf-space-1);
      font-size: 0.85em;
      color: var(--wf-color-muted);
    }
    form.invite input,
    form.invite select {
      color: var(--wf-color-text);
      font-size: var(--wf-font-size);
    }
    .confirm {
      color: var(--wf-color-danger);
      margin-inline-end: var(--wf-space-1);
    }
    .live {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
