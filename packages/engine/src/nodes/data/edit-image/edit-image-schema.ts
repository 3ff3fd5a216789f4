import { z } from 'zod';
import { COMPOSITE_OPERATORS } from './composite.js';

/** Every operation n8n's Edit Image node offers; `text` is refused when run (the engine carries no fonts). */
export const OPERATIONS = [
  'blur',
  'border',
  'composite',
  'create',
  'crop',
  'draw',
  'information',
  'multiStep',
  'resize',
  'rotate',
  'shear',
  'text',
  'transparent',
] as const;

/** The operations a step of Multi Step may be. */
export const STEP_OPERATIONS = OPERATIONS.filter((o) => o !== 'information' && o !== 'multiStep') as Exclude<
  (typeof OPERATIONS)[number],
  'information' | 'multiStep'
>[];

const OPERATION_OPTIONS = [
  { value: 'blur', label: 'Blur', description: 'Blur the image (Gaussian).' },
  { value: 'border', label: 'Border', description: 'Frame the image with a border.' },
  { value: 'composite', label: 'Composite', description: 'Lay another image of the item on this one.' },
  { value: 'create', label: 'Create', description: 'Make a new image of one colour.' },
  { value: 'crop', label: 'Crop', description: 'Keep a rectangle of the image.' },
  { value: 'draw', label: 'Draw', description: 'Draw a rectangle, circle or line.' },
  { value: 'information', label: 'Get Information', description: 'Put the format, size and depth of the image in the item.' },
  { value: 'multiStep', label: 'Multi Step', description: 'Run several operations in order.' },
  { value: 'resize', label: 'Resize', description: 'Change the size of the image.' },
  { value: 'rotate', label: 'Rotate', description: 'Turn the image clockwise.' },
  { value: 'shear', label: 'Shear', description: 'Slant the image along the X and Y axes.' },
  { value: 'text', label: 'Text', description: 'Not available: Flowloom carries no fonts to write with.' },
  { value: 'transparent', label: 'Transparent', description: 'Make one colour transparent.' },
];

const RESIZE_OPTIONS = ['ignoreAspectRatio', 'maximumArea', 'minimumArea', 'onlyIfLarger', 'onlyIfSmaller', 'percent'] as const;

/** Which parameters each operation reads (and so when the editor shows them). */
const USED_BY: Record<string, readonly string[]> = {
  blur: ['blur'],
  sigma: ['blur'],
  borderWidth: ['border'],
  borderHeight: ['border'],
  borderColor: ['border'],
  compositeBinaryProperty: ['composite'],
  operator: ['composite'],
  positionX: ['composite', 'crop'],
  positionY: ['composite', 'crop'],
  width: ['create', 'crop', 'resize'],
  height: ['create', 'crop', 'resize'],
  backgroundColor: ['create', 'rotate'],
  primitive: ['draw'],
  color: ['draw', 'transparent'],
  startPositionX: ['draw'],
  startPositionY: ['draw'],
  endPositionX: ['draw'],
  endPositionY: ['draw'],
  cornerRadius: ['draw'],
  resizeOption: ['resize'],
  degrees: ['rotate'],
  degreesX: ['shear'],
  degreesY: ['shear'],
};

const COLOUR = 'Hex (`#rrggbb`, `#rrggbbaa`), a CSS name or `rgba(…)`.';

