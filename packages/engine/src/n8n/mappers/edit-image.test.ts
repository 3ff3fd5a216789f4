import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jimp } from 'jimp';
import { afterAll, describe, expect, it } from 'vitest';
import type { BinaryRef, Item } from '../../model/item.js';
import type { Workflow } from '../../model/workflow.js';
import { silentLogger } from '../../ports/logger.js';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

// Edit Image, checked on the corpus workflows that use it: each imports whole and validates, and runs on images
// made here, whose pixels after the run are known from the geometry the workflow asks for.

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

const WATERMARK = 'Code/0598_Code_Editimage_Update_Webhook.json';
const BOUNDING_BOXES = 'Code/1605_Code_Editimage_Automation_Webhook.json';
const BOUNDING_BOXES_COPY = 'Code/0665_Code_Editimage_Update_Webhook.json';
const AVATARS = 'Manual/0137_Manual_Editimage_Create_Webhook.json';

// A Node engine: the corpus workflows' Code nodes and JavaScript expressions need its sandbox.
const engine = createNodeEngine({ logger: silentLogger });
afterAll(() => engine.close());

/** Imports a corpus workflow: every node must map and the workflow validate. */
function imported(file: string): Workflow {
  const { workflow, report } = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', file), 'utf8'), { source: file });
  expect(report.placeholders).toEqual([]);
  // Expressions beyond a plain reference run as JavaScript; none may be unreadable.
  expect(report.notTranslated.filter((e) => e.reason === 'parse')).toEqual([]);
  const validation = engine.validate(workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  return workflow!;
}

const idOf = (workflow: Workflow, name: string) => workflow.nodes.find((n) => n.name === name)!.id;

type Pixel = [number, number, number, number];

async function png(width: number, height: number, paint: (x: number, y: number) => Pixel): Promise<BinaryRef> {
  const image = new Jimp({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.bitmap.data.set(paint(x, y), (y * width + x) * 4);
  const bytes = await image.getBuffer('image/png');
  return { mimeType: 'image/png', fileName: 'image.png', fileExtension: 'png', data: bytes.toString('base64') };
}

async function pixelsOf(ref: BinaryRef | undefined) {
  const image = await Jimp.fromBuffer(Buffer.from(ref!.data!, 'base64'));
  const { width, height, data } = image.bitmap;
  return { width, height, at: (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)] };
}

/** Whether two colours differ by at most `tolerance` in each channel (JPEG is lossy). */
const near = (actual: number[], expected: number[], tolerance = 24) => actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);

describe("n8n's Edit Image, imported", () => {
  it('imports the three corpus workflows that use it whole, each validating', () => {
    const watermark = imported(WATERMARK);
    expect(watermark.nodes.find((n) => n.name === 'Get Meta BG')).toMatchObject({
      type: 'core.editImage',
      parameters: { operation: 'information', binaryProperty: 'data' },
    });
    expect(watermark.nodes.find((n) => n.name === 'Let "top" overlay "bg"')!.parameters).toEqual({
      operation: 'composite',
      binaryProperty: 'bg',
      compositeBinaryProperty: 'top',
      operator: 'Over',
      positionX: '{{js: $json.center.x - $json.metaTop.size.width }}',
      positionY: '{{js: $json.center.y - $json.metaTop.size.height }}',
      format: 'jpeg',
      fileName: 'out.png',
      hexAlpha: 'opacity',
    });
    for (const file of [BOUNDING_BOXES, BOUNDING_BOXES_COPY]) {
      const draw = imported(file).nodes.find((n) => n.name === 'Draw Bounding Boxes')!;
      const steps = draw.parameters.steps as Record<string, unknown>[];
      expect(steps).toHaveLength(6);
      expect(steps[0]).toMatchObject({ operation: 'draw', primitive: 'rectangle', color: '#ff00f277' });
      expect(Object.keys(steps[0]!).sort()).toEqual([
        'color',
        'endPositionX',
        'endPositionY',
        'operation',
        'primitive',
        'startPositionX',
        'startPositionY',
      ]);
      expect(steps[0]!.startPositionX).toMatch(/^\{\{.*\$json\.coords\[0\]\.xmin \}\}$/);
      // `=0` is the text 0 in n8n, which its number parameter reads as 0.
      expect(steps[5]!.cornerRadius).toBe(0);
    }
  });

  it('runs the watermark workflow: the logo, measured by Get Information, lands in the centre of the background', async () => {
    const workflow = imported(WATERMARK);
    const bg = await png(60, 40, () => [255, 0, 0, 255]);
    const logo = await png(10, 8, () => [0, 0, 255, 255]);
    const execution = await engine.run({
      ...workflow,
      pinData: {
        [idOf(workflow, 'Get the Image for Background')]: [{ json: {}, binary: { data: bg } }],
        [idOf(workflow, 'Get Logo for the Watermark')]: [{ json: {}, binary: { data: logo } }],
      },
    });
    expect(execution.error).toBeUndefined();
    const meta = execution.nodes[idOf(workflow, 'Get Meta BG')]![0]!.output.main![0]!;
    expect(meta.json).toMatchObject({ format: 'PNG', size: { width: 60, height: 40 }, Geometry: '60x40' });
    const [out] = execution.nodes[idOf(workflow, 'Let "top" overlay "bg"')]![0]!.output.main! as Item[];
    // Centre (35, 24) less the logo's size: the logo's top left at (25, 16), its bottom right at (34, 23).
    expect(out!.json.center).toEqual({ x: 35, y: 24 });
    expect(out!.binary!.bg).toMatchObject({ mimeType: 'image/jpeg', fileName: 'out.png' });
    const image = await pixelsOf(out!.binary!.bg);
    expect([image.width, image.height]).toEqual([60, 40]);
    expect(near(image.at(29, 19), [0, 0, 255, 255])).toBe(true);
    expect(near(image.at(26, 17), [0, 0, 255, 255], 60)).toBe(true);
    expect(near(image.at(5, 5), [255, 0, 0, 255])).toBe(true);
    expect(near(image.at(45, 20), [255, 0, 0, 255])).toBe(true);
    expect(near(image.at(29, 30), [255, 0, 0, 255])).toBe(true);
  });

  it('runs the bounding-box workflow: each box the model found is drawn, scaled to the image Get Information measured', async () => {
    const workflow = imported(BOUNDING_BOXES);
    const photo = await png(100, 80, () => [255, 255, 255, 255]);
    // Six boxes as Gemini gives them: [ymin, xmin, ymax, xmax] in thousandths of the image.
    const boxes = [
      [100, 100, 250, 300],
      [500, 500, 750, 700],
      [100, 800, 200, 900],
      [800, 100, 900, 200],
      [300, 400, 400, 450],
      [600, 50, 700, 80],
    ].map((box_2d) => ({ box_2d, label: 'rabbit' }));
    const execution = await engine.run({
      ...workflow,
      pinData: {
        [idOf(workflow, 'Get Test Image')]: [{ json: {}, binary: { data: photo } }],
        [idOf(workflow, 'Gemini 2.0 Object Detection')]: [
          { json: { candidates: [{ content: { parts: [{ text: JSON.stringify(boxes) }] } }] } },
        ],
      },
    });
    expect(execution.error).toBeUndefined();
    const [out] = execution.nodes[idOf(workflow, 'Draw Bounding Boxes')]![0]!.output.main! as Item[];
    const image = await pixelsOf(out!.binary!.data);
    expect([image.width, image.height]).toEqual([100, 80]);
    // #ff00f277: opacity 0x77, so alpha 0x88 of magenta over white.
    const a = 0x88 / 255;
    const magenta = [255, Math.round(255 * (1 - a)), Math.round(242 * a + 255 * (1 - a)), 255];
    // Box 1 spans x 10-30, y 8-20; box 2 x 50-70, y 40-60; box 3 x 80-90, y 8-16; box 5 x 40-45, y 24-32.
    expect([image.at(10, 8), image.at(20, 14), image.at(30, 20), image.at(60, 50), image.at(85, 12), image.at(40, 30)]).toEqual([
      magenta,
      magenta,
      magenta,
      magenta,
      magenta,
      magenta,
    ]);
    expect([image.at(9, 14), image.at(31, 14), image.at(35, 30), image.at(95, 75)]).toEqual([
      [255, 255, 255, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
    ]);
  });

  it("clips an avatar to a circle as the corpus's Multi Step does (Create, Draw a circle, Composite 'In')", async () => {
    const { workflow, report } = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', AVATARS), 'utf8'));
    expect(report.placeholders.map((p) => p.node)).not.toContain('Crop');
    const crop = workflow!.nodes.find((n) => n.name === 'Crop')!;
    const execution = await engine.run(
      {
        schemaVersion: workflow!.schemaVersion,
        id: 'crop',
        name: 'crop',
        nodes: [{ id: 'start', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} }, crop],
        connections: [{ from: { node: 'start', port: 'main' }, to: { node: crop.id, port: 'main' } }],
        settings: {},
      },
      { input: [{ json: {}, binary: { avatar: await png(200, 200, () => [0, 128, 0, 255]) } }] },
    );
    expect(execution.error).toBeUndefined();
    const image = await pixelsOf(execution.nodes[crop.id]![0]!.output.main![0]!.binary!.avatar);
    // The circle is centred at (100, 100) and passes through (25, 50): radius √(75² + 50²) ≈ 90.1.
    expect(image.at(100, 100)).toEqual([0, 128, 0, 255]);
    expect(image.at(100, 12)).toEqual([0, 128, 0, 255]);
    expect(image.at(100, 8)[3]).toBe(0);
    expect(image.at(5, 5)[3]).toBe(0);
  });

  it("maps a crop whose place and file name come from expressions (an object detector's boxes)", () => {
    const file = 'Splitout/0532_Splitout_Elasticsearch_Create_Webhook.json';
    const { workflow, report } = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', file), 'utf8'));
    expect(report.placeholders.map((p) => p.node)).not.toContain('Crop Object From Image');
    const crop = workflow!.nodes.find((n) => n.name === 'Crop Object From Image')!;
    expect(crop.parameters).toMatchObject({ operation: 'crop', binaryProperty: 'data', format: 'jpeg', hexAlpha: 'opacity' });
    expect(Object.keys(crop.parameters).sort()).toEqual(
      ['binaryProperty', 'fileName', 'format', 'height', 'hexAlpha', 'operation', 'positionX', 'positionY', 'width'].sort(),
    );
  });

  it('leaves Text and the composite operators Flowloom lacks as placeholders that say why', () => {
    const node = (parameters: Record<string, unknown>) => ({
      name: 'Edit',
      type: 'n8n-nodes-base.editImage',
      typeVersion: 1,
      position: [0, 0],
      parameters,
    });
    const text = importN8nWorkflow({ name: 't', nodes: [node({ operation: 'text', text: 'Hi' })], connections: {} }).report.placeholders[0];
    expect(text).toMatchObject({ node: 'Edit', parameter: 'operation' });
    expect(text!.reason).toMatch(/cannot write text/);
    const multiply = importN8nWorkflow({
      name: 'm',
      nodes: [node({ operation: 'multiStep', operations: { operations: [{ operation: 'composite', operator: 'Multiply' }] } })],
      connections: {},
    }).report.placeholders[0];
    expect(multiply).toMatchObject({ parameter: 'operations.operations[0].operator' });
    expect(multiply!.reason).toMatch(/'Multiply' has no Flowloom equivalent/);
  });
});
