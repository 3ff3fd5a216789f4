import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { NetworkError } from '../../../ports/network.error.js';
import { defineNode } from '../../define-node.js';
import { parameterError } from '../shared/node-error.js';
import { loadHtml } from '../html/html-library.js';
import { htmlToText } from '../html/html-text.js';
import { parseFeed } from './parse-feed.js';

const properties = z.object({
  url: z
    .string()
    .min(1)
    .meta({ label: 'URL', placeholder: 'https://example.com/feed.xml', description: 'The feed’s address (RSS 2.0, RSS 1.0 or Atom).' }),
  timeoutMs: z.number().int().positive().default(60_000).meta({ label: 'Timeout (ms)' }),
});

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** The text of an answer, in the encoding its Content-Type or XML declaration names (UTF-8 by default). */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const label = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /^<\?xml[^>]*encoding=["']([\w-]+)["']/.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Reads an RSS or Atom feed over HTTP into one item per entry. */
export const rssReadNode = defineNode({
  type: 'core.rssRead',
  version: 1,
  displayName: 'RSS Read',
  description: 'Fetches an RSS or Atom feed and outputs one item per entry: title, link, date, author, content and more.',
  group: 'data',
  icon: 'rss',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const p = ctx.params(i);
      let url: URL;
      try {
        url = new URL(p.url);
      } catch {
        throw parameterError(name, 'url', `must be an http:// or https:// URL, got ${JSON.stringify(p.url)}`, i);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw parameterError(name, 'url', `must be an http:// or https:// URL, got ${JSON.stringify(p.url)}`, i);
      }
      const where = `GET ${url.href}`;
      const timer = new AbortController();
      const stopTimer = new AbortController();
      ctx
        .sleep(p.timeoutMs, stopTimer.signal)
        .then(() => timer.abort())
        .catch(() => {});
      let bytes: Uint8Array;
      let contentType: string | null;
      try {
        const response = await ctx.fetch(url, { headers: { accept: ACCEPT }, signal: timer.signal });
        if (!response.ok) {
          await response.arrayBuffer().catch(() => undefined);
          throw new NodeExecutionError(
            `Node '${name}': ${where} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} (item ${i}).`,
            {
              code: 'HTTP_STATUS',
              retryable: response.status === 429 || response.status >= 500,
              details: { statusCode: response.status, url: url.href },
            },
          );
        }
        contentType = response.headers.get('content-type');
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (error instanceof NodeExecutionError) throw error;
        if (timer.signal.aborted && !ctx.signal.aborted) {
          throw new NodeExecutionError(`Node '${name}': ${where} timed out after ${p.timeoutMs} ms (item ${i}).`, {
            code: 'HTTP_TIMEOUT',
            retryable: true,
          });
        }
        if (error instanceof FlowloomError && !(error instanceof NetworkError)) {
          throw new NodeExecutionError(`Node '${name}': ${where} was refused: ${error.message} (item ${i}).`, {
            code: error.code,
            retryable: false,
            cause: error,
          });
        }
        throw new NodeExecutionError(`Node '${name}': ${where} could not be sent: ${(error as Error).message} (item ${i}).`, {
          code: 'HTTP_NETWORK',
          retryable: true,
          cause: error,
        });
      } finally {
        stopTimer.abort();
      }
      const feed = await parseFeed(decode(bytes, contentType));
      if ('problem' in feed) {
        throw new NodeExecutionError(`Node '${name}': the answer to ${where} ${feed.problem} (item ${i}).`, {
          code: 'FEED_INVALID',
          retryable: false,
          details: { url: url.href },
        });
      }
      const html = feed.entries.some((e) => e.content !== undefined) ? await loadHtml() : undefined;
      for (const entry of feed.entries) {
        const json: Record<string, unknown> = { ...entry };
        if (entry.content !== undefined && html) json.contentSnippet = htmlToText(html, html.parse(entry.content).children, new Set());
        out.push({ json, pairedItem: { item: i } });
      }
    }
    return out;
  },
});
