import { css } from 'lit';

/**
 * Styles of canvas notes. Each palette colour is a custom property a theme
 * may change (`--wf-note-yellow`...); text stays the theme's note text colour.
 */
export const notesStyles = css`
  :host {
    --wf-note-yellow: #fef3c7;
    --wf-note-orange: #ffedd5;
    --wf-note-red: #fee2e2;
    --wf-note-green: #dcfce7;
    --wf-note-blue: #dbeafe;
    --wf-note-purple: #ede9fe;
    --wf-note-gray: #f1f5f9;
  }
  .notes {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: visible;
  }
  .note {
    position: absolute;
    left: 0;
    top: 0;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    padding: var(--wf-space-2, 8px) var(--wf-space-3, 12px);
    border: 1px solid rgb(0 0 0 / 0.12);
    border-radius: 6px;
    color: var(--wf-note-text, #1f2937);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.08);
    cursor: move;
    outline: none;
  }
  .note:focus-visible,
  .note:focus-within {
    border-color: var(--wf-color-accent, #2563eb);
    box-shadow: 0 0 0 2px var(--wf-color-accent-soft, rgb(37 99 235 / 0.25));
  }
  .note-yellow {
    background: var(--wf-note-yellow);
  }
  .note-orange {
    background: var(--wf-note-orange);
  }
  .note-red {
    background: var(--wf-note-red);
  }
  .note-green {
    background: var(--wf-note-green);
  }
  .note-blue {
    background: var(--wf-note-blue);
  }
  .note-purple {
    background: var(--wf-note-purple);
  }
  .note-gray {
    background: var(--wf-note-gray);
  }
  .note-body {
    flex: 1;
    overflow: hidden;
    overflow-wrap: anywhere;
    user-select: none;
  }
  .note-body > :first-child {
    margin-top: 0;
  }
  .note-body :is(h1, h2, h3, h4, h5, h6) {
    margin: 0.4em 0 0.2em;
    line-height: 1.2;
  }
  .note-body h1 {
    font-size: 1.4em;
  }
  .note-body h2 {
    font-size: 1.25em;
  }
  .note-body h3 {
    font-size: 1.1em;
  }
  .note-body :is(p, ul, ol, pre, blockquote) {
    margin: 0.3em 0;
  }
  .note-body :is(ul, ol) {
    padding-inline-start: 1.3em;
  }
  .note-body code {
    font-family: var(--wf-font-mono, ui-monospace, monospace);
    background: rgb(0 0 0 / 0.06);
    border-radius: 3px;
    padding: 0 2px;
  }
  .note-body pre {
    white-space: pre-wrap;
  }
  .note-body blockquote {
    margin-inline: 0;
    padding-inline-start: 0.6em;
    border-inline-start: 3px solid rgb(0 0 0 / 0.15);
  }
  .note-body a {
    color: inherit;
    cursor: pointer;
  }
  .note-placeholder {
    opacity: 0.6;
  }
  .note-input {
    flex: 1;
    resize: none;
    border: none;
    background: rgb(255 255 255 / 0.5);
    font: inherit;
    color: inherit;
    padding: 4px;
    outline: none;
    cursor: text;
  }
  .note-tools {
    position: absolute;
    bottom: 100%;
    left: 0;
    display: none;
    gap: 4px;
    padding: 4px;
    margin-bottom: 4px;
    background: var(--wf-surface, #fff);
    border: 1px solid var(--wf-border-color, #e5e7eb);
    border-radius: 6px;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.12);
    cursor: default;
  }
  .note:focus-within .note-tools {
    display: flex;
  }
  .note-tools button {
    width: 20px;
    height: 20px;
    padding: 0;
    border-radius: 50%;
    border: 1px solid rgb(0 0 0 / 0.2);
    cursor: pointer;
    font: inherit;
    line-height: 1;
  }
  .note-tools .swatch[aria-pressed='true'] {
    outline: 2px solid var(--wf-color-accent, #2563eb);
    outline-offset: 1px;
  }
  .note-tools .note-delete {
    margin-inline-start: 4px;
    background: var(--wf-surface, #fff);
    color: var(--wf-color-danger, #dc2626);
  }
  .note-resize {
    position: absolute;
    right: 0;
    bottom: 0;
    width: 14px;
    height: 14px;
    cursor: nwse-resize;
    background: linear-gradient(135deg, transparent 50%, rgb(0 0 0 / 0.25) 50%);
    border-bottom-right-radius: 6px;
  }
`;
