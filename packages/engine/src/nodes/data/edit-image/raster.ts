import type { Rgba } from './colour.js';

/** An image as RGBA bytes, row by row from the top left, 4 bytes a pixel (not premultiplied). */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A new image of one colour. */
export function filled(width: number, height: number, colour: Rgba): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = colour.r;
    data[i + 1] = colour.g;
    data[i + 2] = colour.b;
    data[i + 3] = colour.a;
  }
  return { width, height, data };
}

/** Paints `colour` over the pixel at byte offset `i` (source over), as a stroke of paint with alpha does. */
function paint(data: Uint8Array, i: number, colour: Rgba): void {
  const sa = colour.a / 255;
  if (sa === 0) return;
  const da = data[i + 3]! / 255;
  const oa = sa + da * (1 - sa);
  data[i] = Math.round((colour.r * sa + data[i]! * da * (1 - sa)) / oa);
  data[i + 1] = Math.round((colour.g * sa + data[i + 1]! * da * (1 - sa)) / oa);
  data[i + 2] = Math.round((colour.b * sa + data[i + 2]! * da * (1 - sa)) / oa);
  data[i + 3] = Math.round(oa * 255);
}

/** Paints every pixel of the image whose centre `inside` accepts, within the given bounds. */
function fillShape(image: Raster, x0: number, y0: number, x1: number, y1: number, colour: Rgba, inside: (x: number, y: number) => boolean) {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(image.width - 1, Math.ceil(x1));
  const bottom = Math.min(image.height - 1, Math.ceil(y1));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) if (inside(x, y)) paint(image.data, (y * image.width + x) * 4, colour);
  }
}

/**
 * Fills the rectangle whose opposite corners are the two points, both
 * included (coordinates are rounded to whole pixels), with corners rounded
 * to `radius` when it is above 0.
 */
export function drawRectangle(image: Raster, from: [number, number], to: [number, number], colour: Rgba, radius = 0): void {
  const x0 = Math.round(Math.min(from[0], to[0]));
  const x1 = Math.round(Math.max(from[0], to[0]));
  const y0 = Math.round(Math.min(from[1], to[1]));
  const y1 = Math.round(Math.max(from[1], to[1]));
  const r = Math.min(radius, (x1 - x0) / 2, (y1 - y0) / 2);
  fillShape(image, x0, y0, x1, y1, colour, (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    if (r <= 0) return true;
    // In a corner square, the pixel must lie within the corner's quarter circle.
    const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
    const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  });
}

/** Fills the circle around `centre` that passes through `edge`. */
export function drawCircle(image: Raster, centre: [number, number], edge: [number, number], colour: Rgba): void {
  const [cx, cy] = centre;
  const r = Math.hypot(edge[0] - cx, edge[1] - cy);
  fillShape(image, cx - r, cy - r, cx + r, cy + r, colour, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
}

/** Draws a line one pixel wide between the two points, both included (Bresenham's algorithm). */
export function drawLine(image: Raster, from: [number, number], to: [number, number], colour: Rgba): void {
  let x = Math.round(from[0]);
  let y = Math.round(from[1]);
  const x1 = Math.round(to[0]);
  const y1 = Math.round(to[1]);
  const dx = Math.abs(x1 - x);
  const dy = -Math.abs(y1 - y);
  const sx = x < x1 ? 1 : -1;
  const sy = y < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    if (x >= 0 && y >= 0 && x < image.width && y < image.height) paint(image.data, (y * image.width + x) * 4, colour);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** The part of the image inside the rectangle, or undefined when the rectangle misses the image. */
export function crop(image: Raster, x: number, y: number, width: number, height: number): Raster | undefined {
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const right = Math.min(image.width, Math.round(x) + Math.round(width));
  const bottom = Math.min(image.height, Math.round(y) + Math.round(height));
  if (right <= left || bottom <= top) return undefined;
  const w = right - left;
  const data = new Uint8Array(w * (bottom - top) * 4);
  for (let row = top; row < bottom; row++) {
    const start = (row * image.width + left) * 4;
    data.set(image.data.subarray(start, start + w * 4), (row - top) * w * 4);
  }
  return { width: w, height: bottom - top, data };
}

/** The image inside a frame `width` pixels wide left and right and `height` pixels high above and below. */
export function border(image: Raster, width: number, height: number, colour: Rgba): Raster {
  const bw = Math.max(0, Math.round(width));
  const bh = Math.max(0, Math.round(height));
  const out = filled(image.width + 2 * bw, image.height + 2 * bh, colour);
  for (let row = 0; row < image.height; row++) {
    out.data.set(image.data.subarray(row * image.width * 4, (row + 1) * image.width * 4), ((row + bh) * out.width + bw) * 4);
  }
  return out;
}

/** Makes every pixel of exactly this colour (red, green and blue) fully transparent. */
export function makeTransparent(image: Raster, colour: Rgba): void {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) if (d[i] === colour.r && d[i + 1] === colour.g && d[i + 2] === colour.b) d[i + 3] = 0;
}

/** A one-dimensional Gaussian kernel of the given radius and sigma, summing to 1. */
function gaussianKernel(radius: number, sigma: number): Float64Array {
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

/**
 * A Gaussian blur of standard deviation `sigma` over a kernel reaching
 * `radius` pixels each way (0: three sigmas), in two passes (rows, then
 * columns), weighting colours by alpha so transparent pixels add no colour,
 * and repeating the edge pixels beyond the border.
 */
export function gaussianBlur(image: Raster, radius: number, sigma: number): Raster {
  if (sigma <= 0) return image;
  const r = Math.max(1, radius > 0 ? Math.round(radius) : Math.ceil(3 * sigma));
  const kernel = gaussianKernel(r, sigma);
  const { width, height } = image;
  const pass = (src: Float64Array, horizontal: boolean): Float64Array => {
    const out = new Float64Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let pr = 0,
          pg = 0,
          pb = 0,
          pa = 0;
        for (let k = -r; k <= r; k++) {
          const sx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
          const w = kernel[k + r]!;
          const j = (sy * width + sx) * 4;
          pr += src[j]! * w;
          pg += src[j + 1]! * w;
          pb += src[j + 2]! * w;
          pa += src[j + 3]! * w;
        }
        const i = (y * width + x) * 4;
        out[i] = pr;
        out[i + 1] = pg;
        out[i + 2] = pb;
        out[i + 3] = pa;
      }
    }
    return out;
  };
  const premultiplied = new Float64Array(image.data.length);
  for (let i = 0; i < image.data.length; i += 4) {
    const a = image.data[i + 3]! / 255;
    premultiplied[i] = image.data[i]! * a;
    premultiplied[i + 1] = image.data[i + 1]! * a;
    premultiplied[i + 2] = image.data[i + 2]! * a;
    premultiplied[i + 3] = image.data[i + 3]!;
  }
  const blurred = pass(pass(premultiplied, true), false);
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = blurred[i + 3]!;
    const scale = a > 0 ? 255 / a : 0;
    data[i] = Math.round(Math.min(255, blurred[i]! * scale));
    data[i + 1] = Math.round(Math.min(255, blurred[i + 1]! * scale));
    data[i + 2] = Math.round(Math.min(255, blurred[i + 2]! * scale));
    data[i + 3] = Math.round(Math.min(255, a));
  }
  return { width, height, data };
}
