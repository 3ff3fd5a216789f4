import type { MapContext } from '../map-context.js';
import { compact, type NodeMapping } from './mapping.js';

const OPERATIONS = ['blur', 'border', 'composite', 'create', 'crop', 'draw', 'resize', 'rotate', 'shear', 'text', 'transparent'] as const;
type Operation = (typeof OPERATIONS)[number];

/** The composite operators Flowloom's Edit Image lays images with (GraphicsMagick's names). */
const OPERATORS = ['Over', 'In', 'Out', 'Atop', 'Xor', 'Copy', 'CopyRed', 'CopyGreen', 'CopyBlue', 'CopyOpacity'] as const;

/** Every parameter an operation of n8n's node may hold, so those another operation would read are known as unused. */
const ALL_FIELDS = [
  'blur',
  'sigma',
  'borderWidth',
  'borderHeight',
  'borderColor',
  'dataPropertyNameComposite',
  'operator',
  'positionX',
  'positionY',
  'width',
  'height',
  'backgroundColor',
  'primitive',
  'color',
  'startPositionX',
  'startPositionY',
  'endPositionX',
  'endPositionY',
  'cornerRadius',
  'resizeOption',
  'rotate',
  'degreesX',
  'degreesY',
  'text',
  'fontSize',
  'fontColor',
  'lineLength',
  'font',
];

/** A number parameter: a number, or an expression Flowloom works out when the node runs. */
function numberAt(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (raw === undefined || raw === null || raw === '') return undefined;
  // `=0` (no `{{ }}`) is the text itself in n8n, read as a number by its number parameters.
  if (typeof raw === 'string' && (!raw.startsWith('=') || !raw.includes('{{'))) return ctx.literal<number>(path, 'number');
  return ctx.value(path);
}

/** A text parameter (a file key, a colour); undefined when absent or empty, so Flowloom's default applies. */
function textAt(ctx: MapContext, path: string): unknown {
  const v = ctx.value(path);
  return v === '' ? undefined : v;
}

/** The Flowloom parameters of one n8n operation, read from `at` (the node, or a step of Multi Step). */
function operationParameters(ctx: MapContext, operation: Operation, at: (name: string) => string): Record<string, unknown> {
  const read = new Set<string>();
  const num = (name: string) => (read.add(name), numberAt(ctx, at(name)));
  const text = (name: string) => (read.add(name), textAt(ctx, at(name)));
  if (operation === 'text') ctx.fail(at('operation'), "Flowloom's Edit Image cannot write text: the engine carries no fonts");
  let parameters: Record<string, unknown>;
  switch (operation) {
    case 'blur':
      parameters = { blur: num('blur'), sigma: num('sigma') };
      break;
    case 'border':
      parameters = { borderWidth: num('borderWidth'), borderHeight: num('borderHeight'), borderColor: text('borderColor') };
      break;
    case 'composite':
      read.add('operator');
      parameters = {
        compositeBinaryProperty: text('dataPropertyNameComposite'),
        operator: ctx.choice(at('operator'), OPERATORS, 'Over'),
        positionX: num('positionX'),
        positionY: num('positionY'),
      };
      break;
    case 'create':
      parameters = { width: num('width'), height: num('height'), backgroundColor: text('backgroundColor') };
      break;
    case 'crop':
      parameters = { width: num('width'), height: num('height'), positionX: num('positionX'), positionY: num('positionY') };
      break;
    case 'draw':
      read.add('primitive');
      parameters = {
        primitive: ctx.choice(at('primitive'), ['circle', 'line', 'rectangle'], 'rectangle'),
        color: text('color'),
        startPositionX: num('startPositionX'),
        startPositionY: num('startPositionY'),
        endPositionX: num('endPositionX'),
        endPositionY: num('endPositionY'),
        cornerRadius: num('cornerRadius'),
      };
      break;
    case 'resize':
      read.add('resizeOption');
      parameters = {
        width: num('width'),
        height: num('height'),
        resizeOption: ctx.choice(
          at('resizeOption'),
          ['ignoreAspectRatio', 'maximumArea', 'minimumArea', 'onlyIfLarger', 'onlyIfSmaller', 'percent'],
          'maximumArea',
        ),
      };
      break;
    case 'rotate':
      parameters = { degrees: num('rotate'), backgroundColor: text('backgroundColor') };
      break;
    case 'shear':
      parameters = { degreesX: num('degreesX'), degreesY: num('degreesY') };
      break;
    case 'transparent':
      parameters = { color: text('color') };
      break;
  }
  // n8n reads only the parameters of the operation; the others stay unused there too.
  ctx.ignore(...ALL_FIELDS.filter((name) => !read.has(name)).map(at));
  return compact(parameters);
}

/**
 * Edit Image v1: every operation but Text (which needs fonts), and of the
 * composite operators those that Flowloom lays images with. Colours keep
 * n8n's reading of `#rrggbbaa` (the last byte is opacity, as in
 * GraphicsMagick).
 */
export const editImageMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const operation = ctx.choice('operation', [...OPERATIONS, 'information', 'multiStep'], 'border');
    const binaryProperty = ctx.value('dataPropertyName', 'data');
    ctx.ignore('options.font');
    const output =
      operation === 'information'
        ? (ctx.ignore('options'), {})
        : {
            format: ctx.has('options.format') ? ctx.choice('options.format', ['bmp', 'gif', 'jpeg', 'png', 'tiff'], 'jpeg') : undefined,
            quality: numberAt(ctx, 'options.quality'),
            fileName: textAt(ctx, 'options.fileName'),
            outputBinaryProperty: textAt(ctx, 'options.destinationKey'),
          };
    let fields: Record<string, unknown> = {};
    if (operation === 'multiStep') {
      const steps = ctx.list('operations.operations').map((_, i) => {
        const at = (name: string) => `operations.operations[${i}].${name}`;
        const step = ctx.choice(at('operation'), OPERATIONS, '' as Operation);
        return { operation: step, ...operationParameters(ctx, step, at) };
      });
      ctx.ignore(...ALL_FIELDS);
      fields = { steps };
    } else if (operation === 'information') {
      ctx.ignore(...ALL_FIELDS, 'operations');
    } else {
      fields = operationParameters(ctx, operation, (name) => name);
      ctx.ignore('operations');
    }
    return {
      type: 'core.editImage',
      parameters: compact({ operation, binaryProperty, ...fields, ...output, hexAlpha: 'opacity' }),
    };
  },
};
