import { css } from 'lit';

/** Styles of the skip link and of the toolbar's title (the name, its field and the unsaved-changes dot). */
export const toolbarStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .skip-link {
    position: absolute;
    inset-inline-start: var(--wf-space-2);
    top: var(--wf-space-2);
    z-index: 10;
    padding: var(--wf-space-2) var(--wf-space-3);
    border-radius: var(--wf-radius-md);
    background: var(--wf-color-accent);
    color: var(--wf-color-on-accent);
    font-weight: 600;
    text-decoration: none;
    transform: translateY(-200%);
  }
  .skip-link:focus {
    transform: none;
    outline: 2px solid var(--wf-color-focus);
    outline-offset: 2px;
  }
  .toolbar button.title {
    border-color: transparent;
    background: transparent;
    font-weight: 600;
    margin-inline-end: 0;
    max-width: 24em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .toolbar .title-input {
    font: inherit;
    font-weight: 600;
    padding: var(--wf-space-1) var(--wf-space-2);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-input-bg);
    color: inherit;
    min-width: 12em;
  }
  .toolbar .unsaved {
    display: inline-flex;
    align-items: center;
    margin-inline-end: var(--wf-space-3);
  }
  .toolbar .unsaved-dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--wf-color-warning);
  }
`;
