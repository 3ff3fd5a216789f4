import ipaddr from 'ipaddr.js';
import { OptionError } from '../errors/option.error.js';
import { PrivateNetworkError } from './private-network.error.js';

// Which addresses HTTP requests may reach: a module of its own, so a page loads
// ipaddr.js with its engine's first request (see EngineTriggers), not before.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an address as URLs and DNS answers write it: dotted-quad IPv4 or
 * IPv6. Other IPv4 spellings (`0x7f.1`, `127.1`, leading zeros) are refused:
 * URL parsing has already normalized them, so one here is malformed.
 */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** The IPv4 address in two 16-bit groups. */
function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** Only ordinary unicast is public: ipaddr.js names every special-purpose block. */
function isPublicIpv4(address: ipaddr.IPv4): boolean {
  return address.range() === 'unicast';
}

/**
 * Global unicast (2000::/3) outside special-purpose blocks is public, and so
 * are transition addresses whose embedded IPv4 addresses all are.
 */
function isPublicIpv6(address: ipaddr.IPv6): boolean {
  if (address.zoneId !== undefined) return false; // a zone only makes sense for link- or site-scoped addresses
  const g = address.parts;
  const v4 = (at: number, xor = 0) => ipv4Of(g[at]! ^ xor, g[at + 1]! ^ xor);
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0) {
    // IPv4-compatible ::a.b.c.d (:: and ::1 included), IPv4-mapped ::ffff:a.b.c.d
    // and SIIT ::ffff:0:a.b.c.d; anything else under ::/64 is unassigned.
    const carriesIpv4 = (g[4] === 0 && (g[5] === 0 || g[5] === 0xffff)) || (g[4] === 0xffff && g[5] === 0);
    return carriesIpv4 && isPublicIpv4(v4(6));
  }
  switch (address.range()) {
    case 'unicast':
      return (g[0]! & 0xe000) === 0x2000; // the rest of the space is unassigned
    case '6to4': // 2002:a.b.c.d::/48
      return isPublicIpv4(v4(1));
    case 'teredo': // 2001:0:server:flags:port:client, the client address inverted
      return isPublicIpv4(v4(2)) && isPublicIpv4(v4(6, 0xffff));
    case 'rfc6052':
      // NAT64: the well-known prefix 64:ff9b::/96 reaches the IPv4 address in its
      // last 32 bits, so it is judged by that address. 64:ff9b:1::/48 is for
      // translators inside one network (RFC 8215) and is never public.
      return g[2] === 0 && isPublicIpv4(v4(6));
    default:
      return false;
  }
}

/**
 * Whether an IP address (v4 or v6, without brackets) is not a public unicast
 * address: loopback, private, link-local, unspecified, multicast, broadcast,
 * carrier-grade NAT, unique-local, reserved or documentation blocks, and IPv6
 * forms that carry such an IPv4 address (IPv4-mapped and -compatible, SIIT,
 * 6to4, Teredo, NAT64 `64:ff9b::/96`). Anything that is not a well-formed
 * address counts as private.
 *
 * @example
 * isPrivateAddress('2002:a9fe:a9fe::'); // true: 6to4 for 169.254.169.254
 * isPrivateAddress('2606:4700::1111'); // false
 */
export function isPrivateAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (parsed === undefined) return true;
  return parsed instanceof ipaddr.IPv4 ? !isPublicIpv4(parsed) : !isPublicIpv6(parsed);
}

/** Whether a URL host is an IP literal (`[::1]` included). */
export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return parseAddress(bare) !== undefined;
}

/** Whether requests may go to an address (as DNS or a URL writes it). */
export type AddressPolicy = (address: string) => boolean;

function parseRange(range: string): [Address, number] {
  const [text = '', bits, ...rest] = range.trim().split('/');
  const address = parseAddress(text);
  const max = address instanceof ipaddr.IPv4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (address === undefined || rest.length > 0 || !(prefix <= max)) {
    throw new OptionError(
      'OPTION_INVALID',
      'http',
      'allowedRanges',
      `allowedRanges: ${JSON.stringify(range)} is not an address range; write one such as '10.20.0.0/16' or 'fd00:db::/64'.`,
    );
  }
  return [address, prefix];
}

/**
 * The policy for an engine's HTTP requests: public addresses, and the host's
 * `allowedRanges` (an IPv4-mapped IPv6 address is matched as its IPv4 address).
 * Throws an `OptionError` (`OPTION_INVALID`) for an entry that is not a range.
 */
export function addressPolicy(allowedRanges: readonly string[] = []): AddressPolicy {
  const ranges = allowedRanges.map(parseRange);
  return (address) => {
    if (!isPrivateAddress(address)) return true;
    const parsed = parseAddress(address);
    if (parsed === undefined || ranges.length === 0) return false;
    const plain = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
    return ranges.some(([base, bits]) => base.kind() === plain.kind() && plain.match(base, bits));
  };
}

const publicOnly: AddressPolicy = (address) => !isPrivateAddress(address);

/**
 * Refuses a URL whose host is visibly private without resolving it: an IP
 * literal the policy refuses (by default, any non-public one), `localhost` or
 * a `.localhost` name. Used by every engine; the Node entry adds a check of
 * what names resolve to.
 */
export function assertPublicUrlHost(url: URL, allowed: AddressPolicy = publicOnly): void {
  const host = url.hostname.toLowerCase();
  const bare = host.startsWith('[') ? host.slice(1, -1) : host.replace(/\.$/, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) throw new PrivateNetworkError(url.hostname);
  if (isIpLiteral(bare) && !allowed(bare)) throw new PrivateNetworkError(url.hostname);
}
