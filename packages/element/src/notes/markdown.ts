import { html, nothing, type TemplateResult } from 'lit';

/**
 * A small Markdown renderer for notes, building Lit templates (never HTML
 * strings): text is always text, so `<script>` or `onerror=` in a note shows
 * as written and never runs. It covers what notes use: headings, paragraphs,
 * line breaks, bold, italic, inline code and code blocks, lists, quotes,
 * rules and links (http, https and mailto only). A full Markdown library
 * (tens of KB) would need an HTML sanitizer besides; this needs neither.
 */
export function renderMarkdown(text: string): TemplateResult[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: TemplateResult[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      i++;
      blocks.push(html`<pre><code>${code.join('\n')}</code></pre>`);
      continue;
    }
    const heading = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push(headingOf(heading[1]!.length, inline(heading[2]!)));
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push(html`<hr />`);
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s*>\s?/, ''));
      blocks.push(html`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    const item = listItem(line);
    if (item) {
      const items: TemplateResult[] = [];
      for (; i < lines.length; i++) {
        const next = listItem(lines[i]!);
        if (!next || next.ordered !== item.ordered) break;
        items.push(html`<li>${inline(next.text)}</li>`);
      }
      blocks.push(
        item.ordered
          ? html`<ol>
              ${items}
            </ol>`
          : html`<ul>
              ${items}
            </ul>`,
      );
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() === '' || /^\s*(#{1,6}\s|```|~~~|>)/.test(l) || listItem(l)) break;
      para.push(l);
    }
    blocks.push(html`<p>${para.map((l, k) => html`${k > 0 ? html`<br />` : nothing}${inline(l.trim())}`)}</p>`);
  }
  return blocks;
}

function headingOf(level: number, content: unknown): TemplateResult {
  switch (level) {
    case 1:
      return html`<h1>${content}</h1>`;
    case 2:
      return html`<h2>${content}</h2>`;
    case 3:
      return html`<h3>${content}</h3>`;
    case 4:
      return html`<h4>${content}</h4>`;
    case 5:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}

function listItem(line: string): { ordered: boolean; text: string } | undefined {
  const m = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(line);
  return m ? { ordered: m[2] !== undefined, text: m[3]! } : undefined;
}

/** Link targets a note may open: the web and mail, never `javascript:` or `data:`. */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

// Inline spans, tried in this order at each position: code, link, bold, italic, bare URL.
const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|\b_([^_\s](?:[^_]*[^_\s])?)_\b|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

function inline(text: string): unknown[] {
  const parts: unknown[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, code, label, url, bold1, bold2, em1, em2, bare] = m;
    if (code !== undefined) parts.push(html`<code>${code}</code>`);
    else if (label !== undefined) {
      const href = safeHref(url!);
      parts.push(href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${inline(label)}</a>` : inline(label));
    } else if (bold1 !== undefined || bold2 !== undefined) parts.push(html`<strong>${inline((bold1 ?? bold2)!)}</strong>`);
    else if (em1 !== undefined || em2 !== undefined) parts.push(html`<em>${inline((em1 ?? em2)!)}</em>`);
    else if (bare !== undefined) parts.push(html`<a href=${bare} target="_blank" rel="noopener noreferrer">${bare}</a>`);
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
