import type { PanZoomInstance } from '@xyflow/system';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Viewport } from '../model/geometry.js';

/** Options the pan/zoom controller reads on each `update`. */
export interface PanZoomOptions {
  /** A box selection or a connection drag is in progress: no panning. */
  busy: boolean;
}

let library: Promise<typeof import('@xyflow/system')> | undefined;

/** The pan/zoom library, fetched once (again after a failed load). */
function loadLibrary(): Promise<typeof import('@xyflow/system')> {
  library ??= import('@xyflow/system').catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

/**
 * Pan (drag the background, scroll) and zoom (wheel, pinch, buttons) for the
 * canvas, using @xyflow/system's framework-free XYPanZoom (d3-zoom under the
 * hood), wrapped as a Lit reactive controller. The library (about 19 KB
 * gzipped with d3) stays out of the initial JavaScript: its download starts
 * when the canvas connects, alongside the first render, and input is handled
 * once it arrives; until then `setViewport` still works.
 */
export class PanZoomController implements ReactiveController {
  viewport: Viewport = { x: 0, y: 0, zoom: 1 };
  #instance: PanZoomInstance | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onChange: (viewport: Viewport) => void,
  ) {
    host.addController(this);
  }

  /** Starts handling input on the pane element (once the library has loaded). */
  async attach(pane: Element): Promise<void> {
    const { XYPanZoom, PanOnScrollMode } = await loadLibrary();
    if (!pane.isConnected) return;
    this.#instance?.destroy();
    this.#scrollMode = PanOnScrollMode.Free;
    this.#instance = XYPanZoom({
      domNode: pane,
      minZoom: 0.05,
      maxZoom: 2.5,
      viewport: this.viewport,
      translateExtent: [
        [-Infinity, -Infinity],
        [Infinity, Infinity],
      ],
      onDraggingChange: () => {},
    });
    this.update({ busy: this.#busy });
  }

  #scrollMode: import('@xyflow/system').PanOnScrollMode | undefined;
  #busy = false;

  /** Re-applies options (call when a selection or connection drag starts or ends). */
  update({ busy }: PanZoomOptions): void {
    this.#busy = busy;
    if (!this.#instance || this.#scrollMode === undefined) return;
    this.#instance.update({
      noWheelClassName: 'nowheel',
      noPanClassName: 'nopan',
      preventScrolling: true,
      panOnScroll: false,
      panOnDrag: true,
      panOnScrollMode: this.#scrollMode,
      panOnScrollSpeed: 0.5,
      userSelectionActive: busy,
      zoomOnPinch: true,
      zoomOnScroll: true,
      zoomOnDoubleClick: false,
      zoomActivationKeyPressed: false,
      lib: 'wf',
      connectionInProgress: busy,
      paneClickDistance: 1,
      onTransformChange: ([x, y, zoom]) => {
        this.viewport = { x, y, zoom };
        this.onChange(this.viewport);
      },
    });
  }

  /** Moves the view (optionally animated). */
  setViewport(viewport: Viewport, duration = 0): void {
    if (this.#instance) void this.#instance.setViewport(viewport, { duration });
    else {
      this.viewport = viewport;
      this.onChange(viewport);
    }
  }

  /** Zooms by a factor around the centre. */
  zoomBy(factor: number): void {
    void this.#instance?.scaleBy(factor, { duration: 150 });
  }

  /** Whether pointer and wheel input is handled yet (the library loads after the first render). */
  get ready(): boolean {
    return this.#instance !== undefined;
  }

  hostConnected(): void {
    // Fetched while the canvas renders rather than after; `attach` reports a failure.
    loadLibrary().catch(() => {});
  }

  hostDisconnected(): void {
    this.#instance?.destroy();
    this.#instance = undefined;
  }
}
