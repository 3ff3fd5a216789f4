import { css } from 'lit';
import { tokenStyles } from './theme/tokens.styles.js';

/** Styles of `<workflow-editor>`: the layout of its regions. */
export const workflowEditorStyles = [
  tokenStyles,
  css`
    :host {
      display: block;
      position: relative;
      height: 100%;
      min-height: 400px;
      background: var(--wf-color-bg);
      color: var(--wf-color-text);
      font: var(--wf-font-size) / 1.4 var(--wf-font-family);
      border-radius: var(--wf-radius-lg);
      overflow: hidden;
    }
    .layout {
      display: grid;
      height: 100%;
      grid-template-columns: var(--wf-palette-width) minmax(0, 1fr) var(--wf-inspector-width);
      grid-template-rows: auto minmax(0, 1fr) var(--wf-run-panel-height);
      grid-template-areas:
        'toolbar toolbar toolbar'
        'palette canvas inspector'
        'palette runs inspector';
    }
    :host([hide-palette]) .layout {
      grid-template-columns: 0 minmax(0, 1fr) var(--wf-inspector-width);
    }
    :host([hide-inspector]) .layout {
      grid-template-columns: var(--wf-palette-width) minmax(0, 1fr) 0;
    }
    :host([hide-palette][hide-inspector]) .layout {
      grid-template-columns: 0 minmax(0, 1fr) 0;
    }
    :host([hide-run-panel]) .layout {
      grid-template-rows: auto minmax(0, 1fr) 0;
    }
    :host([hide-toolbar]) .layout {
      grid-template-rows: 0 minmax(0, 1fr) var(--wf-run-panel-height);
    }
    .toolbar {
      grid-area: toolbar;
      display: flex;
      align-items: center;
      gap: var(--wf-space-2);
      padding: var(--wf-space-2) var(--wf-space-3);
      background: var(--wf-toolbar-bg);
      border-bottom: 1px solid var(--wf-border-color);
      overflow: hidden;
    }
    .toolbar .title {
      font-weight: 600;
      margin-inline-end: var(--wf-space-3);
    }
    .spacer {
      flex: 1;
    }
    .toolbar button {
      display: inline-flex;
      align-items: center;
      gap: var(--wf-space-1);
      padding: var(--wf-space-1) var(--wf-space-3);
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-button-bg);
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .toolbar button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .toolbar button:hover:not(:disabled) {
      background: var(--wf-color-hover);
    }
    .toolbar button:focus-visible {
      outline: 2px solid var(--wf-color-focus);
    }
    .toolbar button.primary {
      background: var(--wf-color-accent);
      border-color: var(--wf-color-accent);
      color: var(--wf-color-on-accent);
    }
    .progress {
      color: var(--wf-color-muted);
    }
    wf-palette,
    wf-inspector,
    wf-run-panel,
    wf-canvas {
      min-height: 0;
      min-width: 0;
      overflow: hidden;
    }
    wf-palette {
      grid-area: palette;
      border-inline-end: 1px solid var(--wf-border-color);
    }
    wf-canvas {
      grid-area: canvas;
    }
    wf-inspector {
      /* It scrolls inside, beside its resize handle (which writes --wf-inspector-width on the layout). */
      grid-area: inspector;
      border-inline-start: 1px solid var(--wf-border-color);
    }
    wf-run-panel {
      grid-area: runs;
      border-top: 1px solid var(--wf-border-color);
    }
    :host([hide-palette]) wf-palette,
    :host([hide-inspector]) wf-inspector,
    :host([hide-run-panel]) wf-run-panel,
    :host([hide-toolbar]) .toolbar {
      display: none;
    }
    .live {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .branding {
      font-size: 0.8em;
      color: var(--wf-color-muted);
    }
  `,
];
