import { css } from 'lit';
import { panelStyles } from '../panels/panel.styles.js';

/** Styles of the workflow settings panel: the settings form and the version list. */
export const settingsPanelStyles = [
  panelStyles,
  css`
    .settings {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-3);
      max-width: 40em;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    .scope {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    h3 {
      margin: 0;
      font-size: 1em;
    }
    .versions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    .versions li {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wf-space-2);
      align-items: center;
      padding: var(--wf-space-1) 0;
      border-bottom: 1px solid var(--wf-border-color);
    }
    .versions .version {
      font-weight: 600;
    }
    .versions .name {
      flex: 1;
    }
    .versions time,
    .current,
    .status {
      color: var(--wf-color-muted);
    }
    .versions .confirm {
      flex-basis: 100%;
    }
  `,
];
