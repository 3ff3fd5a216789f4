import { FlowloomError } from '../../../errors/flowloom.error.js';
import type { Rgba } from './colour.js';
import { FORMATS, type ImageFormat } from './image-info.js';
import type { Raster } from './raster.js';

type JimpModule = typeof import('jimp');

let jimp: Promise<JimpModule> | undefined;

/**
 * The image codecs, loaded on first use: jimp (pure JavaScript PNG, JPEG,
 * GIF, BMP and TIFF coders and resampling, the same in browsers and Node).
 */
export async function loadCodec(): Promise<Codec> {
  const lib = await (jimp ??= import('jimp'));
  // jimp 1.6.1 publishes an empty module as its browser entry (jimp-dev/jimp#1402); 1.6.0's is the full build.
  if (typeof lib.Jimp !== 'function') {
    throw new FlowloomError(
      'IMAGE_CODEC_UNAVAILABLE',
      "Edit Image cannot load its image codecs: the 'jimp' module this build resolved exports nothing (jimp 1.6.1's browser entry is empty; bundle jimp 1.6.0).",
    );
  }
  return new Codec(lib);
}

/** Ways of writing opaque black in CSS, the one colour jimp also gives for text it cannot read. */
const BLACK = [
  /^black$/,
  /^rgba?\(\s*0+\s*,\s*0+\s*,\s*0+\s*(,\s*1(\.0*)?\s*)?\)$/,
  /^hsla?\([^,]*,[^,]*,\s*0+(\.0*)?%\s*(,\s*1(\.0*)?\s*)?\)$/,
];

/** The bytes as an ArrayBuffer of their own, which jimp reads in every runtime. */
const ownBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Decoding, encoding and resampling of rasters, over jimp. */
export class Codec {
  constructor(private readonly lib: JimpModule) {}

  /** The pixels of an image file; throws when jimp cannot read it. */
  async decode(bytes: Uint8Array): Promise<Raster> {
    const image = await this.lib.Jimp.fromBuffer(ownBuffer(bytes));
    const { width, height, data } = image.bitmap;
    return { width, height, data: new Uint8Array(data) };
  }

  /**
   * An image file of the raster in `format`. `quality` (0-100) is the JPEG
   * quality, or for PNG its tens digit is the zlib level, as GraphicsMagick
   * reads it.
   */
  async encode(raster: Raster, format: ImageFormat, quality: number | undefined): Promise<Uint8Array> {
    const image = this.lib.Jimp.fromBitmap({ width: raster.width, height: raster.height, data: raster.data });
    let bytes: Uint8Array;
    if (format === 'jpeg') bytes = await image.getBuffer('image/jpeg', { quality: quality ?? 75 });
    else if (format === 'png')
      bytes = await image.getBuffer('image/png', quality === undefined ? {} : { deflateLevel: Math.min(9, Math.floor(quality / 10)) });
    else bytes = await image.getBuffer(FORMATS[format].mime as 'image/bmp' | 'image/gif' | 'image/tiff');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The raster resampled to `width` × `height` by jimp's default resampler:
   * each new pixel the average of those it covers when shrinking, linear
   * interpolation when enlarging.
   */
  resize(raster: Raster, width: number, height: number): Raster {
    if (width === raster.width && height === raster.height) return raster;
    const image = this.lib.Jimp.fromBitmap({ width: raster.width, height: raster.height, data: raster.data });
    image.resize({ w: width, h: height });
    return { width, height, data: new Uint8Array(image.bitmap.data) };
  }

  /** A CSS colour (`white`, `transparent`, `rgb(…)`, `rgba(…)`, `hsl(…)`), or undefined when it is none. */
  readonly cssColour = (text: string): Rgba | undefined => {
    const lower = text.toLowerCase();
    if (lower === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
    const value = this.lib.cssColorToHex(lower);
    // jimp gives opaque black for what it cannot read; only text that says black may mean it.
    if (value === 0x000000ff && !BLACK.some((pattern) => pattern.test(lower))) return undefined;
    const { r, g, b, a } = this.lib.intToRGBA(value);
    return { r, g, b, a };
  };
}
