import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** The narrowest the inspector gets, in CSS pixels. */
export const MIN_INSPECTOR_WIDTH = 240;
/** The widest the inspector gets, in CSS pixels (and at most 60% of the editor). */
export const MAX_INSPECTOR_WIDTH = 720;
/** How far one arrow key press moves the edge (four times that with Shift). */
const STEP = 16;

/**
 * The drag handle on the inspector's inner edge (the left one, the right one
 * right to left). Dragging it or pressing the arrow keys on it sets the
 * width, which the controller keeps and writes as `--wf-inspector-width` on
 * the editor's layout, the property its grid already reads.
 */
export class InspectorResize implements ReactiveController {
  /** The width the user chose, or undefined while the theme's width applies. */
  width: number | undefined;
  /** The inspector's width as laid out (kept by a ResizeObserver, so rendering reads no layout). */
  #measured = 0;
  #dragging = false;
  /** The editor layout's width, which bounds the inspector's. */
  #room = 0;
  readonly #observer = new ResizeObserver((entries) => {
    const [measured, room] = [this.#measured, this.#room];
    for (const entry of entries) {
      const width = Math.round(entry.borderBoxSize[0]?.inlineSize ?? 0);
      if (entry.target === this.host) this.#measured = width;
      else this.#room = width;
    }
    if (measured !== this.#measured || room !== this.#room) this.host.requestUpdate();
  });

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.host);
    if (this.host.parentElement) this.#observer.observe(this.host.parentElement);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  hostUpdated(): void {
    const layout = this.host.parentElement;
    if (this.width === undefined) layout?.style.removeProperty('--wf-inspector-width');
    else layout?.style.setProperty('--wf-inspector-width', `${this.width}px`);
  }

  /** The handle, labelled with `label`. */
  render(label: string): TemplateResult {
    const now = this.width ?? this.#measured;
    return html`<div
      class="resize ${this.#dragging ? 'active' : ''}"
      role="separator"
      tabindex="0"
      aria-orientation="vertical"
      aria-label=${label}
      aria-valuemin=${MIN_INSPECTOR_WIDTH}
      aria-valuemax=${this.#max()}
      aria-valuenow=${now}
      @pointerdown=${this.#onPointerDown}
      @keydown=${this.#onKeyDown}
    ></div>`;
  }

  /** Sets the width, kept between the limits. */
  resizeTo(width: number): void {
    const next = Math.round(Math.min(this.#max(), Math.max(MIN_INSPECTOR_WIDTH, width)));
    if (next === this.width) return;
    this.width = next;
    this.host.requestUpdate();
  }

  #max(): number {
    const room = this.#room > 0 ? Math.floor(this.#room * 0.6) : MAX_INSPECTOR_WIDTH;
    return Math.max(MIN_INSPECTOR_WIDTH, Math.min(MAX_INSPECTOR_WIDTH, room));
  }

  /** +1 when moving the pointer to the right widens the inspector (right to left), else -1. */
  #sign(): number {
    return getComputedStyle(this.host).direction === 'rtl' ? 1 : -1;
  }

  #onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget as HTMLElement;
    handle.focus();
    try {
      handle.setPointerCapture(e.pointerId);
    } catch {
      // A pointer the browser does not track (a synthetic one) cannot be captured; moves still reach the handle.
    }
    const startX = e.clientX;
    const startWidth = this.width ?? this.host.getBoundingClientRect().width;
    const sign = this.#sign();
    const move = (m: PointerEvent) => this.resizeTo(startWidth + sign * (m.clientX - startX));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      this.#dragging = false;
      this.host.requestUpdate();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
    this.#dragging = true;
    this.host.requestUpdate();
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    const current = this.width ?? this.host.getBoundingClientRect().width;
    const step = e.shiftKey ? STEP * 4 : STEP;
    if (e.key === 'ArrowLeft') this.resizeTo(current - this.#sign() * step);
    else if (e.key === 'ArrowRight') this.resizeTo(current + this.#sign() * step);
    else if (e.key === 'Home') this.resizeTo(MIN_INSPECTOR_WIDTH);
    else if (e.key === 'End') this.resizeTo(this.#max());
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
}
