// Structured Output: asks the attached chat model for an object matching a schema given in the editor (a list of
// fields, or a JSON Schema), checks it, and asks once more with what was wrong before failing clearly.
import { defineNode, type Item, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { structuredOutputInfo } from './ai-info.js';
import { callOptions, limitsOf } from './options.js';
import { fieldSchema, readJsonSchema, schemaFromFields, type UserSchema } from './schema.js';
import { askStructured } from './structured.js';
import { aiError, chatModelOf, textOrField } from './supplies.js';

/** The schema parameters shared by the nodes that ask for objects. */
export const schemaParameters = {
  schemaType: z
    .enum(['fields', 'jsonSchema'])
    .default('fields')
    .meta({
      label: 'Schema from',
      noExpression: true,
      options: [
        { value: 'fields', label: 'A list of fields' },
        { value: 'jsonSchema', label: 'JSON Schema' },
      ],
    }),
  fields: z
    .array(fieldSchema)
    .default([])
    .meta({ label: 'Fields', displayOptions: { show: { schemaType: ['fields'] } } }),
  jsonSchema: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .meta({ label: 'JSON Schema', editor: 'json', noExpression: true, displayOptions: { show: { schemaType: ['jsonSchema'] } } }),
};

/** The schema a node's parameters give, and the parameter named when an answer never matches it. */
export function schemaOf(
  ctx: NodeContext,
  p: { schemaType: 'fields' | 'jsonSchema'; fields: z.output<typeof fieldSchema>[]; jsonSchema?: unknown },
  fieldsParameter = 'fields',
): { schema: UserSchema; parameter: string } {
  if (p.schemaType === 'jsonSchema') {
    if (p.jsonSchema === undefined)
      throw aiError(ctx, "parameter 'jsonSchema' is required when the schema comes from a JSON Schema.", 'PARAMETER_INVALID');
    return { schema: readJsonSchema(ctx, p.jsonSchema, 'jsonSchema'), parameter: 'jsonSchema' };
  }
  return { schema: schemaFromFields(ctx, p.fields, fieldsParameter), parameter: fieldsParameter };
}

const properties = z.object({
  prompt: z.string().optional().meta({
    label: 'Prompt',
    editor: 'multiline',
    description: 'What to ask, for each item; expressions read the item. Left empty: the item\u2019s text field.',
  }),
  system: z.string().optional().meta({ label: 'System message', editor: 'multiline' }),
  ...schemaParameters,
  options: callOptions,
});

/** The Structured Output node: `{ output }` per input item, an object the schema accepts. */
export const structuredOutput = defineNode({
  ...structuredOutputInfo,
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
        messages: [{ role: 'user', content: textOrField(ctx, p.prompt, i, 'prompt', 'text') }],
        limits,
        schema,
        parameter,
      });
      out.push({ json: { output }, pairedItem: { item: i } });
    }
    return out;
  },
});
