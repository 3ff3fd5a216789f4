/** The deadlines an engine's host sets for executions. */
export interface DeadlineLimits {
  /** Deadline for an execution when neither the run nor its workflow sets one. */
  executionTimeoutMs?: number;
  /** The longest deadline any execution may have, whatever the run or its workflow asks for. */
  maxExecutionTimeoutMs?: number;
}

/**
 * The deadline an execution runs under, in ms (undefined: none): the run's
 * own `timeoutMs`, else its workflow's `settings.timeoutMs`, else the host's
 * `executionTimeoutMs`; always capped at `maxExecutionTimeoutMs`, silently,
 * so the time-limit message names the deadline that applied.
 */
export function executionDeadline(
  runTimeoutMs: number | undefined,
  workflowTimeoutMs: number | undefined,
  limits: DeadlineLimits | undefined,
): number | undefined {
  const asked = runTimeoutMs ?? workflowTimeoutMs ?? limits?.executionTimeoutMs;
  const ceiling = limits?.maxExecutionTimeoutMs;
  if (ceiling === undefined) return asked;
  return asked === undefined ? ceiling : Math.min(asked, ceiling);
}
