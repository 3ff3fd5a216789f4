import { FlowloomError } from '../errors/flowloom.error.js';

/** Why a request could not be sent. */
export type NetworkErrorCode =
  /** The host name has no address (or none of the family asked for). */
  | 'HOST_UNRESOLVED'
  /** The server kept redirecting, past the limit. */
  | 'TOO_MANY_REDIRECTS'
  /** The request or its answer failed on the way (connection refused or reset, body cut off...). */
  | 'REQUEST_FAILED';

/**
 * A request could not be sent or its answer could not be read: a network
 * failure, as `fetch` reports with a `TypeError`. The HTTP Request node
 * retries these, as it does other network errors.
 */
export class NetworkError extends FlowloomError {
  static override readonly kind: string = 'NetworkError';

  constructor(code: NetworkErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'NetworkError';
  }
}
