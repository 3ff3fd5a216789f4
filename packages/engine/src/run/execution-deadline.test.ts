import { describe, expect, it } from 'vitest';
import { executionDeadline } from './execution-deadline.js';

describe('executionDeadline', () => {
  it('takes the run, else the workflow, else the host default', () => {
    expect(executionDeadline(100, 200, { executionTimeoutMs: 300 })).toBe(100);
    expect(executionDeadline(undefined, 200, { executionTimeoutMs: 300 })).toBe(200);
    expect(executionDeadline(undefined, undefined, { executionTimeoutMs: 300 })).toBe(300);
    expect(executionDeadline(undefined, undefined, undefined)).toBeUndefined();
  });

  it('caps every deadline at the ceiling, which is also the deadline when nothing else is set', () => {
    const limits = { executionTimeoutMs: 1_000, maxExecutionTimeoutMs: 300 };
    expect(executionDeadline(3_600_000, undefined, limits)).toBe(300);
    expect(executionDeadline(undefined, 3_600_000, limits)).toBe(300);
    expect(executionDeadline(undefined, undefined, limits)).toBe(300);
    expect(executionDeadline(50, 3_600_000, limits)).toBe(50);
    expect(executionDeadline(undefined, undefined, { maxExecutionTimeoutMs: 300 })).toBe(300);
  });
});
