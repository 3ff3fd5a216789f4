// Information Extractor: the attributes listed in the editor, read from each item's text by the attached chat model.
import { defineNode, type Item } from '@flowloom/engine';
import { z } from 'zod';
import { informationExtractorInfo } from './ai-info.js';
import { callOptions, limitsOf } from './options.js';
import { askStructured } from './structured.js';
import { schemaOf, schemaParameters } from './structured-output.js';
import { chatModelOf, textOrField } from './supplies.js';

const DEFAULT_SYSTEM =
  'Read the text and fill in each attribute the schema asks for with what the text says. Do not guess: leave out an attribute the text does not give, unless the schema requires it.';

const properties = z.object({
  text: z
    .string()
    .optional()
    .meta({ label: 'Text', editor: 'multiline', description: 'The text to read, for each item. Left empty: the item\u2019s text field.' }),
  ...schemaParameters,
  fields: schemaParameters.fields.meta({ label: 'Attributes', displayOptions: { show: { schemaType: ['fields'] } } }),
  system: z.string().default(DEFAULT_SYSTEM).meta({ label: 'System message', editor: 'multiline' }),
  options: callOptions,
});

/** The Information Extractor node: `{ output }` per input item, the attributes found. */
export const informationExtractor = defineNode({
  ...informationExtractorInfo,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const first = ctx.params(0);
    const { schema, parameter } = schemaOf(ctx, first);
    const limits = limitsOf(first.options);
    const out: Item[] = [];
    for (let i = 0; i < Math.max(1, items.length); i++) {
      const p = ctx.params(i);
      const model = await chatModelOf(ctx, i);
      const { output } = await askStructured({
        ctx,
        item: i,
        model,
        system: p.system,
        messages: [{ role: 'user', content: textOrField(ctx, p.text, i, 'text', 'text') }],
        limits,
        schema,
        parameter,
      });
      out.push({ json: { output }, pairedItem: { item: i } });
    }
    return out;
  },
});
