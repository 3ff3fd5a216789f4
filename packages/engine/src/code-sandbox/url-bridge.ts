import { FlowloomError } from '../errors/flowloom.error.js';

/** The parts of a URL the guest reads, with its searchParams' serialization (`q`) and pairs (`p`). */
interface UrlRecord {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly q: string;
  readonly p: [string, string][];
}

type Setter = 'href' | 'protocol' | 'username' | 'password' | 'host' | 'hostname' | 'port' | 'pathname' | 'search' | 'hash';
const SETTERS = new Set<string>(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);
const LIST_METHODS = new Set<string>(['append', 'delete', 'set', 'sort']);
/** The longest text the guest may send in one call (its memory limit bounds it too). */
const MAX_TEXT = 16 * 1024 * 1024;

function record(url: URL): UrlRecord {
  return {
    href: url.href,
    origin: url.origin,
    protocol: url.protocol,
    username: url.username,
    password: url.password,
    host: url.host,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    q: url.searchParams.toString(),
    p: pairs(url.searchParams),
  };
}

/** What the list offers besides the types every platform declares. */
type FullList = URLSearchParams & { sort(): void; delete(name: string, value?: string): void };

function pairs(list: URLSearchParams): [string, string][] {
  const out: [string, string][] = [];
  list.forEach((value, name) => out.push([name, value]));
  return out;
}

function parse(input: unknown): URL {
  const [url, base] = input as [string, string?];
  return base === undefined ? new URL(String(url)) : new URL(String(url), String(base));
}

/** Applies one of the list's changing methods, its arguments already strings. */
function change(list: URLSearchParams, method: unknown, args: unknown): void {
  if (method === null) return;
  if (typeof method !== 'string' || !LIST_METHODS.has(method) || !Array.isArray(args))
    throw new FlowloomError('CODE_SANDBOX', `unknown URLSearchParams method ${String(method)}`);
  const [name, value] = args.map(String);
  const full = list as FullList;
  if (method === 'sort') full.sort();
  else if (method === 'delete') {
    // Without a value argument at all, not an undefined one: the platform's delete(name) removes every pair so named.
    if (value === undefined) full.delete(name!);
    else full.delete(name!, value);
  } else full[method as 'append' | 'set'](name!, value!);
}

/**
 * The host side of the guest's `URL` and `URLSearchParams` (`guest-url.ts`):
 * takes an operation and its JSON text, answers `R` + JSON or `E` + the
 * host's error message (which the guest throws as a `TypeError`). It runs in
 * the worker that runs QuickJS, with the platform's own `URL`, and never
 * hands the guest anything but strings. Operations: `url.parse` and
 * `url.check` (`[input, base?]`), `url.set` (`[href, property, value]`),
 * `url.params` (`[href, method, args]`, a change to `url.searchParams`) and
 * `url.list` (`[{ text } | { pairs }, method | null, args]`, a standalone list).
 */
export function answerUrl(op: string, text: string): string {
  try {
    if (text.length > MAX_TEXT) return `EURL text too long (${text.length} characters, at most ${MAX_TEXT})`;
    const data = JSON.parse(text) as unknown[];
    switch (op) {
      case 'url.parse':
        return `R${JSON.stringify(record(parse(data)))}`;
      case 'url.check':
        try {
          parse(data);
          return 'Rtrue';
        } catch {
          return 'Rfalse';
        }
      case 'url.set': {
        const [href, name, value] = data as [string, string, string];
        if (!SETTERS.has(name)) return `EURL.${String(name)} cannot be set`;
        const url = new URL(href);
        url[name as Setter] = String(value);
        return `R${JSON.stringify(record(url))}`;
      }
      case 'url.params': {
        const url = new URL(String(data[0]));
        change(url.searchParams, data[1], data[2]);
        return `R${JSON.stringify(record(url))}`;
      }
      case 'url.list': {
        const source = data[0] as { text?: string; pairs?: [string, string][] };
        const list = new URLSearchParams(source.pairs ?? String(source.text ?? ''));
        change(list, data[1], data[2]);
        return `R${JSON.stringify({ q: list.toString(), p: pairs(list) })}`;
      }
      default:
        return `Eunknown operation ${op}`;
    }
  } catch (error) {
    return `E${String((error as Error)?.message ?? error)}`;
  }
}
