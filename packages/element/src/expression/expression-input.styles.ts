import { css } from 'lit';

/** Styles of the expression input. */
export const expressionInputStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    font: var(--wf-font-size) / 1.4 var(--wf-font-family);
  }
  .field {
    position: relative;
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-input-bg);
  }
  .field:focus-within {
    outline: 2px solid var(--wf-color-focus);
  }
  .field.invalid {
    border-color: var(--wf-color-danger);
  }
  pre,
  textarea {
    margin: 0;
    padding: var(--wf-space-2);
    font: 0.95em / 1.5 var(--wf-font-mono);
    white-space: pre-wrap;
    word-break: break-word;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.4em;
    border: none;
  }
  pre {
    position: absolute;
    inset: 0;
    pointer-events: none;
    color: var(--wf-color-text);
    overflow: hidden;
  }
  textarea {
    position: relative;
    display: block;
    resize: vertical;
    background: transparent;
    color: transparent;
    caret-color: var(--wf-color-text);
    outline: none;
  }
  .expr {
    color: var(--wf-expression-color);
    background: var(--wf-expression-bg);
    border-radius: 3px;
  }
  .bad {
    text-decoration: wavy underline var(--wf-color-danger);
  }
  ul {
    position: absolute;
    z-index: 10;
    left: 0;
    right: 0;
    margin: 2px 0 0;
    padding: 2px;
    list-style: none;
    max-height: 220px;
    overflow: auto;
    background: var(--wf-panel-bg);
    border: 1px solid var(--wf-border-color);
    border-radius: var(--wf-radius-md);
    box-shadow: var(--wf-node-shadow);
  }
  li {
    display: flex;
    gap: var(--wf-space-2);
    align-items: baseline;
    padding: 4px var(--wf-space-2);
    border-radius: var(--wf-radius-sm);
    cursor: pointer;
  }
  li[aria-selected='true'] {
    background: var(--wf-color-accent-soft);
  }
  .detail {
    color: var(--wf-color-muted);
    font-family: var(--wf-font-mono);
    font-size: 0.85em;
  }
  .info {
    color: var(--wf-color-muted);
    font-size: 0.85em;
    margin-inline-start: auto;
  }
  .preview {
    margin-top: var(--wf-space-1);
    padding: var(--wf-space-1) var(--wf-space-2);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-preview-bg);
    font: 0.85em / 1.4 var(--wf-font-mono);
    color: var(--wf-color-muted);
    white-space: pre-wrap;
    word-break: break-word;
  }
  .problem {
    margin-top: var(--wf-space-1);
    color: var(--wf-color-danger);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
`;
