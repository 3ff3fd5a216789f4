// AI Agent: for each item, the attached chat model answers the prompt, calling the attached tools as it decides,
// within the node's limits; the attached memory (if any) gives it the conversation so far and keeps the new turn.
import { defineNode, type Item } from '@flowloom/engine';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import { agentInfo } from './ai-info.js';
import { agentOptions, limitsOf } from './options.js';
import { converse } from './run-model.js';
import { fieldSchema, readJsonSchema, schemaFromFields, type UserSchema } from './schema.js';
import { askStructured } from './structured.js';
import { chatModelOf, memoryOf, textOrField } from './supplies.js';
import { toolsOf } from './tools.js';

const properties = z.object({
  prompt: z.string().optional().meta({
    label: 'Prompt',
    editor: 'multiline',
    description: 'The user\u2019s message, for each item; expressions read the item. Left empty: the item\u2019s chatInput field.',
  }),
  systemMessage: z
    .string()
    .default('You are a helpful assistant.')
    .meta({ label: 'System message', editor: 'multiline', description: 'Who the agent is, what it may do, how it answers.' }),
  outputFormat: z
    .enum(['text', 'structured'])
    .default('text')
    .meta({
      label: 'Output',
      noExpression: true,
      options: [
        { value: 'text', label: 'Text' },
        { value: 'structured', label: 'Structured (a schema)' },
      ],
    }),
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
      displayOptions: { show: { outputFormat: ['structured'] } },
    }),
  fields: z
    .array(fieldSchema)
    .default([])
    .meta({ label: 'Fields', displayOptions: { show: { outputFormat: ['structured'], schemaType: ['fields'] } } }),
  jsonSchema: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .meta({
      label: 'JSON Schema',
      editor: 'json',
      noExpression: true,
      displayOptions: { show: { outputFormat: ['structured'], schemaType: ['jsonSchema'] } },
    }),
  options: agentOptions,
});

/** The AI Agent node: `{ output }` per input item, text or an object of the schema. */
export const agent = defineNode({
  ...agentInfo,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const first = ctx.params(0);
    const limits = limitsOf(first.options);
    let schema: UserSchema | undefined;
    if (first.outputFormat === 'structured') {
      schema =
        first.schemaType === 'jsonSchema'
          ? readJsonSchema(ctx, first.jsonSchema, 'jsonSchema')
          : schemaFromFields(ctx, first.fields, 'fields');
    }
    const out: Item[] = [];
    for (let i = 0; i < Math.max(1, items.length); i++) {
      const p = ctx.params(i);
      const prompt = textOrField(ctx, p.prompt, i, 'prompt', 'chatInput');
      const model = await chatModelOf(ctx, i);
      const memory = await memoryOf(ctx, i);
      const tools = await toolsOf(ctx, i);
      const history: ModelMessage[] = memory ? await memory.load() : [];
      const system = schema
        ? `${p.systemMessage}\n\nWhen you give your final answer, answer with only a JSON object matching this JSON Schema:\n${JSON.stringify(schema.json)}`
        : p.systemMessage;
      const messages: ModelMessage[] = [...history, { role: 'user', content: prompt }];
      const answer = await converse({ ctx, item: i, model, system, messages, tools, limits, stepsParameter: 'options.maxSteps' });
      let output: unknown = answer.text;
      if (schema) output = await structuredAnswer(ctx, i, answer.text, schema, { model, system, messages, limits });
      await memory?.save(prompt, typeof output === 'string' ? output : JSON.stringify(output));
      out.push({ json: { output }, pairedItem: { item: i } });
    }
    return out;
  },
});

/** The final answer as an object of the schema: read from the text when it matches, else asked for once more without tools. */
async function structuredAnswer(
  ctx: Parameters<typeof agent.execute>[0],
  item: number,
  text: string,
  schema: UserSchema,
  c: Omit<Parameters<typeof askStructured>[0], 'ctx' | 'item' | 'schema' | 'parameter'>,
): Promise<unknown> {
  const json = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1] ?? text;
  try {
    const checked = schema.zod.safeParse(JSON.parse(json));
    if (checked.success) return checked.data;
  } catch {
    // not JSON: asked for again below
  }
  const parameter = ctx.params(item).schemaType === 'jsonSchema' ? 'jsonSchema' : 'fields';
  const { output } = await askStructured({
    ctx,
    item,
    schema,
    parameter,
    ...c,
    messages: [
      ...c.messages,
      { role: 'assistant', content: text },
      { role: 'user', content: 'Give that final answer as the JSON object the schema asks for.' },
    ],
    maxSteps: 1,
  });
  return output;
}
