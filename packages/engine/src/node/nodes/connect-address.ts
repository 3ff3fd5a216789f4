import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressPolicy } from '../../ports/addresses.js';
import { NetworkError } from '../../ports/network.error.js';
import { PrivateNetworkError } from '../../ports/private-network.error.js';

/** The network policy of the engine (`createNodeEngine({ http })`), applied to SMTP and IMAP connections too. */
export interface ConnectPolicy {
  allowPrivateNetworks?: boolean | undefined;
  allowedRanges?: readonly string[] | undefined;
  /** Resolves a host name to its addresses (default: `dns.lookup` with `all: true`). */
  resolve?: (hostname: string) => Promise<string[]>;
}

async function resolveAll(hostname: string): Promise<string[]> {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Makes the function the mail nodes find the address to connect to with:
 * every address a name resolves to must be public (or in `allowedRanges`),
 * as for HTTP requests, and the connection goes to one of the checked
 * addresses (the name stays the TLS server name), so a DNS answer that
 * changes after the check cannot move it. With `allowPrivateNetworks` the
 * name is returned as it is.
 */
export function createConnectAddress(policy: ConnectPolicy): (hostname: string) => Promise<string> {
  if (policy.allowPrivateNetworks) return (hostname) => Promise.resolve(hostname);
  const allowed = addressPolicy(policy.allowedRanges);
  const resolve = policy.resolve ?? resolveAll;
  return async (hostname) => {
    const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    if (isIP(bare) !== 0) {
      if (!allowed(bare)) throw new PrivateNetworkError(hostname);
      return bare;
    }
    let addresses: string[];
    try {
      addresses = await resolve(bare);
    } catch (error) {
      throw new NetworkError('HOST_UNRESOLVED', `Cannot resolve host '${hostname}': ${(error as Error).message}`, { cause: error });
    }
    if (addresses.length === 0) throw new NetworkError('HOST_UNRESOLVED', `Cannot resolve host '${hostname}': DNS gave no addresses.`);
    for (const address of addresses) if (!allowed(address)) throw new PrivateNetworkError(hostname, address);
    return addresses[0]!;
  };
}
