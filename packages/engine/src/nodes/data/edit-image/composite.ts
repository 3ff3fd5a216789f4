import type { Raster } from './raster.js';

/**
 * The ways an image can be laid on another, named as GraphicsMagick names
 * them: the Porter-Duff operators (the overlay as source, the base as
 * destination) and the channel copies.
 */
export const COMPOSITE_OPERATORS = ['Over', 'In', 'Out', 'Atop', 'Xor', 'Copy', 'CopyRed', 'CopyGreen', 'CopyBlue', 'CopyOpacity'] as const;

/** One of `COMPOSITE_OPERATORS`. */
export type CompositeOperator = (typeof COMPOSITE_OPERATORS)[number];

/** Porter-Duff fractions of the source (Fa) and destination (Fb) kept, from the source and destination alphas. */
const PORTER_DUFF: Partial<Record<CompositeOperator, (sa: number, da: number) => [number, number]>> = {
  Over: (sa) => [1, 1 - sa],
  In: (_sa, da) => [da, 0],
  Out: (_sa, da) => [1 - da, 0],
  Atop: (sa, da) => [da, 1 - sa],
  Xor: (sa, da) => [1 - da, 1 - sa],
};

const CHANNEL: Partial<Record<CompositeOperator, number>> = { CopyRed: 0, CopyGreen: 1, CopyBlue: 2 };

/**
 * Lays `overlay` on `base` with its top left corner at (`x`, `y`) (which may
 * be negative), changing only the pixels of `base` the overlay covers, as
 * GraphicsMagick's `composite` does.
 */
export function composite(base: Raster, overlay: Raster, x: number, y: number, operator: CompositeOperator): void {
  const ox = Math.round(x);
  const oy = Math.round(y);
  const left = Math.max(0, ox);
  const top = Math.max(0, oy);
  const right = Math.min(base.width, ox + overlay.width);
  const bottom = Math.min(base.height, oy + overlay.height);
  const d = base.data;
  const s = overlay.data;
  const porterDuff = PORTER_DUFF[operator];
  const channel = CHANNEL[operator];
  // CopyOpacity takes the overlay's alpha when it has any, else its brightness, as a mask.
  const maskFromAlpha = operator === 'CopyOpacity' && s.some((v, i) => i % 4 === 3 && v !== 255);
  for (let row = top; row < bottom; row++) {
    for (let col = left; col < right; col++) {
      const i = (row * base.width + col) * 4;
      const j = ((row - oy) * overlay.width + (col - ox)) * 4;
      if (porterDuff) {
        const sa = s[j + 3]! / 255;
        const da = d[i + 3]! / 255;
        const [fa, fb] = porterDuff(sa, da);
        const oa = sa * fa + da * fb;
        for (let k = 0; k < 3; k++) d[i + k] = oa > 0 ? Math.round((s[j + k]! * sa * fa + d[i + k]! * da * fb) / oa) : 0;
        d[i + 3] = Math.round(oa * 255);
      } else if (operator === 'Copy') {
        d.set(s.subarray(j, j + 4), i);
      } else if (channel !== undefined) {
        d[i + channel] = s[j + channel]!;
      } else {
        // Rec. 601 luma, the intensity GraphicsMagick reads a mask by.
        d[i + 3] = maskFromAlpha ? s[j + 3]! : Math.round(0.299 * s[j]! + 0.587 * s[j + 1]! + 0.114 * s[j + 2]!);
      }
    }
  }
}
