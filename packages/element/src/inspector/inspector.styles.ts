import { css } from 'lit';
import { formStyles } from './form.styles.js';

/** Styles of the inspector part. */
export const inspectorStyles = [
  formStyles,
  css`
    :host {
      display: flex;
      position: relative;
      overflow: hidden;
      background: var(--wf-panel-bg);
      color: var(--wf-color-text);
      font: var(--wf-font-size) / 1.4 var(--wf-font-family);
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .scroll {
      flex: 1 1 auto;
      min-width: 0;
      overflow: auto;
    }
    .resize {
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      z-index: 1;
      width: 6px;
      cursor: col-resize;
      touch-action: none;
    }
    .resize:hover,
    .resize:focus-visible,
    .resize.active {
      background: var(--wf-color-focus);
      outline: none;
    }
    .inner {
      padding: var(--wf-space-3);
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-3);
      min-width: 0;
    }
    .empty {
      padding: var(--wf-space-4);
      color: var(--wf-color-muted);
    }
    h2 {
      margin: 0;
      font-size: 1.05em;
    }
    .type {
      color: var(--wf-color-muted);
      font-size: 0.9em;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
      min-width: 0;
    }
    .field-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--wf-space-2);
      min-width: 0;
    }
    .field-head > label,
    .field-head > .label {
      flex: 1 1 auto;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .field-head > .fx {
      flex: none;
    }
    label,
    .label {
      font-weight: 600;
      font-size: 0.9em;
    }
    .help {
      color: var(--wf-color-muted);
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--wf-color-danger);
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .error details {
      color: var(--wf-color-muted);
    }
    .error summary {
      cursor: pointer;
    }
    .issues {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
    }
    input[type='text'],
    input[type='number'],
    select,
    textarea {
      padding: var(--wf-space-2);
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-input-bg);
      color: inherit;
      font: inherit;
      min-width: 0;
    }
    .field > input[type='text'],
    .field > input[type='number'],
    .field > select,
    .field > textarea,
    .field > wf-expression-input,
    .field > wf-options-input,
    .field > wf-code-editor {
      width: 100%;
      max-width: 100%;
      min-width: 0;
    }
    textarea {
      font-family: var(--wf-font-mono);
      min-height: 4em;
      resize: vertical;
    }
    .check {
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      font-weight: normal;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    button.fx {
      font-family: var(--wf-font-mono);
      font-size: 0.8em;
    }
    button.fx[aria-pressed='true'] {
      background: var(--wf-expression-bg);
      color: var(--wf-expression-color);
      border-color: var(--wf-expression-color);
    }
    .group {
      border-inline-start: 2px solid var(--wf-border-color);
      padding-inline-start: var(--wf-space-2);
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
      min-width: 0;
    }
    .group > button {
      align-self: flex-start;
    }
    .item {
      display: flex;
      gap: var(--wf-space-1);
      align-items: flex-start;
      min-width: 0;
    }
    .item > :first-child {
      flex: 1 1 auto;
      min-width: 0;
    }
    .item > .remove {
      flex: none;
    }
  `,
];
