import { css } from 'lit';
import { panelStyles } from '../panels/panel.styles.js';

/** Styles of the "Runs" panel: beside the canvas, over the palette, below the toolbar (its `top` is set by the editor). */
export const historyPanelStyles = [
  panelStyles,
  css`
    :host {
      display: none;
    }
    :host([open]) {
      display: flex;
      position: absolute;
      bottom: 0;
      inset-inline-start: 0;
      z-index: 15;
      width: min(var(--wf-history-width, 420px), 100%);
      background: var(--wf-panel-bg);
      color: var(--wf-color-text);
      border-inline-end: 1px solid var(--wf-border-color);
      box-shadow: var(--wf-node-shadow);
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-3);
      flex: 1;
      min-height: 0;
      min-width: 0;
      padding: var(--wf-space-3);
      overflow: auto;
    }
    header {
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
    }
    h2 {
      flex: 1;
      margin: 0;
      font-size: 1em;
    }
    h2:focus-visible,
    h3:focus-visible {
      outline: 2px solid var(--wf-color-focus);
    }
    h3 {
      margin: 0;
      font-size: 1em;
      text-transform: none;
      letter-spacing: normal;
      color: inherit;
    }
    h4 {
      margin: 0;
      font-size: 0.75em;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--wf-color-muted);
    }
    .close {
      border: 0;
      background: none;
      font-size: 1.25em;
      line-height: 1;
    }
    .filters {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--wf-space-2);
    }
    .filters label {
      display: flex;
      flex-direction: column;
      gap: 2px;
      font-size: 0.85em;
      color: var(--wf-color-muted);
    }
    .filters .wide {
      grid-column: 1 / -1;
    }
    input[type='date'] {
      padding: var(--wf-space-1) var(--wf-space-2);
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-input-bg);
      color: inherit;
      font: inherit;
    }
    .list {
      overflow-x: auto;
    }
    td {
      padding: var(--wf-space-1) var(--wf-space-2);
    }
    button.open {
      border: 0;
      background: none;
      padding: 0;
      color: var(--wf-color-accent);
      text-align: start;
      white-space: normal;
      text-decoration: underline;
    }
    .status {
      font-weight: 600;
    }
    .status.success {
      color: var(--wf-color-success);
    }
    .status.error,
    .status.crashed {
      color: var(--wf-color-danger);
    }
    .status.running,
    .status.waiting,
    .status.canceled {
      color: var(--wf-color-warning);
    }
    .error-text {
      max-width: 16em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: 0.85em;
      color: var(--wf-color-muted);
    }
    .duration {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .pager {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--wf-space-2);
    }
    .viewing {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--wf-space-2);
      padding: var(--wf-space-2);
      border: 1px solid var(--wf-color-accent);
      border-radius: var(--wf-radius-md);
      background: var(--wf-color-accent-soft);
    }
    .viewing span {
      flex: 1;
      min-width: 12em;
    }
    .run {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
    }
    .all-runs {
      align-self: flex-start;
    }
    .meta {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px var(--wf-space-3);
      margin: 0;
    }
    .meta dt {
      color: var(--wf-color-muted);
    }
    .meta dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .error-box {
      padding: var(--wf-space-2);
      border: 1px solid var(--wf-color-danger);
      border-radius: var(--wf-radius-md);
      color: var(--wf-color-text);
    }
    .error-box strong,
    .error-message {
      color: var(--wf-color-danger);
    }
    .error-message {
      margin: var(--wf-space-1) 0;
      overflow-wrap: anywhere;
    }
    pre {
      max-height: 12em;
      overflow: auto;
      font-family: var(--wf-font-mono);
      font-size: 0.85em;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .bar-row {
      display: grid;
      grid-template-columns: minmax(0, 8em) minmax(0, 1fr) 5em;
      align-items: center;
      gap: var(--wf-space-2);
      width: 100%;
      border: 0;
      background: none;
      padding: 2px var(--wf-space-1);
      text-align: start;
    }
    .bar-row[aria-pressed='true'] {
      background: var(--wf-color-accent-soft);
    }
    .bar-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .bar-track {
      width: 100%;
      height: 12px;
    }
    .track {
      fill: var(--wf-color-hover);
    }
    .bar {
      fill: var(--wf-color-success);
    }
    .bar.error {
      fill: var(--wf-color-danger);
    }
    .bar.canceled {
      fill: var(--wf-color-warning);
    }
    .bar.reused {
      fill-opacity: 0.45;
    }
    .bar-duration {
      text-align: end;
      font-variant-numeric: tabular-nums;
      font-size: 0.85em;
    }
    .timeline-scale {
      display: flex;
      justify-content: space-between;
      font-size: 0.75em;
      padding-inline-start: calc(8em + var(--wf-space-3));
      padding-inline-end: calc(5em + var(--wf-space-3));
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wf-space-2);
    }
    .note:empty {
      display: none;
    }
  `,
];
