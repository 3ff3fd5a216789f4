import type { Execution } from './execution.js';
import type { ExecutionWait, ResumeInfo } from './execution-wait.js';

/** A waiting execution to continue, as the engine hands it to the run loop. */
export interface ResumeRequest {
  execution: Execution;
  wait: ExecutionWait;
  info: ResumeInfo;
}
