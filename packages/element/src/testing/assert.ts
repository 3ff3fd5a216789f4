/** Minimal assertions for the browser tests (mocha in @web/test-runner has none built in). */
export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(message);
}

/** Deep equality through JSON, with both values in the message. */
export function equal(actual: unknown, expected: unknown, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

/**
 * Waits until `fn` returns a truthy value (polling each animation frame). `ms`
 * is a watchdog for a condition that never comes, far above any real wait.
 */
export async function until<T>(fn: () => T, message = 'condition not met', ms = 60_000): Promise<NonNullable<T>> {
  const end = performance.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (performance.now() > end) throw new Error(`Timed out: ${message}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}
