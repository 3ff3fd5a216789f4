import { z } from 'zod';
import { defineNode } from '../define-node.js';

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Whether a string names a time zone this platform knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The Schedule Trigger's parameters (also read by `engine.activate`). */
export const scheduleProperties = z
  .object({
    mode: z
      .enum(['interval', 'cron'])
      .default('interval')
      .meta({
        label: 'Trigger',
        noExpression: true,
        options: [
          { value: 'interval', label: 'Every interval' },
          { value: 'cron', label: 'Cron expression' },
        ],
      }),
    interval: z
      .number()
      .positive()
      .default(1)
      .meta({ label: 'Every', noExpression: true, displayOptions: { show: { mode: ['interval'] } } }),
    unit: z
      .enum(['seconds', 'minutes', 'hours', 'days'])
      .default('minutes')
      .meta({ label: 'Unit', noExpression: true, displayOptions: { show: { mode: ['interval'] } } }),
    cronExpression: z
      .string()
      .trim()
      .refine((s) => [5, 6].includes(s.split(/\s+/).length), 'must have 5 fields (minute hour day month weekday) or 6 (with seconds first)')
      .optional()
      .meta({
        label: 'Cron expression',
        placeholder: '0 9 * * 1-5',
        description: '5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first.',
        noExpression: true,
        displayOptions: { show: { mode: ['cron'] } },
      }),
    timezone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as "Europe/Paris"')
      .optional()
      .meta({
        label: 'Time zone',
        placeholder: 'Europe/Paris',
        description: "Defaults to the workflow's time zone setting, else UTC.",
        noExpression: true,
        displayOptions: { show: { mode: ['cron'] } },
      }),
  })
  .superRefine((p, ctx) => {
    if (p.mode === 'cron' && p.cronExpression === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cronExpression'], message: 'is required when mode is "cron"' });
    }
  });

/** Milliseconds between runs for an interval schedule. */
export function intervalMs(p: { interval: number; unit: keyof typeof UNIT_MS }): number {
  return Math.max(1000, Math.round(p.interval * UNIT_MS[p.unit]));
}

/**
 * Starts a run on a schedule while the workflow is active and the engine's
 * scheduler runs (`engine.startScheduler()`): every interval, or on a cron
 * expression in a time zone.
 */
export const scheduleTrigger = defineNode({
  type: 'core.scheduleTrigger',
  version: 1,
  displayName: 'Schedule Trigger',
  description: 'Starts the workflow every interval or on a cron schedule, in a time zone.',
  group: 'trigger',
  icon: 'clock',
  inputs: [],
  outputs: ['main'],
  properties: scheduleProperties,
  execute(ctx) {
    const items = ctx.input();
    if (items.length > 0) return items;
    const now = new Date(ctx.now()).toISOString();
    return [{ json: { timestamp: now, firedAt: now } }];
  },
});
