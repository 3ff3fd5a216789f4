import { z } from 'zod';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';
import { PORT_NAME, switchOutputs } from './switch-ports.js';
import { parameterError } from '../data/shared/node-error.js';
import { conditionGroupShape, conditionOptionsShape } from './conditions/condition-schema.js';
import { testConditions, type ConditionSite } from './conditions/evaluate-conditions.js';
import { loadRegex, mayUseRegex } from './conditions/regex.js';

const ruleSchema = z
  .object({
    output: z.string().regex(PORT_NAME, 'must start with a letter and hold only letters, digits, _ and -').optional().meta({
      label: 'Output Name',
      description: 'Name of the output this rule sends to (default output0, output1, ...).',
      placeholder: 'urgent',
    }),
    ...conditionGroupShape,
  })
  .strict();

const properties = z
  .object({
    mode: z
      .enum(['rules', 'expression'])
      .default('rules')
      .meta({
        label: 'Mode',
        options: [
          {
            value: 'rules',
            label: 'Rules',
            description: 'Each output has conditions; items go to the first (or every) output whose conditions they pass.',
          },
          { value: 'expression', label: 'Expression', description: 'An expression gives the number of the output each item goes to.' },
        ],
      }),
    rules: z
      .array(ruleSchema)
      .default([])
      .meta({ label: 'Routing Rules', description: 'Checked in order.', displayOptions: { show: { mode: ['rules'] } } }),
    allMatchingOutputs: z
      .boolean()
      .default(false)
      .meta({
        label: 'Send to All Matching Outputs',
        description: 'Send an item to every output whose rule it passes, not only the first.',
        displayOptions: { show: { mode: ['rules'] } },
      }),
    fallbackOutput: z
      .enum(['none', 'extra'])
      .default('none')
      .meta({
        label: 'Fallback Output',
        description: 'What happens to items that pass no rule.',
        options: [
          { value: 'none', label: 'None (drop them)' },
          { value: 'extra', label: "Extra output 'fallback'" },
        ],
        displayOptions: { show: { mode: ['rules'] } },
      }),
    numberOutputs: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .meta({
        label: 'Number of Outputs',
        description: 'Outputs output0 ... outputN-1.',
        displayOptions: { show: { mode: ['expression'] } },
      }),
    outputIndex: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({
        label: 'Output Index',
        description: 'Which output (counting from 0) the item goes to, usually an expression such as {{ $json.priority }}.',
        displayOptions: { show: { mode: ['expression'] } },
      }),
    ...conditionOptionsShape,
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.rules.forEach((rule, i) => {
      const name = rule.output ?? `output${i}`;
      if (seen.has(name) || name === 'fallback') {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'output'],
          message: `output name '${name}' is used twice; each rule needs its own output`,
        });
      }
      seen.add(name);
    });
  });

/** Routes items to one of several named outputs by ordered rules, or by an output number. */
export const switchNode = defineNode({
  type: 'core.switch',
  version: 1,
  displayName: 'Switch',
  description: 'Routes items to different outputs by rules checked in order, with an optional fallback output.',
  group: 'flow',
  icon: 'signpost',
  inputs: ['main'],
  outputs: switchOutputs,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const ports = switchOutputs(ctx.node.parameters);
    const out: Record<string, Item[]> = {};
    for (const port of ports) out[port] = [];
    const regex = mayUseRegex(ctx.node.parameters) ? await loadRegex() : undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      if (p.mode === 'expression') {
        if (p.outputIndex === undefined) throw parameterError(ctx.node.name, 'outputIndex', 'is required in Expression mode', i);
        const port = `output${p.outputIndex}`;
        if (p.outputIndex >= p.numberOutputs) {
          throw parameterError(
            ctx.node.name,
            'outputIndex',
            `is ${p.outputIndex}, but the node has only ${p.numberOutputs} outputs (0 to ${p.numberOutputs - 1})`,
            i,
          );
        }
        out[port]!.push(item);
        continue;
      }
      let matched = false;
      for (let r = 0; r < p.rules.length; r++) {
        const rule = p.rules[r]!;
        const site: ConditionSite = { nodeName: ctx.node.name, parameter: `rules[${r}].conditions`, itemIndex: i, options: p, regex };
        if (!testConditions(rule, item, site)) continue;
        const port = out[rule.output ?? `output${r}`];
        if (!port)
          throw parameterError(
            ctx.node.name,
            `rules[${r}].output`,
            'must be a fixed name, not an expression: outputs are set when the workflow is built',
            i,
          );
        port.push(item);
        matched = true;
        if (!p.allMatchingOutputs) break;
      }
      if (!matched && p.fallbackOutput === 'extra') out.fallback!.push(item);
    }
    return out;
  },
});