/** The parameters of one operation, all optional: each operation has its own defaults, given in the descriptions. */
function operationFields(withDisplay: boolean) {
  const hints = (key: string, label: string, description: string) => ({
    label,
    description,
    ...(withDisplay ? { displayOptions: { show: { operation: USED_BY[key]! } } } : {}),
  });
  const n = () => z.number();
  return {
    blur: n()
      .min(0)
      .max(1000)
      .optional()
      .meta(hints('blur', 'Blur Radius', 'How far the blur reaches, in pixels; 0 works it out from sigma (default 5).')),
    sigma: n()
      .min(0)
      .max(1000)
      .optional()
      .meta(hints('sigma', 'Sigma', 'Standard deviation of the blur, in pixels (default 2).')),
    borderWidth: n()
      .min(0)
      .optional()
      .meta(hints('borderWidth', 'Border Width', 'Pixels added left and right (default 10).')),
    borderHeight: n()
      .min(0)
      .optional()
      .meta(hints('borderHeight', 'Border Height', 'Pixels added above and below (default 10).')),
    borderColor: z
      .string()
      .optional()
      .meta(hints('borderColor', 'Border Color', `${COLOUR} Default black.`)),
    compositeBinaryProperty: z
      .string()
      .optional()
      .meta(hints('compositeBinaryProperty', 'Composite Image Field', "Key of the item's file to lay on the image, such as `logo`.")),
    operator: z
      .enum(COMPOSITE_OPERATORS)
      .optional()
      .meta({
        ...hints('operator', 'Operator', 'How the images combine (default Over: the composite image on top).'),
        options: COMPOSITE_OPERATORS.map((o) => ({ value: o, label: o })),
      }),
    positionX: n()
      .optional()
      .meta(hints('positionX', 'Position X', 'Left edge of the composite image or of the crop, in pixels (default 0).')),
    positionY: n()
      .optional()
      .meta(hints('positionY', 'Position Y', 'Top edge of the composite image or of the crop, in pixels (default 0).')),
    width: n()
      .min(0)
      .optional()
      .meta(hints('width', 'Width', 'Pixels (percent for Resize by percent). Default 50 for Create, else 500.')),
    height: n()
      .min(0)
      .optional()
      .meta(hints('height', 'Height', 'Pixels (percent for Resize by percent). Default 50 for Create, else 500.')),
    backgroundColor: z
      .string()
      .optional()
      .meta(hints('backgroundColor', 'Background Color', `${COLOUR} Default white for Create, transparent for Rotate.`)),
    primitive: z
      .enum(['circle', 'line', 'rectangle'])
      .optional()
      .meta({
        ...hints(
          'primitive',
          'Primitive',
          'What to draw (default rectangle). A circle is centred on the start and passes through the end.',
        ),
        options: [
          { value: 'circle', label: 'Circle' },
          { value: 'line', label: 'Line' },
          { value: 'rectangle', label: 'Rectangle' },
        ],
      }),
    color: z
      .string()
      .optional()
      .meta(hints('color', 'Color', `${COLOUR} Draw: the fill (default red). Transparent: the colour to clear (default red).`)),
    startPositionX: n()
      .optional()
      .meta(hints('startPositionX', 'Start Position X', 'Default 50.')),
    startPositionY: n()
      .optional()
      .meta(hints('startPositionY', 'Start Position Y', 'Default 50.')),
    endPositionX: n()
      .optional()
      .meta(hints('endPositionX', 'End Position X', 'Default 250.')),
    endPositionY: n()
      .optional()
      .meta(hints('endPositionY', 'End Position Y', 'Default 250.')),
    cornerRadius: n()
      .min(0)
      .optional()
      .meta(hints('cornerRadius', 'Corner Radius', 'Rounds the corners of a rectangle, in pixels (default 0).')),
    resizeOption: z
      .enum(RESIZE_OPTIONS)
      .optional()
      .meta({
        ...hints('resizeOption', 'Resize Option', 'How Width and Height are read (default Maximum Area).'),
        options: [
          { value: 'ignoreAspectRatio', label: 'Ignore Aspect Ratio', description: 'Exactly Width × Height.' },
          {
            value: 'maximumArea',
            label: 'Maximum Area',
            description: 'Shrink, keeping the aspect ratio, to at most Width × Height pixels in all.',
          },
          {
            value: 'minimumArea',
            label: 'Minimum Area',
            description: 'Scale, keeping the aspect ratio, until it covers Width and Height.',
          },
          { value: 'onlyIfLarger', label: 'Only if Larger', description: 'Fit within Width and Height, only when wider or taller.' },
          { value: 'onlyIfSmaller', label: 'Only if Smaller', description: 'Fit within Width and Height, only when narrower or shorter.' },
          { value: 'percent', label: 'Percent', description: 'Width and Height are percentages of the size.' },
        ],
      }),
    degrees: n()
      .min(-360)
      .max(360)
      .optional()
      .meta(hints('degrees', 'Rotate', 'Degrees clockwise (default 0).')),
    degreesX: n()
      .optional()
      .meta(hints('degreesX', 'Degrees X', 'Shear along the X axis: rows move right by their height times the tangent (default 0).')),
    degreesY: n()
      .optional()
      .meta(
        hints(
          'degreesY',
          'Degrees Y',
          'Shear along the Y axis: columns move down by their distance from the left times the tangent (default 0).',
        ),
      ),
  };
}

const step = z.object({ operation: z.enum(STEP_OPERATIONS).meta({ label: 'Operation' }), ...operationFields(false) });

/** The names of an operation's own parameters. */
export const STEP_FIELDS: ReadonlySet<string> = new Set(Object.keys(step.shape).filter((key) => key !== 'operation'));

/** One step of Multi Step, or the single operation otherwise. */
export type ImageStep = z.output<typeof step>;

/** The Edit Image node's parameters. */
export const editImageProperties = z.object({
  operation: z.enum(OPERATIONS).default('information').meta({ label: 'Operation', options: OPERATION_OPTIONS }),
  binaryProperty: z.string().min(1).default('data').meta({
    label: 'Input Binary Field',
    description: "Key of the image in the item's binary data (not read when the first operation is Create).",
  }),
  ...operationFields(true),
  steps: z
    .array(step)
    .default([])
    .meta({
      label: 'Steps',
      description: 'The operations Multi Step runs, in order, each with its own parameters.',
      displayOptions: { show: { operation: ['multiStep'] } },
    }),
  format: z
    .enum(['bmp', 'gif', 'jpeg', 'png', 'tiff'])
    .optional()
    .meta({
      label: 'Output Format',
      description: 'Format of the file written (default: that of the input; PNG after Create).',
      displayOptions: { hide: { operation: ['information'] } },
    }),
  quality: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .meta({
      label: 'Quality',
      description: 'JPEG quality 0-100 (default 75); for PNG the tens digit is the zlib compression level.',
      displayOptions: { hide: { operation: ['information'] } },
    }),
  fileName: z
    .string()
    .optional()
    .meta({ label: 'File Name', description: 'Name of the file written.', displayOptions: { hide: { operation: ['information'] } } }),
  outputBinaryProperty: z
    .string()
    .optional()
    .meta({
      label: 'Put Output File in Field',
      description: 'Key of the file written (default: the input field).',
      displayOptions: { hide: { operation: ['information'] } },
    }),
  hexAlpha: z
    .enum(['alpha', 'opacity'])
    .default('alpha')
    .meta({
      label: 'Fourth Hex Byte Means',
      description:
        'Whether `aa` in `#rrggbbaa` is alpha (as in CSS: ff is opaque) or opacity (as GraphicsMagick and n8n read it: 00 is opaque).',
      options: [
        { value: 'alpha', label: 'Alpha (CSS)' },
        { value: 'opacity', label: 'Opacity (n8n)' },
      ],
    }),
});

/** The parameters as `execute` sees them. */
export type EditImageParams = z.output<typeof editImageProperties>;
