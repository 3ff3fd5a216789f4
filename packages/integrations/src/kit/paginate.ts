// How list operations move from page to page: the strategies of `PaginationSpec`, as pure functions of the answers.
import type { Call } from './call.js';
import { joinUrl } from './http.js';
import type { PageField, PaginationSpec, RequestSpec, ValueSpec } from './request-spec.js';
import type { ServiceDefinition, VendorResponse } from './service-types.js';

export interface Page {
  spec: RequestSpec;
  /** An absolute URL that replaces the spec's path and query (link header, next URL). */
  url?: string;
  index: number;
  offset: number;
}

function withField(spec: RequestSpec, field: PageField, value: ValueSpec): RequestSpec {
  if (field.in === 'query') return { ...spec, query: { ...spec.query, [field.name]: value } };
  const body = typeof spec.body === 'object' && spec.body !== null && !Array.isArray(spec.body) ? spec.body : {};
  return { ...spec, body: { ...(body as Record<string, ValueSpec>), [field.name]: value } };
}

function sized(spec: RequestSpec, p: PaginationSpec): RequestSpec {
  return p.pageSize ? withField(spec, p.pageSize, p.pageSize.value) : spec;
}

export function pageStart(p: PaginationSpec, spec: RequestSpec): Page {
  const base = sized(spec, p);
  switch (p.type) {
    case 'offset':
      return { spec: withField(base, p.offset, 0), index: 0, offset: 0 };
    case 'page':
      return { spec: withField(base, p.page, p.page.start ?? 1), index: 0, offset: 0 };
    default:
      return { spec: base, index: 0, offset: 0 };
  }
}

export function nextPage(
  p: PaginationSpec,
  spec: RequestSpec,
  page: Page,
  response: VendorResponse,
  got: number,
  call: Call,
): Page | undefined {
  const base = sized(spec, p);
  const index = page.index + 1;
  switch (p.type) {
    case 'cursor': {
      const cursor = valueAt(response.body, p.next);
      if (typeof cursor !== 'string' && typeof cursor !== 'number') return undefined;
      if (cursor === '') return undefined;
      return { spec: withField(base, p.send, cursor), index, offset: 0 };
    }
    case 'offset': {
      if (got < p.pageSize.value) return undefined;
      const offset = page.offset + got;
      return { spec: withField(base, p.offset, offset), index, offset };
    }
    case 'page': {
      if (got === 0 || (p.pageSize && got < p.pageSize.value)) return undefined;
      return { spec: withField(base, p.page, (p.page.start ?? 1) + index), index, offset: 0 };
    }
    case 'linkHeader': {
      const next = nextLink(response.headers.get('link'));
      return next ? { spec, url: absolute(call.service, next), index, offset: 0 } : undefined;
    }
    case 'nextUrl': {
      const next = valueAt(response.body, p.next);
      if (typeof next !== 'string' || next === '') return undefined;
      return { spec, url: absolute(call.service, next, p.origin), index, offset: 0 };
    }
  }
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(match[2]!)) return match[1];
  }
  return undefined;
}

function absolute(service: ServiceDefinition, next: string, origin?: string): string {
  if (/^https?:\/\//.test(next)) return next;
  if (origin) return new URL(next, origin).href;
  return joinUrl(service.baseUrl, next);
}

/** The value at a dot path (`response_metadata.next_cursor`). */
export function valueAt(value: unknown, path: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  // A key that itself holds dots (Graph's `@odata.nextLink`) is read whole before the path is split.
  if (path in record) return record[path];
  const dot = path.indexOf('.');
  if (dot === -1) return undefined;
  return valueAt(record[path.slice(0, dot)], path.slice(dot + 1));
}
