/** The value types a condition can compare, and the operations each one offers. */
export const OPERATIONS = {
  string: [
    ['equals', 'is equal to'],
    ['notEquals', 'is not equal to'],
    ['contains', 'contains'],
    ['notContains', 'does not contain'],
    ['startsWith', 'starts with'],
    ['notStartsWith', 'does not start with'],
    ['endsWith', 'ends with'],
    ['notEndsWith', 'does not end with'],
    ['regex', 'matches regex'],
    ['notRegex', 'does not match regex'],
    ['empty', 'is empty'],
    ['notEmpty', 'is not empty'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  number: [
    ['equals', 'is equal to'],
    ['notEquals', 'is not equal to'],
    ['gt', 'is greater than'],
    ['gte', 'is greater than or equal to'],
    ['lt', 'is less than'],
    ['lte', 'is less than or equal to'],
    ['between', 'is between'],
    ['notBetween', 'is not between'],
    ['empty', 'is empty'],
    ['notEmpty', 'is not empty'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  boolean: [
    ['true', 'is true'],
    ['false', 'is false'],
    ['equals', 'is equal to'],
    ['notEquals', 'is not equal to'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  date: [
    ['equals', 'is equal to'],
    ['notEquals', 'is not equal to'],
    ['after', 'is after'],
    ['afterOrEquals', 'is after or equal to'],
    ['before', 'is before'],
    ['beforeOrEquals', 'is before or equal to'],
    ['between', 'is between'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  array: [
    ['contains', 'contains'],
    ['notContains', 'does not contain'],
    ['lengthEquals', 'length is equal to'],
    ['lengthNotEquals', 'length is not equal to'],
    ['lengthGt', 'length is greater than'],
    ['lengthGte', 'length is greater than or equal to'],
    ['lengthLt', 'length is less than'],
    ['lengthLte', 'length is less than or equal to'],
    ['empty', 'is empty'],
    ['notEmpty', 'is not empty'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  object: [
    ['empty', 'is empty'],
    ['notEmpty', 'is not empty'],
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
  ],
  any: [
    ['exists', 'exists'],
    ['notExists', 'does not exist'],
    ['isNull', 'is null'],
    ['isNotNull', 'is not null'],
    ['equals', 'is equal to'],
    ['notEquals', 'is not equal to'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** A value type of the conditions builder. */
export type OperandType = keyof typeof OPERATIONS;

/** An operator id such as `number:gt` or `string:contains`. */
export type OperatorId = {
  [T in OperandType]: `${T}:${(typeof OPERATIONS)[T][number][0]}`;
}[OperandType];

/** Every operator id, in the order the editor lists them. */
export const OPERATOR_IDS = Object.entries(OPERATIONS).flatMap(([type, ops]) => ops.map(([op]) => `${type}:${op}`)) as unknown as readonly [
  OperatorId,
  ...OperatorId[],
];

/** Labels for the operator select: "Number: is greater than". */
export const OPERATOR_OPTIONS = Object.entries(OPERATIONS).flatMap(([type, ops]) =>
  ops.map(([op, label]) => ({ value: `${type}:${op}`, label: `${type[0]!.toUpperCase()}${type.slice(1)}: ${label}` })),
);

/** Operations that take no right value. */
export const UNARY = new Set(['empty', 'notEmpty', 'exists', 'notExists', 'isNull', 'isNotNull', 'true', 'false']);
