import { FlowloomError } from '@flowloom/engine';

/** Why a dashboard call was refused. */
export type DashboardErrorCode =
  /** The dashboard has a server URL but no token. */
  | 'TOKEN_MISSING'
  /** A field of a request is wrong (an email address, a role). */
  | 'INPUT_INVALID'
  /** The member or invite named does not exist. */
  | 'NOT_FOUND'
  /** The caller may not do this. */
  | 'FORBIDDEN'
  /** The server answered with a body the dashboard cannot read. */
  | 'ANSWER_INVALID';

/**
 * A dashboard data source refused a call: `code` is stable, `message` says
 * what was wrong and where, and is what the dashboard shows.
 */
export class DashboardError extends FlowloomError {
  static override readonly kind: string = 'DashboardError';
  declare readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DashboardError';
  }
}
