import type { Engine, Execution, FetchFunction, Logger } from '@flowloom/engine';

/** Where an alert goes: a URL that receives it as JSON, a Slack incoming webhook, or a function of the host's (email...). */
export type AlertChannel = { webhook: string } | { slack: string } | { send: (alert: Alert) => Promise<void> };

/** A rule over each tenant's executions (of one workflow when `workflowId` is set). */
export type AlertRule = {
  name: string;
  workflowId?: string;
  notify: AlertChannel[];
  /** After firing for a tenant, stay quiet for it this long (default: the rule's window, or 10 minutes). */
  cooldownMs?: number;
} & (
  | {
      kind: 'failureRate';
      /** Fires when failed / finished reaches this share (0 to 1). */
      threshold: number;
      /** The window the share is taken over. */
      windowMs: number;
      /** Fewer executions than this in the window never fire (default 5). */
      minExecutions?: number;
    }
  | {
      kind: 'duration';
      /** Fires when an execution takes longer than this (its SLA). */
      maxDurationMs: number;
    }
);

/** A fired alert, as channels receive it. */
export interface Alert {
  rule: string;
  kind: AlertRule['kind'];
  tenantId: string;
  workflowId?: string;
  /** A sentence for the person on call. */
  message: string;
  firedAt: string;
  /** failureRate: the executions of the window. */
  executions?: { finished: number; failed: number };
  /** duration: the slow execution. */
  executionId?: string;
  durationMs?: number;
}

/** What `createServer({ alerts })` takes. */
export interface AlertOptions {
  rules: AlertRule[];
  /** How webhook and Slack channels are called (default: the platform's fetch). */
  fetch?: FetchFunction;
}

const FAILED = new Set<Execution['status']>(['error', 'crashed']);

/**
 * Watches executions as they end and fires the rules' alerts. Counts are
 * kept in memory per rule and tenant. Returns the function that stops it.
 */
export function watchAlerts(engine: Engine, options: AlertOptions, deps: { now: () => number; logger: Logger }): () => void {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const windows = new Map<string, { at: number; failed: boolean }[]>();
  const quietUntil = new Map<string, number>();

  const fire = (rule: AlertRule, key: string, alert: Alert) => {
    const now = deps.now();
    if ((quietUntil.get(key) ?? 0) > now) return;
    quietUntil.set(key, now + (rule.cooldownMs ?? (rule.kind === 'failureRate' ? rule.windowMs : 600_000)));
    for (const channel of rule.notify) {
      deliver(channel, alert, send).catch((error: unknown) =>
        deps.logger.error(`Alert '${rule.name}' could not be delivered.`, {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  };

  return engine.on('executionFinish', ({ execution }) => {
    if (execution.mode === 'subworkflow' || execution.status === 'running' || execution.status === 'waiting') return;
    const now = deps.now();
    for (const rule of options.rules) {
      if (rule.workflowId !== undefined && rule.workflowId !== execution.workflowId) continue;
      const key = `${rule.name}\u0000${execution.tenantId}`;
      const base = {
        rule: rule.name,
        kind: rule.kind,
        tenantId: execution.tenantId,
        ...(rule.workflowId ? { workflowId: rule.workflowId } : {}),
        firedAt: new Date(now).toISOString(),
      };
      if (rule.kind === 'duration') {
        const durationMs = execution.finishedAt ? Date.parse(execution.finishedAt) - Date.parse(execution.startedAt) : 0;
        if (durationMs <= rule.maxDurationMs) continue;
        fire(rule, `${key}\u0000${execution.workflowId}`, {
          ...base,
          workflowId: execution.workflowId,
          executionId: execution.id,
          durationMs,
          message: `Execution '${execution.id}' of workflow '${execution.workflowId}' (tenant '${execution.tenantId}') took ${durationMs} ms, over the ${rule.maxDurationMs} ms of rule '${rule.name}'.`,
        });
        continue;
      }
      const window = (windows.get(key) ?? []).filter((e) => e.at > now - rule.windowMs);
      window.push({ at: now, failed: FAILED.has(execution.status) });
      windows.set(key, window);
      const failed = window.filter((e) => e.failed).length;
      if (window.length < (rule.minExecutions ?? 5) || failed / window.length < rule.threshold) continue;
      const share = Math.round((failed / window.length) * 100);
      fire(rule, key, {
        ...base,
        executions: { finished: window.length, failed },
        message:
          `${share}% of the executions of ${rule.workflowId ? `workflow '${rule.workflowId}'` : `tenant '${execution.tenantId}'`} failed ` +
          `(${failed} of ${window.length}) in the last ${Math.round(rule.windowMs / 1000)} s, at or above the ${Math.round(rule.threshold * 100)}% of rule '${rule.name}'.`,
      });
    }
  });
}

async function deliver(channel: AlertChannel, alert: Alert, send: FetchFunction): Promise<void> {
  if ('send' in channel) return channel.send(alert);
  const [url, body] = 'slack' in channel ? [channel.slack, { text: `:rotating_light: ${alert.message}` }] : [channel.webhook, alert];
  const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${new URL(url).host} answered HTTP ${response.status}`);
}
