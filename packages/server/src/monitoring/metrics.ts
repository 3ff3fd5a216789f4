import type { Engine } from '@flowloom/engine';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ApiError } from '../errors/api.error.js';

/** Where `/metrics` reads from, and who may read it. */
export interface MetricsOptions {
  /** The registry the server's metrics are registered in (default: a new one, so two servers never collide). */
  registry?: Registry;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (a scraper's secret). */
  token?: string;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** The server's Prometheus metrics: executions from the engine's events, and the HTTP requests it answers. */
export class ServerMetrics {
  readonly registry: Registry;
  readonly #token: string | undefined;
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #requestDuration: Histogram<'method' | 'route'>;

  constructor(engine: Engine, options: MetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    this.#token = options.token;
    const registers = [this.registry];
    const executions = new Counter({
      name: 'flowloom_executions_total',
      help: 'Executions that ended, by status and by what started them (mode).',
      labelNames: ['status', 'mode'] as const,
      registers,
    });
    const executionDuration = new Histogram({
      name: 'flowloom_execution_duration_seconds',
      help: 'How long executions took, start to end, by status and mode.',
      labelNames: ['status', 'mode'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    });
    const nodeDuration = new Histogram({
      name: 'flowloom_node_duration_seconds',
      help: 'How long node runs took, by status.',
      labelNames: ['status'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    });
    const running = new Gauge({ name: 'flowloom_executions_running', help: 'Executions running now.', registers });
    this.#requests = new Counter({
      name: 'flowloom_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    });
    this.#requestDuration = new Histogram({
      name: 'flowloom_http_request_duration_seconds',
      help: 'How long HTTP requests took to answer, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    });

    engine.on('executionStart', () => running.inc());
    engine.on('executionFinish', ({ execution }) => {
      running.dec();
      const labels = { status: execution.status, mode: execution.mode };
      executions.inc(labels);
      const seconds = secondsBetween(execution.startedAt, execution.finishedAt);
      if (seconds !== undefined) executionDuration.observe(labels, seconds);
    });
    engine.on('nodeFinish', ({ run }) => {
      const seconds = secondsBetween(run.startedAt, run.finishedAt);
      if (seconds !== undefined) nodeDuration.observe({ status: run.status }, seconds);
    });
  }

  /** Middleware that counts and times every request by its route pattern (never its raw path, which holds ids). */
  readonly observe: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = routePath(c);
      const labels = { method: c.req.method, route: route === '*' || route === '/*' ? 'unmatched' : route };
      this.#requests.inc({ ...labels, status: String(c.res.status) });
      this.#requestDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };

  /** The `/metrics` handler, in Prometheus' text format. */
  readonly handle: MiddlewareHandler = async (c) => {
    if (this.#token !== undefined && c.req.header('authorization') !== `Bearer ${this.#token}`) {
      throw new ApiError(401, 'AUTH_REQUIRED', 'Send the metrics token as `Authorization: Bearer <token>`.', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    return c.body(await this.registry.metrics(), 200, { 'content-type': this.registry.contentType });
  };
}

function secondsBetween(from: string, to: string | undefined): number | undefined {
  if (to === undefined) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}
