import { FlowloomError } from './flowloom.error.js';

/** Why the options of a call were refused. */
export type OptionErrorCode =
  /** A key the function does not know (a typo, or an option of another function). */
  | 'UNKNOWN_OPTION'
  /** The options are not an object. */
  | 'OPTIONS_INVALID'
  /** One option's value is not one the function accepts (a malformed range, a key too short...). */
  | 'OPTION_INVALID'
  /** A call that deletes across tenants named none: pass `tenants` or `allTenants: true`. */
  | 'TENANT_SCOPE_REQUIRED';

/**
 * The options object of a call was refused before anything was done: an
 * unknown key, a value it cannot use, or a destructive call that did not say
 * which tenants it touches. Unknown keys are never ignored, because an option that is
 * silently dropped (`tenantId` for `tenants`) changes what a call does.
 */
export class OptionError extends FlowloomError {
  static override readonly kind: string = 'OptionError';
  /** The function whose options were refused, such as `engine.executions.prune`. */
  readonly where: string;
  /** The option at fault, as a dotted path such as `limits.maxNodeRuns` (empty for the whole object). */
  readonly option: string;

  constructor(code: OptionErrorCode, where: string, option: string, message: string) {
    super(code, message);
    this.name = 'OptionError';
    this.where = where;
    this.option = option;
  }
}
