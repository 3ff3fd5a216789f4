import { css } from 'lit';
import { formStyles } from '../inspector/form.styles.js';

/** Styles of a node's data tools in the inspector. */
export const nodeDataStyles = [
  formStyles,
  css`
    :host {
      display: block;
    }
    .bar,
    .head {
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      flex-wrap: wrap;
    }
    .head h3 {
      margin-inline-end: auto;
    }
    .muted,
    .hint {
      color: var(--wf-color-muted);
      font-size: 0.9em;
      margin: var(--wf-space-1) 0;
    }
    .error {
      color: var(--wf-color-danger);
      margin: var(--wf-space-1) 0;
      white-space: pre-wrap;
    }
    button[aria-pressed='true'] {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    .pinned-badge {
      display: inline-block;
      padding: 0 var(--wf-space-2);
      border-radius: var(--wf-radius-sm);
      background: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
      font-size: 0.8em;
      font-weight: 600;
    }
    .items {
      max-height: 16em;
      overflow: auto;
      margin-top: var(--wf-space-1);
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
      max-width: 12em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    tr.selected td {
      background: color-mix(in srgb, var(--wf-color-accent) 15%, transparent);
    }
    [draggable='true'] {
      cursor: grab;
    }
    .json {
      font-family: var(--wf-font-mono, monospace);
      font-size: 0.9em;
      margin: 0;
      padding-inline-start: var(--wf-space-3);
      list-style: none;
    }
    .json .key {
      color: var(--wf-color-accent);
      font-weight: 600;
    }
    textarea {
      width: 100%;
      min-height: 8em;
      font-family: var(--wf-font-mono, monospace);
      font-size: 0.9em;
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-sm);
      background: var(--wf-input-bg, transparent);
      color: inherit;
    }
  `,
];
