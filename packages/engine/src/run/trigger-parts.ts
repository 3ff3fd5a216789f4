import type { EngineInternals } from './engine-internals.js';
import { Polls } from './polls.js';
import { Scheduler } from './scheduler.js';
import { WaitingExecutions } from './waits.js';
import { checkWebhookCallOptions, WebhookRouter, type WebhookOptions } from './webhooks.js';
import { triggersOf } from './workflow-triggers.js';

/** What serves an engine's triggers: webhook routing, the scheduler, polls and waiting executions. */
export interface TriggerParts {
  readonly router: WebhookRouter;
  readonly scheduler: Scheduler;
  readonly polls: Polls;
  readonly waits: WaitingExecutions;
  readonly triggersOf: typeof triggersOf;
  readonly checkWebhookCallOptions: typeof checkWebhookCallOptions;
}

/** Makes an engine's trigger parts (a module of their own, loaded with their first use; see EngineTriggers). */
export function createTriggerParts(engine: EngineInternals, webhooks: WebhookOptions | undefined): TriggerParts {
  const waits = new WaitingExecutions(engine);
  const router = new WebhookRouter(engine, waits, webhooks);
  return { router, scheduler: new Scheduler(engine), polls: new Polls(engine), waits, triggersOf, checkWebhookCallOptions };
}
