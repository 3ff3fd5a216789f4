import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * An expression could not be compiled or evaluated. `position` is the
 * character offset in the parameter string where the problem is (when known),
 * so an editor can underline it.
 *
 * Codes: `EXPRESSION_SYNTAX` (cannot be parsed), `EXPRESSION_ERROR` (failed
 * while evaluating), `EXPRESSION_BUDGET` (a time, depth, size or sequence
 * budget was exceeded), `EXPRESSION_REFERENCE` (a node or variable it names
 * does not exist or has not run yet), `EXPRESSION_DISABLED` (a function the host
 * has turned off, such as `$eval`), `EXPRESSION_NOT_LOADED` (evaluated before
 * `loadExpressionLibraries` resolved).
 */
export class ExpressionError extends FlowloomError {
  static override readonly kind: string = 'ExpressionError';
  /** Offset of the problem in the parameter string (0-based), when known. */
  position: number | undefined;
  /** The expression (inside `{{ }}`) that failed, when known. */
  expression: string | undefined;
  /** Path of the parameter the template is in (`options.headers.0.value`), when known. */
  parameter: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { position?: number; expression?: string; parameter?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'ExpressionError';
    this.position = options.position;
    this.expression = options.expression;
    this.parameter = options.parameter;
  }
}
