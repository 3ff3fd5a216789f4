import type { Logger } from '@flowloom/engine';
import type { Redis } from 'ioredis';

/**
 * The Redis pub/sub a process uses, on one subscriber connection: listeners
 * per channel, and `publish` on the process's command connection. Messages
 * are JSON. Pub/sub delivers to those connected at the time: what a
 * message tells must also be found another way (storage, a job's end) by a
 * process that was away; `onReconnect` tells listeners when to look.
 */
export class RedisChannels {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #logger: Logger;
  readonly #listeners = new Map<string, Set<(message: unknown) => void>>();
  readonly #reconnected = new Set<() => void>();
  #wasReady = false;

  constructor(publisher: Redis, logger: Logger) {
    this.#publisher = publisher;
    this.#logger = logger;
    // A subscribed connection takes no other command: a connection of its own, as the publisher's options give.
    this.#subscriber = publisher.duplicate();
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('message', (channel: string, text: string) => {
      const listeners = this.#listeners.get(channel);
      if (!listeners) return;
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          this.#logger.error(`A listener of ${channel} failed.`, { error: String(error) });
        }
      }
    });
    // ioredis subscribes again after a reconnection; what was published meanwhile is lost.
    this.#subscriber.on('ready', () => {
      if (this.#wasReady) for (const listener of this.#reconnected) listener();
      this.#wasReady = true;
    });
  }

  /** Listens on a channel; resolves once subscribed, with the function that stops listening. */
  async listen(channel: string, listener: (message: unknown) => void): Promise<() => void> {
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      this.#listeners.set(channel, (listeners = new Set()));
      await this.#subscriber.subscribe(channel);
    }
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  /** Called after the subscriber connection came back (messages of the outage are lost). */
  onReconnect(listener: () => void): () => void {
    this.#reconnected.add(listener);
    return () => this.#reconnected.delete(listener);
  }

  /** Publishes a JSON message; resolves once Redis has it. */
  async publish(channel: string, message: unknown): Promise<void> {
    await this.#publisher.publish(channel, JSON.stringify(message));
  }

  close(): void {
    this.#subscriber.disconnect();
  }
}
