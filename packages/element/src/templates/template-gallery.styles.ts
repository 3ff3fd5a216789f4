import { css } from 'lit';
import { panelStyles } from '../panels/panel.styles.js';

/** Styles of the template gallery: filters, cards, a template's page and the JSON section. */
export const templateGalleryStyles = [
  panelStyles,
  css`
    h3,
    h4 {
      margin: 0;
      font-size: 1em;
    }
    /* Titles of templates and forms, not the section headings the panels share. */
    .card h3,
    h3.template-title,
    form h3,
    form h4 {
      text-transform: none;
      letter-spacing: normal;
      color: var(--wf-color-text);
    }
    .placeholders {
      display: grid;
      gap: var(--wf-space-2);
      margin: 0;
      padding: var(--wf-space-2) var(--wf-space-3);
      border: 1px solid var(--wf-border-color);
      border-radius: var(--wf-radius-md);
    }
    .placeholders legend {
      font-weight: 600;
      padding: 0 var(--wf-space-1);
    }
    .placeholder {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: var(--wf-space-1) var(--wf-space-2);
      align-items: center;
      padding-bottom: var(--wf-space-2);
      border-bottom: 1px solid var(--wf-border-color);
    }
    .placeholder .remove,
    .placeholder .error {
      grid-column: 2;
      justify-self: start;
    }
    .placeholders .add {
      justify-self: start;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wf-space-1);
    }
    .tag[aria-pressed='true'] {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
      gap: var(--wf-space-3);
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
      padding: var(--wf-space-3);
      border: 1px solid var(--wf-border-color);
      border-radius: var(--wf-radius-md);
    }
    .card .open {
      align-self: start;
      margin-top: auto;
    }
    .category,
    .meta,
    .status {
      color: var(--wf-color-muted);
      font-size: 0.9em;
    }
    .meta {
      display: flex;
      gap: var(--wf-space-2);
    }
    .chip {
      display: inline-block;
      margin-inline-end: var(--wf-space-1);
      padding: 0 var(--wf-space-1);
      border-radius: var(--wf-radius-sm);
      background: var(--wf-color-hover);
      font-size: 0.85em;
    }
    .fill,
    .save,
    .json {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-2);
      max-width: 40em;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--wf-space-1);
    }
    .button {
      display: inline-block;
      padding: var(--wf-space-1) var(--wf-space-2);
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-button-bg);
      color: inherit;
      text-decoration: none;
      cursor: pointer;
    }
    .import-file input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .import-file:focus-within {
      outline: 2px solid var(--wf-color-focus);
    }
  `,
];
