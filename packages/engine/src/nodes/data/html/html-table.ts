import type { Item } from '../../../model/item.js';

/** How items are written as an HTML table. */
export interface HtmlTableOptions {
  /** Uppercase the first letter of each heading. */
  capitalize: boolean;
  caption: string;
  /** Attributes written into the tags as given, e.g. `class="report" border="1"`. */
  tableAttributes: string;
  headerAttributes: string;
  rowAttributes: string;
  cellAttributes: string;
}

/** Text for HTML, with `&`, `<`, `>` and quotes escaped. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const attrs = (text: string) => (text.trim() === '' ? '' : ` ${text.trim()}`);

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeHtml(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/**
 * Items as one HTML table: a column per field, in order of first appearance
 * across the items, a row per item; values escaped, objects and lists as
 * JSON text.
 */
export function itemsToHtmlTable(items: readonly Item[], o: HtmlTableOptions): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item.json)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const heading = (key: string) => escapeHtml(o.capitalize ? key.charAt(0).toUpperCase() + key.slice(1) : key);
  const lines = [`<table${attrs(o.tableAttributes)}>`];
  if (o.caption !== '') lines.push(`<caption>${escapeHtml(o.caption)}</caption>`);
  lines.push(
    `<thead><tr${attrs(o.rowAttributes)}>${columns.map((c) => `<th${attrs(o.headerAttributes)}>${heading(c)}</th>`).join('')}</tr></thead>`,
  );
  lines.push('<tbody>');
  for (const item of items) {
    lines.push(
      `<tr${attrs(o.rowAttributes)}>${columns.map((c) => `<td${attrs(o.cellAttributes)}>${cell(item.json[c])}</td>`).join('')}</tr>`,
    );
  }
  lines.push('</tbody>', '</table>');
  return lines.join('\n');
}
