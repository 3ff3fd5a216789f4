/**
 * Imported first by the worker entries: whatever a worker prints (the guest,
 * the runtime, a host node module) is dropped inside the worker instead of
 * reaching the host's stdout and stderr.
 *
 * Dropping it here matters: a host that reads a worker's `stdout`/`stderr`
 * streams keeps its own process alive for as long as the worker lives, so an
 * idle worker would stop a script from exiting.
 */
type Write = typeof process.stdout.write;

const drop = ((...args: unknown[]) => {
  const done = args.at(-1);
  if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
  return true;
}) as Write;

process.stdout.write = drop;
process.stderr.write = drop;
