import { css } from 'lit';

/**
 * Styles of `wf-credential-form`, which renders into the part showing it:
 * the node inspector's credentials and the "Connected accounts" panel add
 * these to their own.
 */
export const credentialFormStyles = css`
  wf-credential-form {
    display: block;
  }
  .draft {
    display: flex;
    flex-direction: column;
    gap: var(--wf-space-2);
    border-inline-start: 2px solid var(--wf-color-accent);
    padding-inline-start: var(--wf-space-3);
  }
  .draft .form-title {
    margin: 0;
    font-weight: 600;
  }
  .draft .field {
    display: flex;
    flex-direction: column;
    gap: var(--wf-space-1);
  }
  .draft label {
    font-weight: 600;
    font-size: 0.9em;
  }
  .draft .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--wf-space-2);
    align-items: center;
  }
  .draft input[type='text'],
  .draft input[type='password'],
  .draft input[type='number'],
  .draft select,
  .draft textarea {
    padding: var(--wf-space-2);
    border: 1px solid var(--wf-input-border);
    border-radius: var(--wf-radius-md);
    background: var(--wf-input-bg);
    color: inherit;
    font: inherit;
    min-width: 0;
  }
  .draft textarea {
    font-family: var(--wf-font-mono);
    min-height: 3em;
    resize: vertical;
  }
  .draft input::placeholder,
  .draft textarea::placeholder {
    color: var(--wf-color-muted);
    font-style: italic;
  }
  .draft .help {
    color: var(--wf-color-muted);
    font-size: 0.85em;
    margin: 0;
  }
  .draft .error {
    color: var(--wf-color-danger);
    font-size: 0.85em;
    margin: 0;
  }
  .draft .test-result {
    margin: 0;
    font-size: 0.9em;
  }
  .draft .test-result:empty {
    display: none;
  }
  .draft .test-result.ok {
    color: var(--wf-color-success);
  }
  .draft .test-result.failed {
    color: var(--wf-color-danger);
  }
  .draft button.primary {
    background: var(--wf-color-accent);
    border-color: var(--wf-color-accent);
    color: var(--wf-color-on-accent);
  }
  .draft button:disabled {
    opacity: 0.6;
    cursor: default;
  }
`;
