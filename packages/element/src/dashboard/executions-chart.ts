import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type uPlot from 'uplot';
import type { ChartColumns } from './chart-data.js';
import type { Formats } from './format.js';

/** What the chart draws and the words it shows. */
export interface ChartInput {
  columns: ChartColumns;
  labels: { day: string; executions: string; successRate: string };
  formats: Formats;
}

/** The `--wf-*` colours a canvas needs as values (it cannot read custom properties itself). */
const COLOURS = {
  accent: '--wf-color-accent',
  accentSoft: '--wf-color-accent-soft',
  success: '--wf-color-success',
  text: '--wf-color-muted',
  grid: '--wf-border-color',
  font: '--wf-font-family',
} as const;

const HEIGHT = 220;
const HALF_DAY_S = 12 * 60 * 60;

/**
 * The executions-per-day chart: uPlot, imported the first time a chart is
 * drawn, in a container of the host's shadow root. It is drawn again when
 * the figures, the container or the theme change, and follows the
 * container's width.
 */
export class ExecutionsChart implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #chart: uPlot | undefined;
  #container: HTMLElement | undefined;
  #input: ChartInput | undefined;
  #theme: string | undefined;
  #resize: ResizeObserver | undefined;
  #drawing: Promise<void> = Promise.resolve();
  /** Why the last drawing failed (uPlot could not load), for the host to show. */
  error: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Settles once the drawing asked for last is on the canvas. */
  get ready(): Promise<void> {
    return this.#drawing;
  }

  /** The uPlot instance on screen. */
  get chart(): uPlot | undefined {
    return this.#chart;
  }

  /** Draws into `container` (or clears the chart when there is none), unless nothing changed. */
  show(container: HTMLElement | null, input: ChartInput | undefined, theme: string): void {
    if (!container || !input) return this.#destroy();
    if (container === this.#container && input === this.#input && theme === this.#theme) return;
    this.#container = container;
    this.#input = input;
    this.#theme = theme;
    this.#drawing = this.#draw(container, input);
  }

  async #draw(container: HTMLElement, input: ChartInput): Promise<void> {
    let UPlot: typeof uPlot;
    try {
      ({ default: UPlot } = await import('uplot'));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.#host.requestUpdate();
      return;
    }
    // A newer drawing was asked for while uPlot loaded.
    if (container !== this.#container || input !== this.#input) return;
    this.error = undefined;
    this.#chart?.destroy();
    const colour = this.#colours();
    const { columns, labels, formats } = input;
    const axis = {
      stroke: colour.text,
      grid: { stroke: colour.grid, width: 1 },
      ticks: { stroke: colour.grid, width: 1 },
      font: `11px ${colour.font}`,
    };
    this.#chart = new UPlot(
      {
        width: widthOf(container),
        height: HEIGHT,
        // Days are UTC days: labels are written from epoch seconds, not the reader's time zone. Half a day
        // on each side, so the first and last days' bars are whole rather than cut at the edges.
        scales: {
          x: { time: true, range: (_u, min, max) => [min - HALF_DAY_S, max + HALF_DAY_S] },
          count: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          rate: { range: [0, 100] },
        },
        series: [
          { label: labels.day, value: (_u, v) => (v == null ? '' : formats.day(v * 1000)) },
          {
            label: labels.executions,
            scale: 'count',
            stroke: colour.accent,
            fill: colour.accentSoft,
            width: 1,
            paths: UPlot.paths.bars!({ size: [0.6, 48] }),
            points: { show: false },
            // Days without executions have no bar (see below) but are still 0; no day under the cursor: nothing.
            value: (_u, v, _series, day) => (day == null ? '' : formats.count(v ?? 0)),
          },
          {
            label: labels.successRate,
            scale: 'rate',
            stroke: colour.success,
            width: 2,
            spanGaps: true,
            points: { show: true, size: 5, fill: colour.success },
            value: (_u, v) => (v == null ? '' : formats.percent(v / 100)),
          },
        ],
        axes: [
          { ...axis, values: (_u, splits) => splits.map((s) => formats.day(s * 1000)) },
          { ...axis, scale: 'count', values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formats.count(s) : '')) },
          { ...axis, scale: 'rate', side: 1, grid: { show: false }, values: (_u, splits) => splits.map((s) => formats.percent(s / 100)) },
        ],
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
      },
      // A bar of height 0 would still be stroked, a dash on the axis for every quiet day.
      [columns.x, columns.total.map((n) => (n === 0 ? null : n)), columns.successRate],
      container,
    );
    container.dataset['points'] = String(this.#chart.data[0].length);
    this.#resize ??= new ResizeObserver(() => this.#chart?.setSize({ width: widthOf(this.#container!), height: HEIGHT }));
    this.#resize.disconnect();
    this.#resize.observe(container);
  }

  #colours(): Record<keyof typeof COLOURS, string> {
    const style = getComputedStyle(this.#host);
    const read = (name: string) => style.getPropertyValue(name).trim();
    return Object.fromEntries(Object.entries(COLOURS).map(([key, name]) => [key, read(name)])) as Record<keyof typeof COLOURS, string>;
  }

  #destroy(): void {
    this.#resize?.disconnect();
    this.#chart?.destroy();
    this.#chart = undefined;
    this.#container = undefined;
    this.#input = undefined;
  }

  hostDisconnected(): void {
    this.#destroy();
  }
}

/** The container's width, or a readable width while it is not laid out yet. */
function widthOf(container: HTMLElement): number {
  return Math.max(280, Math.floor(container.clientWidth));
}
