// Text Classifier: the attached chat model puts each item's text in one of the categories listed in the editor, and
// the item goes out of that category's output (or `other`, or nowhere, when it fits none).
import { defineNode, type Item } from '@flowloom/engine';
import { z } from 'zod';
import { classifierOutputs, textClassifierInfo } from './ai-info.js';
import { callOptions, limitsOf } from './options.js';
import { readJsonSchema } from './schema.js';
import { askStructured } from './structured.js';
import { aiError, chatModelOf, textOrField } from './supplies.js';

const NONE = 'none';

const properties = z.object({
  text: z.string().optional().meta({
    label: 'Text',
    editor: 'multiline',
    description: 'The text to classify, for each item. Left empty: the item\u2019s text field.',
  }),
  categories: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .min(1)
          .meta({ label: 'Category', description: 'Also the output\u2019s name when it is a valid port name.' }),
        description: z.string().optional().meta({ label: 'Description', description: 'What belongs here, for the model.' }),
      }),
    )
    .min(1, 'list at least one category')
    .meta({ label: 'Categories', noExpression: true }),
  fallback: z
    .enum(['discard', 'other'])
    .default('discard')
    .meta({
      label: 'When no category fits',
      noExpression: true,
      options: [
        { value: 'discard', label: 'Drop the item' },
        { value: 'other', label: 'Send it to the "other" output' },
      ],
    }),
  system: z
    .string()
    .default('Put the text in the one category it belongs to. Answer "none" when it fits none of them.')
    .meta({ label: 'System message', editor: 'multiline' }),
  options: callOptions,
});

/** The Text Classifier node: each item on the output of its category. */
export const textClassifier = defineNode({
  ...textClassifierInfo,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const first = ctx.params(0);
    const ports = classifierOutputs(ctx.node.parameters);
    const names = first.categories.map((c) => c.name);
    if (new Set(names).size !== names.length) throw aiError(ctx, "parameter 'categories' names a category twice.", 'PARAMETER_INVALID');
    if (names.includes(NONE))
      throw aiError(ctx, `parameter 'categories': '${NONE}' is kept for items that fit no category; rename it.`, 'PARAMETER_INVALID');
    const schema = readJsonSchema(
      ctx,
      {
        type: 'object',
        properties: { category: { type: 'string', enum: [...names, NONE], description: 'The category the text belongs to.' } },
        required: ['category'],
        additionalProperties: false,
      },
      'categories',
    );
    const list = first.categories.map((c) => `- ${c.name}${c.description ? `: ${c.description}` : ''}`).join('\n');
    const limits = limitsOf(first.options);
    const out: Record<string, Item[]> = Object.fromEntries(ports.map((port) => [port, []]));
    for (let i = 0; i < items.length; i++) {
      const p = ctx.params(i);
      const model = await chatModelOf(ctx, i);
      const { output } = await askStructured({
        ctx,
        item: i,
        model,
        system: `${p.system}\n\nCategories:\n${list}`,
        messages: [{ role: 'user', content: textOrField(ctx, p.text, i, 'text', 'text') }],
        limits,
        schema,
        parameter: 'categories',
      });
      const category = (output as { category: string }).category;
      const index = names.indexOf(category);
      const port = index >= 0 ? ports[index]! : p.fallback === 'other' ? 'other' : undefined;
      if (port) out[port]!.push({ ...items[i]!, pairedItem: { item: i } });
    }
    return out;
  },
});
