import { html, type TemplateResult } from 'lit';

const glyphs: Record<string, string> = {
  play: '▶',
  'arrow-right': '→',
  code: '{}',
  merge: '⋈',
  pen: '✎',
  pencil: '✎',
  sigma: 'Σ',
  webhook: '⚡',
  database: '⛁',
  mail: '✉',
  list: '☰',
  repeat: '↻',
  sparkles: '✦',
};

/** A node type's icon: a URL or data URL as an image, a known name as a glyph, else its initial. */
export function nodeIcon(icon: string | undefined, label: string): TemplateResult {
  if (icon && /^(https?:|data:|\/)/.test(icon)) return html`<img src=${icon} alt="" width="20" height="20" />`;
  const glyph = (icon && glyphs[icon]) ?? (label.trim()[0] ?? '?').toUpperCase();
  return html`<span aria-hidden="true">${glyph}</span>`;
}
