import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import type { BinaryRef, Item } from '../../../model/item.js';
import { createNodeEngine } from '../../../node/create-node-engine.js';
import { silentLogger } from '../../../ports/logger.js';
import { callNode, trialWorkflow } from '../../../testing/node-test-harness.js';
import { editImageNode } from './edit-image.js';

type Pixel = [number, number, number, number];

/** A PNG or JPEG file made by jimp, each pixel from `paint(x, y)`. */
async function imageFile(width: number, height: number, paint: (x: number, y: number) => Pixel, mime = 'image/png'): Promise<Buffer> {
  const image = new Jimp({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.bitmap.data.set(paint(x, y), (y * width + x) * 4);
  return mime === 'image/jpeg' ? image.getBuffer('image/jpeg', { quality: 95 }) : image.getBuffer('image/png');
}

const fileRef = (bytes: Buffer, fileName: string, mimeType = 'image/png'): BinaryRef => ({
  mimeType,
  fileName,
  data: bytes.toString('base64'),
});

const itemWith = (files: Record<string, BinaryRef>, json: Item['json'] = {}): Item => ({ json, binary: files });

/** The pixels of an output file, read back by jimp. */
async function pixelsOf(ref: BinaryRef | undefined) {
  const image = await Jimp.fromBuffer(Buffer.from(ref!.data!, 'base64'));
  const { width, height, data } = image.bitmap;
  return { width, height, at: (x: number, y: number): Pixel => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)] as Pixel };
}

async function run(parameters: Record<string, unknown>, item: Item): Promise<Item> {
  const out = await callNode(editImageNode, parameters, { main: [item] });
  return out.main![0]!;
}

const RED: Pixel = [255, 0, 0, 255];
const BLUE: Pixel = [0, 0, 255, 255];
const WHITE: Pixel = [255, 255, 255, 255];

/** CRC-32 of PNG chunks (ISO 3309, as the PNG specification, annex D, computes it). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A 3×1 indexed-colour PNG written by hand from the PNG specification (colour type 3, a palette of red, green, blue). */
function palettePng(): Buffer {
  const chunk = (type: string, data: number[] | Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(body.length - 4, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = [0, 0, 0, 3, 0, 0, 0, 1, 8, 3, 0, 0, 0];
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', [255, 0, 0, 0, 255, 0, 0, 0, 255]),
    chunk('IDAT', deflateSync(Buffer.from([0, 0, 1, 2]))),
    chunk('IEND', []),
  ]);
}

describe('Edit Image: Get Information', () => {
  it("gives a PNG's format, geometry, class, type and depth, and keeps the item's files as they were", async () => {
    const png = await imageFile(40, 30, (x) => (x < 20 ? RED : BLUE));
    const item = itemWith({ data: fileRef(png, 'chart.png') }, { id: 1 });
    const out = await run({ operation: 'information' }, item);
    expect(out.json).toEqual({
      format: 'PNG',
      Format: 'PNG (Portable Network Graphics)',
      Geometry: '40x30',
      size: { width: 40, height: 30 },
      Class: 'DirectClass',
      Type: 'true color',
      Depth: '8 bits-per-pixel component',
      depth: 8,
      Compression: 'Zip',
      Filesize: String(png.length),
    });
    expect(out.binary).toBe(item.binary);
  });

  it('reads a JPEG, a grey image and a transparent one for what they are', async () => {
    const jpeg = await imageFile(64, 48, (x, y) => [x * 4, y * 5, 100, 255], 'image/jpeg');
    const info = (
      await run({ operation: 'information', binaryProperty: 'photo' }, itemWith({ photo: fileRef(jpeg, 'p.jpg', 'image/jpeg') }))
    ).json;
    expect(info).toMatchObject({ format: 'JPEG', Geometry: '64x48', size: { width: 64, height: 48 }, Compression: 'JPEG', depth: 8 });
    const grey = await imageFile(4, 4, (x) => [x * 60, x * 60, x * 60, 255]);
    expect((await run({ operation: 'information' }, itemWith({ data: fileRef(grey, 'g.png') }))).json.Type).toBe('grayscale');
    const clear = await imageFile(4, 4, (x) => [255, 0, 0, x === 0 ? 0 : 255]);
    expect((await run({ operation: 'information' }, itemWith({ data: fileRef(clear, 'c.png') }))).json.Type).toBe(
      'true color with transparency',
    );
  });

  it('names an indexed-colour PNG, written by hand from the specification, a palette image', async () => {
    const png = palettePng();
    const out = await run({ operation: 'information' }, itemWith({ data: fileRef(png, 'p.png') }));
    expect(out.json).toMatchObject({ format: 'PNG', size: { width: 3, height: 1 }, Class: 'PseudoClass', Type: 'palette', depth: 8 });
  });

  it('refuses a file that is not an image, naming the parameter and the field', async () => {
    const item = itemWith({ data: fileRef(Buffer.from('hello'), 'a.txt', 'text/plain') });
    await expect(run({ operation: 'information' }, item)).rejects.toThrow(
      /Node 'Node': parameter 'binaryProperty' names 'data', which is not an image Flowloom can read \(PNG, JPEG, GIF, BMP or TIFF\)/,
    );
  });
});

