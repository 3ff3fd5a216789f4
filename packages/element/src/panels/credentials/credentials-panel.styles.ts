import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';
import { credentialFormStyles } from './credential-form.styles.js';

/** Styles of the "Connected accounts" panel: the list of credentials, and the credential form. */
export const credentialsPanelStyles = [
  panelStyles,
  credentialFormStyles,
  css`
    .identity {
      display: flex;
      gap: var(--wf-space-2);
      align-items: flex-start;
    }
    td.last-used {
      white-space: nowrap;
    }
    td.actions {
      width: 14.5em;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--wf-space-1);
    }
    td.status {
      min-width: 10em;
    }
    wf-credential-form {
      max-width: 40rem;
    }
    .icon {
      flex: none;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 28px;
      height: 28px;
      border-radius: var(--wf-radius-md);
      background: var(--wf-node-icon-bg);
      color: var(--wf-node-icon-color);
      font-weight: 600;
    }
    .icon img {
      width: 18px;
      height: 18px;
    }
    td.name {
      min-width: 9em;
    }
    .title {
      display: block;
      font-weight: 600;
      /* Long names wrap between words; a single long word breaks only when it must. */
      overflow-wrap: break-word;
    }
    .type {
      display: block;
      color: var(--wf-color-muted);
      font-size: 0.85em;
    }
    td.last-used,
    td.used-by,
    td.status {
      font-size: 0.9em;
    }
    .users {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .confirm .users {
      padding-inline-start: var(--wf-space-3);
      list-style: disc;
    }
    .account {
      display: block;
    }
    .account.connected {
      color: var(--wf-color-success);
    }
    .account.expired,
    .account.reconnect {
      color: var(--wf-color-warning);
      font-weight: 600;
    }
    .account.notConnected {
      color: var(--wf-color-muted);
    }
    .result,
    .refreshed {
      display: block;
    }
    .refreshed {
      color: var(--wf-color-muted);
    }
  `,
];
