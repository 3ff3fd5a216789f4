import { z } from 'zod';
import { OPERATOR_IDS, OPERATOR_OPTIONS } from './operators.js';

/** One test in a conditions builder: a left value, an operator and (for most operators) a right value. */
export const conditionSchema = z
  .object({
    field: z.string().optional().meta({
      label: 'Field',
      description: "Dot path of the item field to test (`price`, `customer.email`). Leave empty to test 'Value' instead.",
      placeholder: 'price',
    }),
    leftValue: z.unknown().optional().meta({
      label: 'Value',
      description: 'The value to test when no field is given, usually an expression such as {{ $json.total * 1.2 }}.',
      valueTypeFrom: 'operator',
    }),
    operator: z.enum(OPERATOR_IDS).meta({
      label: 'Operator',
      description: 'How to compare. The part before the colon is the type both values are treated as.',
      options: OPERATOR_OPTIONS,
    }),
    rightValue: z.unknown().optional().meta({
      label: 'Compare To',
      description: 'The value to compare with; the start of the range for "is between". Not used by operators such as "is empty".',
      valueTypeFrom: 'operator',
    }),
    rightValue2: z
      .unknown()
      .optional()
      .meta({
        label: 'And',
        description: 'The end of the range, for "is between" and "is not between".',
        displayOptions: { show: { operator: ['number:between', 'number:notBetween', 'date:between'] } },
        valueTypeFrom: 'operator',
      }),
  })
  .strict();
export type Condition = z.output<typeof conditionSchema>;

/** The fields of a conditions builder, shared by If, Filter and each Switch rule. */
export const conditionGroupShape = {
  conditions: z.array(conditionSchema).default([]).meta({
    label: 'Conditions',
    description: 'The tests each item is checked against. With no conditions every item passes.',
  }),
  combinator: z
    .enum(['and', 'or'])
    .default('and')
    .meta({
      label: 'Combine',
      description: 'Whether an item must pass every condition or any one of them.',
      options: [
        { value: 'and', label: 'All conditions (AND)' },
        { value: 'or', label: 'Any condition (OR)' },
      ],
    }),
};

/** Options that change how every condition of a node compares. */
export const conditionOptionsShape = {
  ignoreCase: z.boolean().default(false).meta({
    label: 'Ignore Case',
    description: 'Compare text without regard to upper and lower case.',
  }),
  looseTypeValidation: z.boolean().default(false).meta({
    label: 'Loose Type Validation',
    description:
      'Convert values to the operator\'s type where possible ("42" to 42, "true" to true) instead of failing on a value of the wrong type.',
  }),
};

/** A resolved conditions group, as the evaluator takes it. */
export interface ConditionGroup {
  conditions: readonly Condition[];
  combinator: 'and' | 'or';
}

/** Comparison options for a group. */
export interface ConditionOptions {
  ignoreCase: boolean;
  looseTypeValidation: boolean;
}
