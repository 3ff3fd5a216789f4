import { css } from 'lit';
import { credentialFormStyles } from '../panels/credentials/credential-form.styles.js';
import { formStyles } from './form.styles.js';

/** Styles of the node's credentials in the inspector: the inspector's fields, plus the new-credential form. */
export const nodeCredentialsStyles = [
  formStyles,
  credentialFormStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-3);
    }
    :host([hidden]) {
      display: none;
    }
    p {
      margin: 0;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    .row {
      display: flex;
      gap: var(--wf-space-2);
      align-items: center;
    }
    .row > select {
      flex: 1;
    }
    label {
      font-weight: 600;
      font-size: 0.9em;
    }
    .required {
      color: var(--wf-color-danger);
      margin-inline-start: 2px;
    }
    .help,
    .state {
      color: var(--wf-color-muted);
      font-size: 0.85em;
    }
    .state.connected {
      color: var(--wf-color-success);
    }
    .error {
      color: var(--wf-color-danger);
      font-size: 0.85em;
    }
    input[type='text'],
    input[type='password'],
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
    textarea {
      font-family: var(--wf-font-mono);
      min-height: 3em;
      resize: vertical;
    }
    button.primary {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    .draft {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
      border-inline-start: 2px solid var(--wf-color-accent);
      padding-inline-start: var(--wf-space-3);
    }
  `,
];
