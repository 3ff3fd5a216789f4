import { escapeHtml } from '../../data/html/html-table.js';
import type { WebhookReply } from '../../node-services.js';
import { PAGE_STYLE, PAGE_STYLE_HASH } from './page-style.js';

export { escapeHtml };

/** A page a trigger serves: its title, the HTML inside `<main>` and an optional static script. */
export interface HostedPage {
  status: number;
  /** The document title (plain text). */
  title: string;
  /** The HTML of the `<main>` element; every value in it must already be escaped. */
  main: string;
  /** An inline script, allowed by its hash (`sha256-…`) and free to call back the page's own origin. */
  script?: { text: string; hash: string };
}

/**
 * A whole HTML document as a webhook answer. The Content-Security-Policy
 * allows the page's own stylesheet and script by their hashes and nothing
 * else, so text that slipped through unescaped still could not run.
 */
export function pageReply(page: HostedPage): WebhookReply {
  const policy = ["default-src 'none'", `style-src '${PAGE_STYLE_HASH}'`, "img-src 'self' data:", "base-uri 'none'"];
  if (page.script) policy.push(`script-src '${page.script.hash}'`, "connect-src 'self'");
  const body = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    `<main>${page.main}</main>`,
    ...(page.script ? [`<script>${page.script.text}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return {
    status: page.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy.join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      // Pages may hold what someone typed: never from a shared cache.
      'cache-control': 'no-store',
    },
    body,
  };
}

/** Plain text as paragraphs: a blank line starts a new one, a line break stays one. */
export function paragraphs(text: string, className?: string): string {
  const attribute = className ? ` class="${escapeHtml(className)}"` : '';
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p${attribute}>${p.split(/\r?\n/).map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}
