import type { BinaryRef, Item } from '../../../model/item.js';
import { toBase64 } from '../../../binary/bytes.js';
import { defineNode } from '../../define-node.js';
import { parameterError } from '../shared/node-error.js';
import { readItemFile } from '../shared/item-files.js';
import { loadCodec, type Codec } from './codec.js';
import { parseColour, type HexAlpha, type Rgba } from './colour.js';
import { composite } from './composite.js';
import { editImageProperties, STEP_FIELDS, type EditImageParams, type ImageStep } from './edit-image-schema.js';
import { FORMATS, imageInformation, sniffFormat, type ImageFormat } from './image-info.js';
import { border, crop, drawCircle, drawLine, drawRectangle, filled, gaussianBlur, makeTransparent, type Raster } from './raster.js';
import { rotate, shear, shearable } from './transform.js';

/** The largest image the node makes (width × height), so a mistyped size cannot exhaust memory. */
const MAX_PIXELS = 100_000_000;

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 255 };
const CLEAR: Rgba = { r: 255, g: 255, b: 255, a: 0 };
const RED: Rgba = { r: 255, g: 0, b: 0, a: 255 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 255 };

/** What one item's steps work with: the node, the item, and how to name a parameter in an error. */
interface StepContext {
  node: string;
  item: Item;
  itemIndex: number;
  codec: Codec;
  hexAlpha: HexAlpha;
  /** The parameter's name as the user sees it: `width`, or `steps[2].width` in Multi Step. */
  at: (parameter: string) => string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fails on a parameter written in the workflow whose expression gave
 * nothing (`{{ $json.box.x }}` on an item without it), rather than letting
 * the operation's default stand in for it.
 */
function checkGiven(ctx: StepContext, written: unknown, step: ImageStep): void {
  if (!isRecord(written)) return;
  for (const [key, value] of Object.entries(written)) {
    if (value !== undefined && value !== '' && STEP_FIELDS.has(key) && step[key as keyof ImageStep] === undefined) {
      throw parameterError(
        ctx.node,
        ctx.at(key),
        `is written as ${JSON.stringify(value).slice(0, 80)}, which gave nothing for this item`,
        ctx.itemIndex,
      );
    }
  }
}

function colourOf(ctx: StepContext, parameter: string, value: string | undefined, fallback: Rgba): Rgba {
  if (value === undefined || value.trim() === '') return fallback;
  const colour = parseColour(value, ctx.hexAlpha, ctx.codec.cssColour);
  if (!colour)
    throw parameterError(
      ctx.node,
      ctx.at(parameter),
      `must be a colour (#rrggbb, #rrggbbaa, a CSS name or rgba(…)), got '${value}'`,
      ctx.itemIndex,
    );
  return colour;
}

function checkSize(ctx: StepContext, parameter: string, width: number, height: number): void {
  if (width * height > MAX_PIXELS) {
    throw parameterError(
      ctx.node,
      ctx.at(parameter),
      `would make an image of ${width}×${height} pixels, more than the ${MAX_PIXELS.toLocaleString('en')} allowed`,
      ctx.itemIndex,
    );
  }
}

/** An image file of the item. */
interface ImageFile {
  ref: BinaryRef;
  bytes: Uint8Array;
  format: ImageFormat;
  raster: Raster;
}

/** Reads and decodes the item's file under `key`, failing naming the parameter when it is not an image the node reads. */
async function readImage(ctx: StepContext, parameter: string, key: string): Promise<ImageFile> {
  const { ref, bytes } = readItemFile(ctx.node, ctx.at(parameter), ctx.item, key, ctx.itemIndex);
  const format = sniffFormat(bytes);
  const refuse = (why: string) =>
    parameterError(
      ctx.node,
      ctx.at(parameter),
      `names '${key}', which is not an image Flowloom can read (PNG, JPEG, GIF, BMP or TIFF)${why}`,
      ctx.itemIndex,
    );
  if (format === undefined) throw refuse('');
  try {
    return { ref, bytes, format, raster: await ctx.codec.decode(bytes) };
  } catch (error) {
    throw refuse(`: ${(error as Error).message}`);
  }
}

/** The size Resize gives, by n8n's options (GraphicsMagick's geometry flags `!`, `@`, `^`, `>`, `<`, `%`). */
function resizedSize(
  w: number,
  h: number,
  width: number,
  height: number,
  option: NonNullable<ImageStep['resizeOption']>,
): [number, number] {
  const scaled = (factor: number): [number, number] => [Math.max(1, Math.round(w * factor)), Math.max(1, Math.round(h * factor))];
  const fit = () => scaled(Math.min(width / w, height / h));
  switch (option) {
    case 'ignoreAspectRatio':
      return [Math.max(1, Math.round(width)), Math.max(1, Math.round(height))];
    case 'maximumArea':
      return w * h > width * height ? scaled(Math.sqrt((width * height) / (w * h))) : [w, h];
    case 'minimumArea':
      return scaled(Math.max(width / w, height / h));
    case 'onlyIfLarger':
      return w > width || h > height ? fit() : [w, h];
    case 'onlyIfSmaller':
      return w < width || h < height ? fit() : [w, h];
    case 'percent':
      return [Math.max(1, Math.round((w * width) / 100)), Math.max(1, Math.round((h * height) / 100))];
  }
}

/** Runs one step on the image (undefined only before a Create). */
async function runStep(ctx: StepContext, step: ImageStep, image: Raster | undefined): Promise<Raster> {
  if (step.operation === 'create') {
    const width = Math.round(step.width ?? 50);
    const height = Math.round(step.height ?? 50);
    if (width < 1 || height < 1)
      throw parameterError(ctx.node, ctx.at('width'), `and height must be at least 1, got ${width}×${height}`, ctx.itemIndex);
    checkSize(ctx, 'width', width, height);
    return filled(width, height, colourOf(ctx, 'backgroundColor', step.backgroundColor, WHITE));
  }
  if (step.operation === 'text') {
    throw parameterError(
      ctx.node,
      ctx.at('operation'),
      "is 'text', which Flowloom's Edit Image does not offer: the engine carries no fonts to write with (draw the text elsewhere, or lay an image of it with Composite)",
      ctx.itemIndex,
    );
  }
  if (!image)
    throw parameterError(ctx.node, ctx.at('operation'), `'${step.operation}' needs an image, and there is none yet`, ctx.itemIndex);
  switch (step.operation) {
    case 'blur':
      return gaussianBlur(image, step.blur ?? 5, step.sigma ?? 2);
    case 'border': {
      const w = step.borderWidth ?? 10;
      const h = step.borderHeight ?? 10;
      checkSize(ctx, 'borderWidth', image.width + 2 * Math.round(w), image.height + 2 * Math.round(h));
      return border(image, w, h, colourOf(ctx, 'borderColor', step.borderColor, BLACK));
    }
    case 'composite': {
      const key = step.compositeBinaryProperty ?? '';
      if (key === '')
        throw parameterError(ctx.node, ctx.at('compositeBinaryProperty'), 'must name the file to lay on the image', ctx.itemIndex);
      const { raster: overlay } = await readImage(ctx, 'compositeBinaryProperty', key);
      composite(image, overlay, step.positionX ?? 0, step.positionY ?? 0, step.operator ?? 'Over');
      return image;
    }
    case 'crop': {
      const [x, y, w, h] = [step.positionX ?? 0, step.positionY ?? 0, step.width ?? 500, step.height ?? 500];
      const part = crop(image, x, y, w, h);
      if (!part) {
        throw parameterError(
          ctx.node,
          ctx.at('positionX'),
          `and the crop ${w}×${h} at (${x}, ${y}) miss the ${image.width}×${image.height} image`,
          ctx.itemIndex,
        );
      }
      return part;
    }
    case 'draw': {
      const colour = colourOf(ctx, 'color', step.color, RED);
      const from: [number, number] = [step.startPositionX ?? 50, step.startPositionY ?? 50];
      const to: [number, number] = [step.endPositionX ?? 250, step.endPositionY ?? 250];
      if (step.primitive === 'circle') drawCircle(image, from, to, colour);
      else if (step.primitive === 'line') drawLine(image, from, to, colour);
      else drawRectangle(image, from, to, colour, step.cornerRadius ?? 0);
      return image;
    }
    case 'resize': {
      const [w, h] = resizedSize(image.width, image.height, step.width ?? 500, step.height ?? 500, step.resizeOption ?? 'maximumArea');
      checkSize(ctx, 'width', w, h);
      return ctx.codec.resize(image, w, h);
    }
    case 'rotate':
      return rotate(image, step.degrees ?? 0, colourOf(ctx, 'backgroundColor', step.backgroundColor, CLEAR));
    case 'shear': {
      const [dx, dy] = [step.degreesX ?? 0, step.degreesY ?? 0];
      for (const [parameter, degrees] of [
        ['degreesX', dx],
        ['degreesY', dy],
      ] as const) {
        if (!shearable(degrees))
          throw parameterError(ctx.node, ctx.at(parameter), `cannot be ${degrees}: a shear of 90 degrees has no size`, ctx.itemIndex);
      }
      const tx = Math.abs(Math.tan((dx * Math.PI) / 180));
      const ty = Math.abs(Math.tan((dy * Math.PI) / 180));
      const width = Math.ceil(image.width + tx * image.height);
      checkSize(ctx, 'degreesX', width, Math.ceil(image.height + ty * width));
      return shear(image, dx, dy, CLEAR);
    }
    case 'transparent':
      makeTransparent(image, colourOf(ctx, 'color', step.color, RED));
      return image;
  }
}

/** The single operation as a step: the node's own parameters. */
function singleStep(p: EditImageParams): ImageStep {
  const { binaryProperty: _b, steps: _s, format: _f, quality: _q, fileName: _n, outputBinaryProperty: _o, hexAlpha: _h, ...fields } = p;
  return { ...fields, operation: p.operation as ImageStep['operation'] };
}

/** The file written: the input's name (its extension changed with the format), or the File Name given. */
function outputRef(input: BinaryRef | undefined, bytes: Uint8Array, format: ImageFormat, p: EditImageParams): BinaryRef {
  let fileName = input?.fileName;
  if (p.format !== undefined && fileName?.includes('.')) fileName = `${fileName.slice(0, fileName.lastIndexOf('.'))}.${p.format}`;
  if (p.fileName !== undefined && p.fileName !== '') fileName = p.fileName;
  return {
    mimeType: FORMATS[format].mime,
    fileExtension: FORMATS[format].extension,
    ...(fileName === undefined ? {} : { fileName }),
    fileSize: bytes.length,
    data: toBase64(bytes),
  };
}

/**
 * Edits the image an item holds, as n8n's Edit Image node does: blur,
 * border, composite, create, crop, draw, resize, rotate, shear and
 * transparent, one or several in order (Multi Step), or reads its format and
 * size (Get Information). Text is refused: the engine carries no fonts.
 */
export const editImageNode = defineNode({
  type: 'core.editImage',
  version: 1,
  displayName: 'Edit Image',
  description: 'Resizes, crops, rotates, blurs, draws on and combines images of items, or reads their format and size.',
  group: 'data',
  icon: 'image',
  inputs: ['main'],
  outputs: ['main'],
  properties: editImageProperties,
  async execute(ctx) {
    const items = ctx.input();
    const node = ctx.node.name;
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const codec = await loadCodec();
      const base = { node, item, itemIndex: i, codec, hexAlpha: p.hexAlpha };
      if (p.operation === 'information') {
        const { bytes, format, raster } = await readImage({ ...base, at: (name) => name }, 'binaryProperty', p.binaryProperty);
        out.push({
          json: imageInformation(bytes, format, raster),
          ...(item.binary ? { binary: item.binary } : {}),
          pairedItem: { item: i },
        });
        continue;
      }
      const steps = p.operation === 'multiStep' ? p.steps : [singleStep(p)];
      const at = (n: number) => (name: string) => (p.operation === 'multiStep' ? `steps[${n}].${name}` : name);
      let input: ImageFile | undefined;
      if (steps[0]?.operation !== 'create') input = await readImage({ ...base, at: (name) => name }, 'binaryProperty', p.binaryProperty);
      let image = input?.raster;
      const written = ctx.node.parameters;
      for (const [n, step] of steps.entries()) {
        const stepContext = { ...base, at: at(n) };
        checkGiven(stepContext, p.operation === 'multiStep' && Array.isArray(written.steps) ? written.steps[n] : written, step);
        image = await runStep(stepContext, step, image);
      }
      const format = p.format ?? input?.format ?? 'png';
      const bytes = await codec.encode(image!, format, p.quality);
      const key = p.outputBinaryProperty || p.binaryProperty;
      // After a Create, the file keeps the name of the one it replaces, as in n8n.
      const named = input?.ref ?? item.binary?.[p.binaryProperty];
      const binary = { ...item.binary, [key]: outputRef(named, bytes, format, p) };
      out.push({ json: item.json, binary, pairedItem: { item: i } });
    }
    return out;
  },
});
