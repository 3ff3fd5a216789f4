/** A palette icon as an SVG data URL: a brand glyph (a 24x24 path, as simple-icons draws them) in the brand colour. */
export function iconFromPath(path: string, hex: string): string {
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#${hex}" d="${path}"/></svg>`);
}

/** A palette icon for a service without a free glyph: its initials, white on a rounded square of its colour. */
export function monogram(text: string, hex: string): string {
  return svgUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#${hex}"/>` +
      `<text x="12" y="16.5" font-family="system-ui,sans-serif" font-size="${text.length > 1 ? 10 : 13}" font-weight="700" text-anchor="middle" fill="#fff">${text}</text></svg>`,
  );
}

function svgUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
