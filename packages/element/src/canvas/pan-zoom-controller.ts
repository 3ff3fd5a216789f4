import type { PanZoomInstance } from '@xyflow/system';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Viewport } from '../model/geometry.js';

/** Options the pan/zoom controller reads on each `update`. */
export interface PanZoomOptions {
  /** A box selection or a connection drag is in progress: no panning. */
  busy: boolean;
}

/**
 * Pan (drag the background, scroll) and zoom (wheel, pinch, buttons) for the
 * canvas, using @xyflow/system's framework-free XYPanZoom (d3-zoom under the
 * hood), wrapped as a Lit reactive controller. The library (about 19 KB
 * gzipped with d3) is imported right after the first render, so it stays out
 * of the initial JavaScript; until it arrives, `setViewport` still works.
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
    const { XYPanZoom, PanOnScrollMode } = await import('@xyflow/system');
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

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#instance?.destroy();
    this.#instance = undefined;
  }
}
