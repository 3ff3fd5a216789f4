import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { EngineInternals } from './engine-internals.js';

/** When a Schedule Trigger fires: a cron expression in a time zone, or a fixed interval. */
export type ScheduleRule = { kind: 'cron'; expression: string; timezone: string } | { kind: 'interval'; ms: number };

/** One Schedule Trigger of an active workflow. */
export interface ScheduleEntry {
  tenantId: string;
  workflow: Workflow;
  nodeId: string;
  rule: ScheduleRule;
  /** What a tick does instead of starting a run at the node (a polling trigger's poll). */
  onTick?: () => void;
}

interface Planned extends ScheduleEntry {
  next(after: number): number | undefined;
  cancel?: () => void;
  /** When it last fired (the tick's time), kept while the scheduler is stopped. */
  lastFired?: number;
  /** When it was added, the origin of interval ticks before the first one. */
  since: number;
}

type CronClass = typeof import('croner').Cron;
let cronClass: Promise<CronClass> | undefined;
/** croner is loaded on first use. */
function loadCron(): Promise<CronClass> {
  return (cronClass ??= import('croner').then((m) => m.Cron));
}

/**
 * Builds a function giving the next tick strictly after a time. Throws a
 * readable error for a cron expression croner refuses.
 */
export async function nextTickFunction(rule: ScheduleRule): Promise<(after: number) => number | undefined> {
  if (rule.kind === 'interval') return (after) => after + rule.ms;
  const Cron = await loadCron();
  const job = new Cron(rule.expression, { timezone: rule.timezone, paused: true, mode: '5-or-6-parts' });
  return (after) => job.nextRun(new Date(after))?.getTime();
}

const key = (tenantId: string, workflowId: string, nodeId: string) => `${tenantId}\u0000${workflowId}\u0000${nodeId}`;

/**
 * Fires the Schedule Triggers of active workflows on the engine's clock.
 * Ticks are computed from the last one, so runs do not drift; when the
 * scheduler starts again after a stop, a tick missed meanwhile fires once
 * (never once per missed tick, and never a tick that already fired).
 */
export class Scheduler {
  readonly #entries = new Map<string, Planned>();
  #running = false;

  constructor(private readonly engine: EngineInternals) {}

  get running(): boolean {
    return this.#running;
  }

  /** Replaces a workflow's schedules. Rejects (adding nothing) when a rule is invalid. */
  async set(tenantId: string, workflowId: string, entries: ScheduleEntry[]): Promise<void> {
    const planned: Planned[] = [];
    for (const entry of entries) {
      const previous = this.#entries.get(key(tenantId, workflowId, entry.nodeId));
      planned.push({
        ...entry,
        next: await nextTickFunction(entry.rule),
        since: this.engine.clock.now(),
        ...(previous?.lastFired !== undefined ? { lastFired: previous.lastFired } : {}),
      });
    }
    this.remove(tenantId, workflowId);
    for (const p of planned) {
      this.#entries.set(key(tenantId, workflowId, p.nodeId), p);
      if (this.#running) this.#arm(p, false);
    }
  }

  /** Removes a workflow's schedules. */
  remove(tenantId: string, workflowId: string): void {
    for (const [k, p] of this.#entries) {
      if (p.tenantId !== tenantId || p.workflow.id !== workflowId) continue;
      p.cancel?.();
      this.#entries.delete(k);
    }
  }

  /** Starts firing; a tick missed while stopped fires once now. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const p of this.#entries.values()) this.#arm(p, true);
  }

  /** Stops firing; running executions go on. */
  stop(): void {
    this.#running = false;
    for (const p of this.#entries.values()) {
      p.cancel?.();
      delete p.cancel;
    }
  }

  #arm(p: Planned, catchUp: boolean): void {
    const now = this.engine.clock.now();
    const origin = p.lastFired ?? (p.rule.kind === 'interval' ? p.since : now);
    let due = p.next(origin);
    if (due === undefined) return;
    if (due <= now) {
      if (catchUp && p.lastFired !== undefined) {
        // Missed while stopped: fire once for the latest missed tick, then go on from now.
        let latest = due;
        for (let n = p.next(latest); n !== undefined && n <= now; n = p.next(latest)) latest = n;
        this.#fire(p, latest);
      }
      due = p.rule.kind === 'interval' ? now + p.rule.ms : p.next(now);
      if (due === undefined) return;
    }
    const at = due;
    p.cancel?.();
    p.cancel = this.engine.clock.setTimer(at - now, () => {
      delete p.cancel;
      if (!this.#running) return;
      this.#fire(p, at);
      this.#arm(p, false);
    });
  }

  #fire(p: Planned, tick: number): void {
    p.lastFired = tick;
    if (p.onTick) return p.onTick();
    const item: Item = {
      json: {
        timestamp: new Date(tick).toISOString(),
        firedAt: new Date(this.engine.clock.now()).toISOString(),
        ...(p.rule.kind === 'cron' ? { timezone: p.rule.timezone, cronExpression: p.rule.expression } : {}),
      },
    };
    this.engine
      .execute(p.workflow, { tenantId: p.tenantId, mode: 'schedule', startNode: p.nodeId, input: [item] })
      .catch((error: unknown) =>
        this.engine.logger.error(`Scheduled run of workflow '${p.workflow.id}' could not start.`, { error: String(error) }),
      );
  }
}
