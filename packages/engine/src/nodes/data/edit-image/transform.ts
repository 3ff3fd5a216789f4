import type { Rgba } from './colour.js';
import type { Raster } from './raster.js';

/** A linear map of the plane: x' = a·x + b·y, y' = c·x + d·y (y pointing down). */
interface Linear {
  a: number;
  b: number;
  c: number;
  d: number;
}

const EPSILON = 1e-9;

/** `v` as the nearest whole number when it is within rounding error of it. */
const snap = (v: number) => (Math.abs(v - Math.round(v)) < 1e-6 ? Math.round(v) : v);

/**
 * The image mapped by `m` onto a canvas just large enough to hold it, the
 * rest of the canvas `background`. Each output pixel is read back through
 * the inverse map and interpolated bilinearly (weighted by alpha), so
 * quarter turns move pixels exactly.
 */
function warp(image: Raster, m: Linear, background: Rgba): Raster {
  const corners = [
    [0, 0],
    [image.width, 0],
    [0, image.height],
    [image.width, image.height],
  ].map(([x, y]) => [m.a * x! + m.b * y!, m.c * x! + m.d * y!] as const);
  const minX = Math.min(...corners.map((p) => p[0]));
  const minY = Math.min(...corners.map((p) => p[1]));
  const width = Math.max(1, Math.ceil(Math.max(...corners.map((p) => p[0])) - minX - EPSILON));
  const height = Math.max(1, Math.ceil(Math.max(...corners.map((p) => p[1])) - minY - EPSILON));
  const det = m.a * m.d - m.b * m.c;
  const inv = { a: m.d / det, b: -m.b / det, c: -m.c / det, d: m.a / det };
  const data = new Uint8Array(width * height * 4);
  const src = image.data;
  const bg = [background.r, background.g, background.b, background.a] as const;
  // One source pixel's channel, premultiplied; the background beyond the edges.
  const at = (x: number, y: number, out: number[]) => {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
      const a = bg[3] / 255;
      out[0] = bg[0] * a;
      out[1] = bg[1] * a;
      out[2] = bg[2] * a;
      out[3] = bg[3];
      return;
    }
    const i = (y * image.width + x) * 4;
    const a = src[i + 3]! / 255;
    out[0] = src[i]! * a;
    out[1] = src[i + 1]! * a;
    out[2] = src[i + 2]! * a;
    out[3] = src[i + 3]!;
  };
  const p00: number[] = [0, 0, 0, 0];
  const p10: number[] = [0, 0, 0, 0];
  const p01: number[] = [0, 0, 0, 0];
  const p11: number[] = [0, 0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ox = x + 0.5 + minX;
      const oy = y + 0.5 + minY;
      const u = snap(inv.a * ox + inv.b * oy - 0.5);
      const v = snap(inv.c * ox + inv.d * oy - 0.5);
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      at(x0, y0, p00);
      at(x0 + 1, y0, p10);
      at(x0, y0 + 1, p01);
      at(x0 + 1, y0 + 1, p11);
      const mix = (k: number) => (p00[k]! * (1 - fx) + p10[k]! * fx) * (1 - fy) + (p01[k]! * (1 - fx) + p11[k]! * fx) * fy;
      const alpha = mix(3);
      const i = (y * width + x) * 4;
      const scale = alpha > 0 ? 255 / alpha : 0;
      data[i] = Math.round(Math.min(255, mix(0) * scale));
      data[i + 1] = Math.round(Math.min(255, mix(1) * scale));
      data[i + 2] = Math.round(Math.min(255, mix(2) * scale));
      data[i + 3] = Math.round(Math.min(255, alpha));
    }
  }
  return { width, height, data };
}

/** The image turned clockwise by `degrees`, the corners the turn uncovers filled with `background`. */
export function rotate(image: Raster, degrees: number, background: Rgba): Raster {
  const turn = ((degrees % 360) + 360) % 360;
  if (turn === 0) return image;
  const rad = (turn * Math.PI) / 180;
  const cos = snap(Math.cos(rad));
  const sin = snap(Math.sin(rad));
  return warp(image, { a: cos, b: -sin, c: sin, d: cos }, background);
}

/**
 * The image sheared along the X axis by `degreesX` (each row moves right by
 * its distance from the top times the angle's tangent), then along the Y
 * axis by `degreesY` (each column moves down by its distance from the left
 * times the tangent), on a canvas grown to hold it, filled with `background`.
 * Angles of 90 degrees (or 270) have no tangent and are refused by the caller.
 */
export function shear(image: Raster, degreesX: number, degreesY: number, background: Rgba): Raster {
  const tx = Math.tan((degreesX * Math.PI) / 180);
  const ty = Math.tan((degreesY * Math.PI) / 180);
  if (tx === 0 && ty === 0) return image;
  // x1 = x + tx·y, then y2 = y + ty·x1.
  return warp(image, { a: 1, b: tx, c: ty, d: 1 + tx * ty }, background);
}

/** Whether an angle has a usable tangent (is not within rounding of 90 or 270 degrees). */
export const shearable = (degrees: number): boolean => Math.abs(Math.cos((degrees * Math.PI) / 180)) > 1e-6;
