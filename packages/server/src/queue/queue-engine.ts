import type { ActivationSummary, Engine, EngineEvent, Logger, Workflow } from '@flowloom/engine';
import { channelsOf } from './execution-jobs.js';
import type { RedisChannels } from './redis-channels.js';
import type { SharedActivations } from './shared-activations.js';

type EventType = EngineEvent['type'];
type Listener = (event: never) => void;

/**
 * The events of every execution, wherever it runs: workers publish their
 * engines' events on Redis (without items, see `publishEvents`), and this
 * hub hands them to listeners as the engine's `on` would.
 */
export class RelayedEvents {
  readonly #listeners = new Map<EventType, Set<Listener>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Starts taking the installation's events from Redis. */
  async listen(channels: RedisChannels, prefix: string): Promise<() => void> {
    return channels.listen(channelsOf(prefix).events, (message) => this.emit(message as EngineEvent));
  }

  on<T extends EventType>(type: T, listener: (event: Extract<EngineEvent, { type: T }>) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.#listeners.get(event.type) ?? []) {
      try {
        (listener as (event: EngineEvent) => void)(event);
      } catch (error) {
        this.#logger.error(`A '${event.type}' listener threw.`, { error: String(error) });
      }
    }
  }
}

/**
 * The engine the API of a queue-mode process works through: the process's
 * own engine (which hands every run to the queue), except that
 *
 * - its events are those of every execution of the installation, relayed
 *   from the workers (`events`), so live views, metrics, quotas and error
 *   workflows see executions wherever they run;
 * - activating a workflow also records it for every process (`shared`):
 *   webhook processes route its calls, its schedules become job schedulers.
 */
export function queueModeEngine(engine: Engine, events: RelayedEvents, shared: SharedActivations | undefined): Engine {
  return {
    get nodeTypes() {
      return engine.nodeTypes;
    },
    get storage() {
      return engine.storage;
    },
    get executions() {
      return engine.executions;
    },
    get credentials() {
      return engine.credentials;
    },
    get variables() {
      return engine.variables;
    },
    run: (workflow, options) => engine.run(workflow, options),
    runJob: (job, options) => engine.runJob(job, options),
    validate: (input) => engine.validate(input),
    parseWorkflow: (input) => engine.parseWorkflow(input),
    on: (type, listener) => events.on(type, listener),
    async activate(workflow: Workflow | string, options) {
      const summary: ActivationSummary = await engine.activate(workflow, options);
      if (!shared) return summary;
      const tenantId = options?.tenantId ?? 'default';
      const document = typeof workflow === 'string' ? await engine.storage.workflows.get(tenantId, workflow) : workflow;
      try {
        await shared.record(tenantId, engine.parseWorkflow(document), summary);
      } catch (error) {
        engine.deactivate(summary.workflowId, options);
        throw error;
      }
      return summary;
    },
    deactivate: (workflowId, options) => engine.deactivate(workflowId, options),
    handleWebhook: (request, options) => engine.handleWebhook(request, options),
    // Schedules fire as job schedulers, waits resume as delayed jobs: this process runs no timers of its own.
    startScheduler: async () => engine.ready(),
    stopScheduler: () => engine.stopScheduler(),
    resume: (executionId, options) => engine.resume(executionId, options),
    loadOptions: (request) => engine.loadOptions(request),
    ready: () => engine.ready(),
    idle: () => engine.idle(),
    close: (options) => engine.close(options),
  };
}
