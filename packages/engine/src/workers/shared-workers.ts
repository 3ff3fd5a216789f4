import { exitNotifier, type WorkerExit, type WorkerPort } from './worker-port.js';
import type { WorkerPoolOptions } from './worker-pool.js';

/** The pool `isolation: 'worker'` creates (`EngineOptions.isolationOptions`). */
export interface IsolationPoolOptions extends WorkerPoolOptions {
  /** V8 heap limit of each execution worker, in MiB (Node; default 256, at least 64). */
  heapMb?: number;
  /** Executions of one tenant a worker thread carries at once (default 1); see `NodeExecutionIsolationOptions`. */
  executionsPerWorker?: number;
}

/** A message on a shared worker, for one of its channels. */
export type ChannelPart<M> = { ch: number; m: M } | { ch: number; close: true };

/** What crosses to a shared worker: one channel's message, or several sent in the same turn, in order. */
export type ChannelMessage<M> = ChannelPart<M> | { batch: ChannelPart<M>[] };

type SetImmediate = (callback: () => void) => unknown;

/**
 * Runs `callback` once the current turn's work is done: after the I/O callbacks of this turn in Node
 * (`setImmediate`), so that what they sent crosses together; elsewhere at the end of the current task.
 */
const afterThisTurn: (callback: () => void) => void = (() => {
  const setImmediate = (globalThis as { setImmediate?: SetImmediate }).setImmediate;
  return typeof setImmediate === 'function' ? (callback: () => void) => void setImmediate(callback) : queueMicrotask;
})();

/** A message from a shared worker, from one of its channels. */
export type SharedWorkerMessage<M> = { ch: number; m: M };

/** Options of `sharedWorkers`. */
export interface SharedWorkersOptions<In, Out> {
  /** Starts a real worker for a tenant. */
  spawn(tenantId: string): WorkerPort<ChannelMessage<In>, SharedWorkerMessage<Out>>;
  /** Channels (jobs at once) a real worker carries; more start another worker of the tenant. */
  channelsPerWorker: number;
}

interface Physical<In, Out> {
  port: WorkerPort<ChannelMessage<In>, SharedWorkerMessage<Out>>;
  channels: Map<number, Channel<Out>>;
  dead: boolean;
  /** What its channels sent this turn, crossing together at its end (see `send`). */
  outbox: ChannelPart<In>[];
}

interface Channel<Out> {
  listeners: ((message: Out) => void)[];
  exit: ReturnType<typeof exitNotifier>;
  busy: boolean;
}

/**
 * Lets a pool of one-job-at-a-time workers (`createWorkerPool`) carry several
 * jobs on each real worker of a tenant: every worker the pool starts is a
 * channel of a real worker that has room (or of a new one). A channel the
 * pool ends while it is idle is closed alone; one it ends while busy (a
 * deadline passed, a cancel) ends its real worker, since a job that holds
 * the thread cannot be stopped otherwise: the other busy channels of that
 * worker then exit, with a message naming the reason. A real worker that
 * dies (out of memory, a crash) ends all its channels.
 */
export function sharedWorkers<In, Out>(options: SharedWorkersOptions<In, Out>): (tenantId: string) => WorkerPort<In, Out> {
  const perWorker = Math.max(1, Math.floor(options.channelsPerWorker));
  const byTenant = new Map<string, Physical<In, Out>[]>();
  let nextChannel = 1;

  const endPhysical = (tenantId: string, physical: Physical<In, Out>, exit: WorkerExit) => {
    if (physical.dead) return;
    physical.dead = true;
    const list = byTenant.get(tenantId);
    if (list) {
      list.splice(list.indexOf(physical), 1);
      if (list.length === 0) byTenant.delete(tenantId);
    }
    for (const channel of physical.channels.values()) channel.exit.fire(exit);
    physical.channels.clear();
  };

  // Messages to a worker cross once per turn: under load, the runs started by the calls of one turn wake the worker
  // once, not once each.
  const send = (physical: Physical<In, Out>, part: ChannelPart<In>) => {
    if (physical.dead) return;
    physical.outbox.push(part);
    if (physical.outbox.length > 1) return;
    afterThisTurn(() => {
      const parts = physical.outbox.splice(0);
      if (physical.dead || parts.length === 0) return;
      physical.port.postMessage(parts.length === 1 ? parts[0]! : { batch: parts });
    });
  };

  const start = (tenantId: string): Physical<In, Out> => {
    const physical: Physical<In, Out> = { port: options.spawn(tenantId), channels: new Map(), dead: false, outbox: [] };
    const deliver = (ch: number, m: Out) => {
      const channel = physical.channels.get(ch);
      if (channel) for (const listener of channel.listeners) listener(m);
    };
    physical.port.onMessage((message) => deliver(message.ch, message.m));
    physical.port.onExit((exit) => endPhysical(tenantId, physical, exit));
    physical.port.setBusy?.(false);
    let list = byTenant.get(tenantId);
    if (!list) byTenant.set(tenantId, (list = []));
    list.push(physical);
    return physical;
  };

  const setBusy = (physical: Physical<In, Out>) => {
    if (!physical.dead) physical.port.setBusy?.([...physical.channels.values()].some((c) => c.busy));
  };

  return (tenantId) => {
    const physical = byTenant.get(tenantId)?.find((p) => p.channels.size < perWorker) ?? start(tenantId);
    const ch = nextChannel++;
    const channel: Channel<Out> = { listeners: [], exit: exitNotifier(), busy: false };
    physical.channels.set(ch, channel);
    return {
      postMessage: (m) => send(physical, { ch, m }),
      onMessage: (listener) => void channel.listeners.push(listener),
      onExit: channel.exit.listen,
      setBusy: (busy) => {
        channel.busy = busy;
        setBusy(physical);
      },
      terminate: () => {
        channel.exit.stop();
        if (physical.dead || !physical.channels.delete(ch)) return;
        if (!channel.busy) {
          // Idle: only this channel goes; the real worker ends with its last channel.
          if (physical.channels.size > 0) {
            send(physical, { ch, close: true });
            setBusy(physical);
            return;
          }
          endPhysical(tenantId, physical, { outOfMemory: false, message: 'closed' });
          return void physical.port.terminate();
        }
        // Busy: the job may hold the thread; the real worker goes, with every job on it.
        endPhysical(tenantId, physical, {
          outOfMemory: false,
          message: 'another execution on the same worker thread held it past its deadline or a cancel; the thread was stopped',
        });
        return physical.port.terminate();
      },
    };
  };
}

/** The worker side of `sharedWorkers`: each channel the host opens gets an endpoint of its own, served by `serve`. */
export function serveChannels<In, Out>(
  port: { onMessage(listener: (message: ChannelMessage<In>) => void): void; postMessage(message: SharedWorkerMessage<Out>): void },
  serve: (endpoint: { onMessage(listener: (message: In) => void): void; postMessage(message: Out): void }) => void,
): void {
  const channels = new Map<number, (message: In) => void>();
  const receive = (message: ChannelPart<In>) => {
    if ('close' in message) {
      channels.delete(message.ch);
      return;
    }
    let listener = channels.get(message.ch);
    if (!listener) {
      const ch = message.ch;
      serve({
        onMessage: (l) => void channels.set(ch, l),
        postMessage: (m) => port.postMessage({ ch, m }),
      });
      listener = channels.get(ch);
    }
    listener?.(message.m);
  };
  port.onMessage((message) => {
    if ('batch' in message) for (const part of message.batch) receive(part);
    else receive(message);
  });
}