describe('Edit Image: drawing and combining', () => {
  it('fills a rectangle with a colour whose fourth byte is opacity, as n8n gives it, blending it over the image', async () => {
    const png = await imageFile(20, 20, () => WHITE);
    const out = await run(
      {
        operation: 'draw',
        color: '#ff00f277',
        startPositionX: 4.4,
        startPositionY: 5,
        endPositionX: 10,
        endPositionY: 12.2,
        hexAlpha: 'opacity',
      },
      itemWith({ data: fileRef(png, 'in.png') }),
    );
    const image = await pixelsOf(out.binary!.data);
    // Opacity 0x77 is alpha 0x88 = 136: each channel is 136/255 of the colour and the rest of white.
    const a = 136 / 255;
    const blended: Pixel = [255, Math.round(255 * (1 - a)), Math.round(242 * a + 255 * (1 - a)), 255];
    expect(image.at(4, 5)).toEqual(blended);
    expect(image.at(10, 12)).toEqual(blended);
    expect(image.at(7, 8)).toEqual(blended);
    expect(image.at(3, 8)).toEqual(WHITE);
    expect(image.at(11, 8)).toEqual(WHITE);
    expect(image.at(7, 13)).toEqual(WHITE);
    expect(out.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'in.png', fileExtension: 'png' });
  });

  it('draws a filled circle around the start through the end, and a line', async () => {
    const png = await imageFile(30, 30, () => WHITE);
    const circle = await pixelsOf(
      (
        await run(
          {
            operation: 'draw',
            primitive: 'circle',
            color: '#0000ff',
            startPositionX: 15,
            startPositionY: 15,
            endPositionX: 15,
            endPositionY: 20,
          },
          itemWith({ data: fileRef(png, 'a.png') }),
        )
      ).binary!.data,
    );
    expect([circle.at(15, 15), circle.at(15, 20), circle.at(10, 15), circle.at(18, 18)]).toEqual([BLUE, BLUE, BLUE, BLUE]);
    expect([circle.at(15, 21), circle.at(19, 19), circle.at(0, 0)]).toEqual([WHITE, WHITE, WHITE]);
    const line = await pixelsOf(
      (
        await run(
          { operation: 'draw', primitive: 'line', color: 'blue', startPositionX: 0, startPositionY: 0, endPositionX: 29, endPositionY: 29 },
          itemWith({ data: fileRef(png, 'a.png') }),
        )
      ).binary!.data,
    );
    expect([line.at(0, 0), line.at(12, 12), line.at(29, 29)]).toEqual([BLUE, BLUE, BLUE]);
    expect([line.at(12, 13), line.at(13, 12)]).toEqual([WHITE, WHITE]);
  });

  it('rounds the corners of a rectangle by the corner radius', async () => {
    const png = await imageFile(20, 20, () => WHITE);
    const out = await pixelsOf(
      (
        await run(
          {
            operation: 'draw',
            color: '#ff0000',
            startPositionX: 0,
            startPositionY: 0,
            endPositionX: 19,
            endPositionY: 19,
            cornerRadius: 6,
          },
          itemWith({ data: fileRef(png, 'a.png') }),
        )
      ).binary!.data,
    );
    expect([out.at(0, 0), out.at(19, 19), out.at(1, 1)]).toEqual([WHITE, WHITE, WHITE]);
    expect([out.at(6, 0), out.at(0, 6), out.at(10, 10), out.at(3, 3)]).toEqual([RED, RED, RED, RED]);
  });

  it('lays one file of the item over another at a position, writing the format and name asked for', async () => {
    const bg = await imageFile(20, 20, () => RED);
    const top = await imageFile(5, 5, () => BLUE);
    const item = itemWith({ bg: fileRef(bg, 'robot.png'), top: fileRef(top, 'logo.png') });
    const out = await run(
      {
        operation: 'composite',
        binaryProperty: 'bg',
        compositeBinaryProperty: 'top',
        positionX: 3,
        positionY: 4,
        format: 'png',
        fileName: 'out.png',
      },
      item,
    );
    const image = await pixelsOf(out.binary!.bg);
    expect([image.width, image.height]).toEqual([20, 20]);
    expect([image.at(3, 4), image.at(7, 8)]).toEqual([BLUE, BLUE]);
    expect([image.at(2, 4), image.at(8, 8), image.at(3, 9)]).toEqual([RED, RED, RED]);
    expect(out.binary!.top).toBe(item.binary!.top);
    expect(out.binary!.bg).toMatchObject({ mimeType: 'image/png', fileName: 'out.png' });
  });

  it('writes JPEG when asked, whatever the file name says', async () => {
    const bg = await imageFile(16, 16, () => RED);
    const out = await run(
      { operation: 'composite', compositeBinaryProperty: 'data', format: 'jpeg', fileName: 'out.png' },
      itemWith({ data: fileRef(bg, 'a.png') }),
    );
    const bytes = Buffer.from(out.binary!.data!.data!, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(out.binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpg', fileName: 'out.png', fileSize: bytes.length });
  });

  it("clips an avatar to a circle: Create, Draw and Composite with 'In', in one Multi Step", async () => {
    const avatar = await imageFile(20, 20, () => BLUE);
    const out = await run(
      {
        operation: 'multiStep',
        binaryProperty: 'avatar',
        hexAlpha: 'opacity',
        format: 'png',
        steps: [
          { operation: 'create', width: 20, height: 20, backgroundColor: '#000000ff' },
          {
            operation: 'draw',
            primitive: 'circle',
            color: '#ffffff00',
            startPositionX: 10,
            startPositionY: 10,
            endPositionX: 10,
            endPositionY: 3,
          },
          { operation: 'composite', operator: 'In', compositeBinaryProperty: 'avatar' },
        ],
      },
      itemWith({ avatar: fileRef(avatar, 'me.jpg', 'image/jpeg') }),
    );
    const image = await pixelsOf(out.binary!.avatar);
    expect([image.width, image.height]).toEqual([20, 20]);
    expect(image.at(10, 10)).toEqual(BLUE);
    expect(image.at(10, 4)).toEqual(BLUE);
    expect(image.at(0, 0)[3]).toBe(0);
    expect(image.at(19, 10)[3]).toBe(0);
    expect(out.binary!.avatar).toMatchObject({ mimeType: 'image/png', fileName: 'me.png' });
  });

  it('makes one exact colour transparent and leaves the others', async () => {
    const png = await imageFile(4, 1, (x) => (x < 2 ? RED : [254, 0, 0, 255]));
    const image = await pixelsOf(
      (await run({ operation: 'transparent', color: '#ff0000' }, itemWith({ data: fileRef(png, 'a.png') }))).binary!.data,
    );
    expect([image.at(0, 0)[3], image.at(1, 0)[3], image.at(2, 0)[3]]).toEqual([0, 0, 255]);
  });
});

describe('Edit Image: geometry', () => {
  /** Pixel (x, y) holds (10x, 10y, 0): where each pixel came from can be read off it. */
  const gradient = (w: number, h: number) => imageFile(w, h, (x, y) => [x * 10, y * 10, 0, 255]);

  it('crops the rectangle at a position, clipped to the image', async () => {
    const image = await pixelsOf(
      (
        await run(
          { operation: 'crop', positionX: 2, positionY: 3, width: 4, height: 5 },
          itemWith({ data: fileRef(await gradient(10, 10), 'a.png') }),
        )
      ).binary!.data,
    );
    expect([image.width, image.height, image.at(0, 0), image.at(3, 4)]).toEqual([4, 5, [20, 30, 0, 255], [50, 70, 0, 255]]);
    const clipped = await pixelsOf(
      (
        await run(
          { operation: 'crop', positionX: 7, positionY: 8, width: 500, height: 500 },
          itemWith({ data: fileRef(await gradient(10, 10), 'a.png') }),
        )
      ).binary!.data,
    );
    expect([clipped.width, clipped.height]).toEqual([3, 2]);
  });

  it('resizes by each of n8n’s options', async () => {
    const file = fileRef(await imageFile(400, 100, () => RED), 'a.png');
    const size = async (p: Record<string, unknown>) => {
      const image = await pixelsOf((await run({ operation: 'resize', ...p }, itemWith({ data: file }))).binary!.data);
      return [image.width, image.height];
    };
    // Maximum area: 400×100 is already 40,000 pixels, as 200×200 is; 100×100 allows a quarter of the area.
    expect(await size({ width: 200, height: 200 })).toEqual([400, 100]);
    expect(await size({ width: 100, height: 100 })).toEqual([200, 50]);
    expect(await size({ width: 50, height: 60, resizeOption: 'ignoreAspectRatio' })).toEqual([50, 60]);
    expect(await size({ width: 200, height: 200, resizeOption: 'minimumArea' })).toEqual([800, 200]);
    expect(await size({ width: 200, height: 200, resizeOption: 'onlyIfLarger' })).toEqual([200, 50]);
    expect(await size({ width: 300, height: 50, resizeOption: 'onlyIfSmaller' })).toEqual([400, 100]);
    expect(await size({ width: 50, height: 200, resizeOption: 'percent' })).toEqual([200, 200]);
    const image = await pixelsOf((await run({ operation: 'resize', width: 100, height: 100 }, itemWith({ data: file }))).binary!.data);
    expect(image.at(100, 25)).toEqual(RED);
  });

  it('rotates a quarter turn clockwise, moving every pixel exactly', async () => {
    const image = await pixelsOf(
      (await run({ operation: 'rotate', degrees: 90 }, itemWith({ data: fileRef(await gradient(3, 2), 'a.png') }))).binary!.data,
    );
    expect([image.width, image.height]).toEqual([2, 3]);
    // Clockwise: the left column of the old bottom row becomes the top left; the old top left becomes the top right.
    expect([image.at(0, 0), image.at(1, 0), image.at(0, 2), image.at(1, 2)]).toEqual([
      [0, 10, 0, 255],
      [0, 0, 0, 255],
      [20, 10, 0, 255],
      [20, 0, 0, 255],
    ]);
  });

  it('rotates by any angle on a larger canvas filled with the background colour', async () => {
    const out = await run(
      { operation: 'rotate', degrees: 45, backgroundColor: '#00ff00' },
      itemWith({ data: fileRef(await imageFile(20, 20, () => RED), 'a.png') }),
    );
    const image = await pixelsOf(out.binary!.data);
    expect([image.width, image.height]).toEqual([29, 29]);
    expect(image.at(0, 0)).toEqual([0, 255, 0, 255]);
    expect(image.at(14, 14)).toEqual(RED);
    expect(image.at(14, 1)).toEqual(RED);
  });

  it('shears along X: each row moves right by its height times the tangent', async () => {
    const out = await run({ operation: 'shear', degreesX: 45 }, itemWith({ data: fileRef(await imageFile(10, 10, () => RED), 'a.png') }));
    const image = await pixelsOf(out.binary!.data);
    expect([image.width, image.height]).toEqual([20, 10]);
    expect([image.at(1, 0), image.at(9, 0), image.at(12, 9), image.at(18, 9)]).toEqual([RED, RED, RED, RED]);
    // Row 0 starts half a pixel in, so its first pixel is half covered.
    expect(image.at(0, 0)).toEqual([255, 0, 0, 128]);
    expect([image.at(12, 0)[3], image.at(1, 9)[3]]).toEqual([0, 0]);
  });

  it('adds a border of the width and height given', async () => {
    const image = await pixelsOf(
      (
        await run(
          { operation: 'border', borderWidth: 2, borderHeight: 1, borderColor: '#0000ff' },
          itemWith({ data: fileRef(await imageFile(2, 2, () => RED), 'a.png') }),
        )
      ).binary!.data,
    );
    expect([image.width, image.height]).toEqual([6, 4]);
    expect([image.at(0, 0), image.at(1, 2), image.at(2, 0), image.at(2, 1), image.at(3, 2), image.at(4, 2)]).toEqual([
      BLUE,
      BLUE,
      BLUE,
      RED,
      RED,
      BLUE,
    ]);
  });

  it('blurs symmetrically, keeping the total brightness', async () => {
    const png = await imageFile(21, 21, (x, y) => (x === 10 && y === 10 ? WHITE : [0, 0, 0, 255]));
    const image = await pixelsOf(
      (await run({ operation: 'blur', blur: 6, sigma: 1.5 }, itemWith({ data: fileRef(png, 'a.png') }))).binary!.data,
    );
    expect(image.at(10, 10)[0]).toBeLessThan(255);
    expect(image.at(8, 10)[0]).toBeGreaterThan(0);
    expect([image.at(10, 8), image.at(12, 10), image.at(10, 12)]).toEqual([image.at(8, 10), image.at(8, 10), image.at(8, 10)]);
    let total = 0;
    for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) total += image.at(x, y)[0];
    expect(Math.abs(total - 255)).toBeLessThan(30);
  });
});

