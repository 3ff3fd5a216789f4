import { css } from 'lit';

/** Styles of the palette part. */
export const paletteStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--wf-panel-bg);
    color: var(--wf-color-text);
    font: var(--wf-font-size) / 1.4 var(--wf-font-family);
  }
  .search {
    margin: var(--wf-space-3);
    padding: var(--wf-space-2) var(--wf-space-3);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-input-bg);
    color: inherit;
    font: inherit;
  }
  .search:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  .list {
    overflow: auto;
    padding: 0 var(--wf-space-2) var(--wf-space-3);
  }
  h3 {
    margin: var(--wf-space-3) var(--wf-space-2) var(--wf-space-1);
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--wf-color-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button.type,
  button.add-note {
    display: flex;
    align-items: center;
    gap: var(--wf-space-2);
    width: 100%;
    padding: var(--wf-space-2);
    border: 1px solid transparent;
    border-radius: var(--wf-radius-md);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: grab;
  }
  button.add-note {
    cursor: pointer;
    margin-bottom: var(--wf-space-2);
  }
  button.type:hover,
  button.add-note:hover {
    background: var(--wf-color-hover);
  }
  button.type:focus-visible,
  button.add-note:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: var(--wf-radius-sm);
    background: var(--wf-node-icon-bg);
    color: var(--wf-node-icon-color);
  }
  .text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .badge {
    margin-inline-start: var(--wf-space-2);
    padding: 0 var(--wf-space-1);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-sm);
    font-size: 0.75em;
    color: var(--wf-color-muted);
    white-space: nowrap;
  }
  .desc {
    font-size: 0.85em;
    color: var(--wf-color-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
  }
  .empty {
    padding: var(--wf-space-3);
    color: var(--wf-color-muted);
  }
`;
