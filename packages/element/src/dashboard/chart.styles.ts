import { css } from 'lit';

/**
 * The rules uPlot's markup needs inside the dashboard's shadow root (a page's
 * stylesheets do not reach it): its layers stacked over the canvas, the
 * cursor and the legend, in the `--wf-*` colours. A host wanting uPlot's
 * own stylesheet as well passes it as the dashboard's `chartStyles`.
 */
export const chartStyles = css`
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    font: inherit;
    line-height: 1.4;
    width: 100%;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under,
  .u-axis {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .u-select {
    position: absolute;
    pointer-events: none;
    background: var(--wf-color-accent-soft);
  }
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    position: absolute;
    top: 0;
    left: 0;
    pointer-events: none;
    will-change: transform;
  }
  .u-hz .u-cursor-x {
    height: 100%;
    border-right: 1px dashed var(--wf-edge-color);
  }
  .u-hz .u-cursor-y {
    width: 100%;
    border-bottom: 1px dashed var(--wf-edge-color);
  }
  .u-cursor-pt {
    border-radius: 50%;
    border: 0 solid;
    background-clip: padding-box !important;
  }
  .u-axis.u-off,
  .u-select.u-off,
  .u-cursor-x.u-off,
  .u-cursor-y.u-off,
  .u-cursor-pt.u-off {
    display: none;
  }
  .u-legend {
    margin: var(--wf-space-2) auto 0;
    font-size: 0.9em;
    color: var(--wf-color-muted);
    border-collapse: collapse;
  }
  .u-legend.u-inline {
    display: block;
    text-align: center;
  }
  .u-legend.u-inline tr {
    display: inline-block;
    margin-inline: var(--wf-space-2);
  }
  .u-legend th,
  .u-legend td {
    border: 0;
    padding: 0;
  }
  .u-legend th {
    font-weight: 600;
    cursor: pointer;
  }
  .u-legend th > * {
    display: inline-block;
    vertical-align: middle;
  }
  .u-legend.u-live th::after {
    content: ':';
  }
  .u-legend td {
    padding-inline-start: var(--wf-space-1);
    color: var(--wf-color-text);
  }
  .u-legend .u-marker {
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: var(--wf-space-1);
    border-radius: 2px;
    background-clip: padding-box !important;
  }
  .u-legend .u-off > * {
    opacity: 0.35;
  }
`;