describe('Edit Image: Create and what is refused', () => {
  it('creates an image of a colour, as PNG, without reading a file', async () => {
    const out = await run({ operation: 'create', width: 3, height: 2, backgroundColor: 'rgba(0, 0, 255, 0.5)' }, { json: { a: 1 } });
    const image = await pixelsOf(out.binary!.data);
    expect([image.width, image.height, image.at(2, 1)]).toEqual([3, 2, [0, 0, 255, 128]]);
    expect(out.binary!.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
    expect(out.json).toEqual({ a: 1 });
  });

  it('refuses Text, naming the operation and why', async () => {
    const png = await imageFile(2, 2, () => RED);
    await expect(run({ operation: 'text' }, itemWith({ data: fileRef(png, 'a.png') }))).rejects.toThrow(
      /Node 'Node': parameter 'operation' is 'text', which Flowloom's Edit Image does not offer: the engine carries no fonts/,
    );
    await expect(
      run({ operation: 'multiStep', steps: [{ operation: 'blur' }, { operation: 'text' }] }, itemWith({ data: fileRef(png, 'a.png') })),
    ).rejects.toThrow(/parameter 'steps\[1\]\.operation' is 'text'/);
  });

  it('names the step and parameter of a colour it cannot read', async () => {
    const png = await imageFile(2, 2, () => RED);
    await expect(
      run({ operation: 'multiStep', steps: [{ operation: 'draw', color: 'bluish' }] }, itemWith({ data: fileRef(png, 'a.png') })),
    ).rejects.toThrow(/parameter 'steps\[0\]\.color' must be a colour .*got 'bluish'/);
  });

  it('refuses an image larger than it makes', async () => {
    await expect(run({ operation: 'create', width: 20_000, height: 20_000 }, { json: {} })).rejects.toThrow(
      /parameter 'width' would make an image of 20000×20000 pixels/,
    );
  });

  it('fails naming the parameter whose expression gave nothing, instead of drawing at the default place', async () => {
    const engine = createNodeEngine({ logger: silentLogger });
    try {
      const workflow = trialWorkflow(
        [
          ['start', 'core.manualTrigger'],
          [
            'box',
            'core.editImage',
            { operation: 'draw', startPositionX: '{{ $json.box.x }}', startPositionY: 1, endPositionX: 3, endPositionY: 3 },
          ],
        ],
        [['start', 'box']],
      );
      const png = await imageFile(4, 4, () => WHITE);
      const execution = await engine.run(workflow, { input: [{ json: { box: {} }, binary: { data: fileRef(png, 'a.png') } }] });
      expect(execution.error?.message).toBe(
        `Node 'box': parameter 'startPositionX' is written as "{{ $json.box.x }}", which gave nothing for this item (item 0).`,
      );
    } finally {
      await engine.close();
    }
  });
});

describe('Edit Image: loading', () => {
  it('imports jimp only when it runs, so the engine starts without it', () => {
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const staticJimp = sources.filter((f) => /^import (?!type\b)[^;]*from 'jimp'/m.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(staticJimp).toEqual([]);
    expect(readFileSync(new URL('codec.ts', dir), 'utf8')).toContain("import('jimp')");
  });
});
