import { css } from 'lit';

/**
 * Below this zoom the canvas draws each node as a plain box with its name
 * only (no icon, type, ports or badges): cheap enough for thousands of
 * nodes, and the names stay readable.
 */
export const LOD_ZOOM = 0.4;

/** The text size on screen the names keep while zoomed out, in pixels. */
const LOD_SCREEN_PX = 12;
/** The largest name size in canvas units: beyond it a name no longer fits its box. */
const LOD_MAX_UNITS = 40;

/** The names' font size in canvas units at a zoom: 12 px on screen as long as it fits the box. */
export function lodFontSize(zoom: number): number {
  return Math.min(LOD_MAX_UNITS, LOD_SCREEN_PX / Math.max(zoom, 0.01));
}

/** Styles of the zoomed-out nodes' names. */
export const lodStyles = css`
  .compact .lod-name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    text-align: center;
    font-size: var(--wf-lod-font, 30px);
    font-weight: 600;
    line-height: 1.1;
    pointer-events: none;
  }
`;
