import type { HttpResult } from './send-request.js';

/** The value at a dotted path (`body.meta.next`, `headers.link`, `body.items.0.id`) of a response. */
export function valueAtPath(result: HttpResult, path: string): unknown {
  let value: unknown = { body: result.body, headers: result.headers, statusCode: result.statusCode };
  for (const key of path.split('.').filter((k) => k !== '')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The rel="next" URL of a Link header, when the value is one; the value itself otherwise. */
export function nextFromLink(value: string): string {
  if (!value.includes('rel=')) return value;
  for (const part of value.split(',')) {
    const match = /<([^>]+)>\s*;.*\brel="?next"?/i.exec(part);
    if (match) return match[1]!;
  }
  return '';
}

/** What the next page request needs, or undefined when the pagination is over. */
export type NextPage = { query: Record<string, string> } | { url: string } | undefined;
