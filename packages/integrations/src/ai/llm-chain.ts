// Basic LLM Chain: one prompt per item, written with expressions, and the model's answer as `text`.
import { defineNode, type Item } from '@flowloom/engine';
import { z } from 'zod';
import { llmChainInfo } from './ai-info.js';
import { callOptions, limitsOf } from './options.js';
import { converse } from './run-model.js';
import { chatModelOf, textOrField } from './supplies.js';

const properties = z.object({
  prompt: z.string().optional().meta({
    label: 'Prompt',
    editor: 'multiline',
    description: 'What to ask, for each item; expressions read the item. Left empty: the item\u2019s text field.',
  }),
  system: z.string().optional().meta({ label: 'System message', editor: 'multiline', description: 'How the model should answer.' }),
  options: callOptions,
});

/** The Basic LLM Chain node: `{ text }` per input item. */
export const llmChain = defineNode({
  ...llmChainInfo,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const limits = limitsOf(ctx.params(0).options);
    const out: Item[] = [];
    for (let i = 0; i < Math.max(1, items.length); i++) {
      const p = ctx.params(i);
      const prompt = textOrField(ctx, p.prompt, i, 'prompt', 'text');
      const model = await chatModelOf(ctx, i);
      const { text } = await converse({ ctx, item: i, model, system: p.system, messages: [{ role: 'user', content: prompt }], limits });
      out.push({ json: { text }, pairedItem: { item: i } });
    }
    return out;
  },
});
