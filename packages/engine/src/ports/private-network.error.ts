import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * A request was refused because its host is (or resolves to) a loopback,
 * private, link-local or other non-public address that the engine does not
 * allow (`isPrivateAddress`, `HttpOptions.allowedRanges`).
 */
export class PrivateNetworkError extends FlowloomError {
  static override readonly kind: string = 'PrivateNetworkError';

  constructor(
    /** The host name or address that was refused. */
    readonly host: string,
    /** The address it resolved to, when it differs from `host`. */
    readonly address?: string,
  ) {
    const where = address && address !== host ? `'${host}' (${address})` : `'${host}'`;
    super(
      'PRIVATE_NETWORK_REFUSED',
      `Requests to ${where} are refused: it is a loopback, private, link-local or other non-public address. ` +
        'The host can allow chosen ranges with createEngine({ http: { allowedRanges: [...] } }), ' +
        'or every address with createEngine({ http: { allowPrivateNetworks: true } }).',
    );
    this.name = 'PrivateNetworkError';
  }
}
