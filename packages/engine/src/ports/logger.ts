/** Where the engine writes diagnostics. Hosts plug in their own logger. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const noop = () => {};

/** Discards everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Writes warnings and errors to the console; the engine's default. */
export const consoleLogger: Logger = {
  debug: noop,
  info: noop,
  warn: (message, data) => console.warn(`[flowloom] ${message}`, ...(data ? [data] : [])),
  error: (message, data) => console.error(`[flowloom] ${message}`, ...(data ? [data] : [])),
};
