import { css } from 'lit';

/**
 * The `--wf-*` custom properties with their light defaults and the dark
 * theme. A host overrides any of them on the element (or an ancestor rule
 * with higher specificity): `workflow-editor { --wf-color-accent: #e11d48 }`.
 */
export const tokenStyles = css`
  :host {
    --wf-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --wf-font-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --wf-font-size: 14px;
    --wf-space-1: 4px;
    --wf-space-2: 8px;
    --wf-space-3: 12px;
    --wf-space-4: 16px;
    --wf-radius-sm: 4px;
    --wf-radius-md: 6px;
    --wf-radius-lg: 10px;
    --wf-color-bg: #ffffff;
    --wf-color-text: #0f172a;
    --wf-color-muted: #64748b;
    --wf-color-accent: #2563eb;
    --wf-color-accent-soft: rgba(37, 99, 235, 0.15);
    --wf-color-on-accent: #ffffff;
    --wf-color-focus: #2563eb;
    --wf-color-danger: #dc2626;
    --wf-color-warning: #d97706;
    --wf-color-success: #16a34a;
    --wf-color-hover: rgba(15, 23, 42, 0.06);
    --wf-border-color: #e2e8f0;
    --wf-panel-bg: #ffffff;
    --wf-toolbar-bg: #f8fafc;
    --wf-canvas-bg: #f1f5f9;
    --wf-canvas-dot: #cbd5e1;
    --wf-grid-size: 20px;
    --wf-node-bg: #ffffff;
    --wf-node-text: #0f172a;
    --wf-node-border: #cbd5e1;
    --wf-node-border-width: 1.5px;
    --wf-node-radius: 10px;
    --wf-node-shadow: 0 1px 3px rgba(15, 23, 42, 0.12);
    --wf-node-icon-bg: #eff6ff;
    --wf-node-icon-color: #2563eb;
    --wf-edge-color: #94a3b8;
    --wf-port-bg: #ffffff;
    --wf-port-border: #64748b;
    --wf-minimap-node: #94a3b8;
    --wf-input-bg: #ffffff;
    --wf-input-border: #cbd5e1;
    --wf-button-bg: #ffffff;
    --wf-expression-color: #7c3aed;
    --wf-expression-bg: rgba(124, 58, 237, 0.1);
    --wf-preview-bg: #f8fafc;
    --wf-palette-width: 240px;
    --wf-inspector-width: 320px;
    --wf-run-panel-height: 220px;
  }
  :host([theme='dark']) {
    --wf-color-bg: #0b1120;
    --wf-color-text: #e2e8f0;
    --wf-color-muted: #94a3b8;
    --wf-color-accent: #60a5fa;
    --wf-color-accent-soft: rgba(96, 165, 250, 0.2);
    --wf-color-on-accent: #0b1120;
    --wf-color-focus: #93c5fd;
    --wf-color-danger: #f87171;
    --wf-color-warning: #fbbf24;
    --wf-color-success: #4ade80;
    --wf-color-hover: rgba(226, 232, 240, 0.08);
    --wf-border-color: #1e293b;
    --wf-panel-bg: #0f172a;
    --wf-toolbar-bg: #0f172a;
    --wf-canvas-bg: #0b1120;
    --wf-canvas-dot: #1e293b;
    --wf-node-bg: #1e293b;
    --wf-node-text: #e2e8f0;
    --wf-node-border: #334155;
    --wf-node-shadow: 0 1px 3px rgba(0, 0, 0, 0.5);
    --wf-node-icon-bg: #172554;
    --wf-node-icon-color: #93c5fd;
    --wf-edge-color: #475569;
    --wf-port-bg: #0f172a;
    --wf-port-border: #94a3b8;
    --wf-minimap-node: #475569;
    --wf-input-bg: #0b1120;
    --wf-input-border: #334155;
    --wf-button-bg: #1e293b;
    --wf-expression-color: #c4b5fd;
    --wf-expression-bg: rgba(196, 181, 253, 0.12);
    --wf-preview-bg: #0b1120;
  }
`;
