/** A colour as red, green, blue and alpha, each 0-255 (alpha 255 is opaque). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * How the fourth byte of `#RRGGBBAA` (and the fourth digit of `#RGBA`) is
 * read: as alpha, as in CSS (`ff` is opaque), or as opacity, as
 * GraphicsMagick reads it (`00` is opaque), which is what n8n's Edit Image
 * node gives its colours to.
 */
export type HexAlpha = 'alpha' | 'opacity';

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * Reads a colour: hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, the last
 * byte read as `hexAlpha` says), or else whatever `css` reads (names such as
 * `white` and `transparent`, `rgb()`, `rgba()`, `hsl()`), which gives
 * undefined when it cannot.
 */
export function parseColour(text: string, hexAlpha: HexAlpha, css: (text: string) => Rgba | undefined): Rgba | undefined {
  const value = text.trim();
  const hex = HEX.exec(value)?.[1];
  if (hex === undefined) return value === '' ? undefined : css(value);
  const digits = hex.length <= 4 ? [...hex].map((d) => d + d).join('') : hex;
  const byte = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  const fourth = digits.length === 8 ? byte(3) : undefined;
  const a = fourth === undefined ? 255 : hexAlpha === 'alpha' ? fourth : 255 - fourth;
  return { r: byte(0), g: byte(1), b: byte(2), a };
}
