import { css } from 'lit';

/** What the inspector's forms share: section headings, focus and invalid marks, buttons. */
export const formStyles = css`
  h3 {
    margin: var(--wf-space-2) 0 0;
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--wf-color-muted);
  }
  [aria-invalid='true'] {
    border-color: var(--wf-color-danger);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  button {
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-button-bg);
    color: inherit;
    font: inherit;
    padding: 2px var(--wf-space-2);
    cursor: pointer;
  }
`;
