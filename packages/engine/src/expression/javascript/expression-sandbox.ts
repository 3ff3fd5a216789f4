import type { CodeLimits } from '../../code-sandbox/code-limits.js';
import type { CodeSandbox } from '../../code-sandbox/code-sandbox.js';

/** The Code sandbox and its limits, as JavaScript expressions (`{{js: }}`) run in them. */
export interface ExpressionSandbox {
  readonly port: CodeSandbox;
  readonly limits: Readonly<CodeLimits>;
}
