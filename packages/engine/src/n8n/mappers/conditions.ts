import { isExpression, type MapContext } from '../map-context.js';

/** A Flowloom condition (see `nodes/flow/conditions/condition-schema.ts`). */
export interface FlowloomCondition {
  leftValue?: unknown;
  operator: string;
  rightValue?: unknown;
}

/** One conditions group with the options it compares under. */
export interface ConditionGroup {
  conditions: FlowloomCondition[];
  combinator: 'and' | 'or';
  ignoreCase: boolean;
  looseTypeValidation: boolean;
}

/** n8n operand types -> Flowloom's. */
const TYPES: Record<string, string> = {
  string: 'string',
  number: 'number',
  dateTime: 'date',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
};

/** Operations each n8n type offers that Flowloom's same type has with the same name and meaning. */
const SAME: Record<string, readonly string[]> = {
  string: ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'regex', 'notRegex'],
  number: ['equals', 'notEquals', 'gt', 'lt', 'gte', 'lte'],
  dateTime: ['equals', 'notEquals', 'after', 'before', 'afterOrEquals', 'beforeOrEquals'],
  boolean: ['true', 'false', 'equals', 'notEquals'],
  array: ['contains', 'notContains', 'lengthEquals', 'lengthNotEquals', 'lengthGt', 'lengthLt', 'lengthGte', 'lengthLte'],
  object: [],
};

const UNARY = new Set(['exists', 'notExists', 'empty', 'notEmpty', 'true', 'false']);

/**
 * The Flowloom operator for an n8n filter operator. `exists` and `empty`
 * tests do not depend on the type in Flowloom, so the types that lack them
 * (boolean, date) use the object ones.
 */
function operatorOf(ctx: MapContext, path: string, type: string, operation: string): string {
  const flowloomType = TYPES[type];
  if (!flowloomType) ctx.fail(`${path}.type`, `the operand type '${type}' has no Flowloom equivalent`);
  if (operation === 'exists' || operation === 'notExists') return `${flowloomType}:${operation}`;
  if (operation === 'empty' || operation === 'notEmpty') {
    return `${type === 'boolean' || type === 'dateTime' ? 'object' : flowloomType}:${operation}`;
  }
  if (!SAME[type]!.includes(operation)) ctx.fail(`${path}.operation`, `the operator '${type}: ${operation}' has no Flowloom equivalent`);
  return `${flowloomType}:${operation}`;
}

const LOOKAROUND = /\(\?<?[=!]|\\[1-9]/;

/** Warns about regular expressions that use what RE2 (Flowloom's engine) cannot run. */
function checkRegex(ctx: MapContext, path: string, operator: string, right: unknown): void {
  if (!operator.endsWith('egex') || typeof right !== 'string') return;
  if (LOOKAROUND.test(right)) {
    ctx.warn(path, 'regex-syntax', 'the regular expression uses lookaround or backreferences, which Flowloom (RE2) refuses when it runs');
  }
}

/**
 * An n8n filter value (If and Filter v2, each Switch v3 rule): `{ options:
 * { caseSensitive, typeValidation }, conditions: [{ leftValue, rightValue,
 * operator: { type, operation } }], combinator }`.
 */
export function filterConditions(ctx: MapContext, path: string): ConditionGroup {
  const options = `${path}.options`;
  const caseSensitive = ctx.literal<boolean>(`${options}.caseSensitive`, 'boolean', true);
  const typeValidation = ctx.choice(`${options}.typeValidation`, ['strict', 'loose'], 'strict');
  ctx.ignore(`${options}.leftValue`, `${options}.version`);
  const combinator = ctx.choice(`${path}.combinator`, ['and', 'or'], 'and');
  const list = ctx.list(`${path}.conditions`, []);
  const conditions = list.map((_, i): FlowloomCondition => {
    const at = `${path}.conditions[${i}]`;
    ctx.ignore(`${at}.id`, `${at}.operator.singleValue`, `${at}.operator.rightType`);
    const type = ctx.literal<string>(`${at}.operator.type`, 'string', 'string');
    const name = ctx.literal<string>(`${at}.operator.name`, 'string', '');
    const fromName = /^filter\.operator\.(\w+)$/.exec(name)?.[1];
    const operation = ctx.literal<string>(`${at}.operator.operation`, 'string', fromName ?? 'equals');
    const operator = operatorOf(ctx, `${at}.operator`, type, operation);
    const condition: FlowloomCondition = { leftValue: ctx.value(`${at}.leftValue`, ''), operator };
    if (!UNARY.has(operation)) {
      condition.rightValue = ctx.value(`${at}.rightValue`, '');
      checkRegex(ctx, `${at}.rightValue`, operator, condition.rightValue);
    } else ctx.ignore(`${at}.rightValue`);
    return condition;
  });
  return { conditions, combinator, ignoreCase: !caseSensitive, looseTypeValidation: typeValidation === 'loose' };
}

/** n8n v1 operations (If, Filter and Switch v1/v2) -> Flowloom operators, by operand type. */
const V1_OPERATIONS: Record<string, Record<string, string>> = {
  boolean: { equal: 'boolean:equals', notEqual: 'boolean:notEquals' },
  dateTime: { after: 'date:after', before: 'date:before' },
  number: {
    smaller: 'number:lt',
    smallerEqual: 'number:lte',
    equal: 'number:equals',
    notEqual: 'number:notEquals',
    larger: 'number:gt',
    largerEqual: 'number:gte',
    isEmpty: 'number:empty',
    isNotEmpty: 'number:notEmpty',
  },
  string: {
    contains: 'string:contains',
    notContains: 'string:notContains',
    endsWith: 'string:endsWith',
    notEndsWith: 'string:notEndsWith',
    equal: 'string:equals',
    notEqual: 'string:notEquals',
    regex: 'string:regex',
    notRegex: 'string:notRegex',
    startsWith: 'string:startsWith',
    notStartsWith: 'string:notStartsWith',
    isEmpty: 'string:empty',
    isNotEmpty: 'string:notEmpty',
  },
};

/** Each type's default operation and right value in the v1 conditions. */
const V1_DEFAULTS: Record<string, { operation: string; value2: unknown }> = {
  boolean: { operation: 'equal', value2: false },
  dateTime: { operation: 'after', value2: '' },
  number: { operation: 'smaller', value2: 0 },
  string: { operation: 'equal', value2: '' },
};

/** One v1 condition as a Flowloom condition. */
export function v1Condition(ctx: MapContext, at: string, type: string, left: unknown, operationDefault?: string): FlowloomCondition {
  const table = V1_OPERATIONS[type];
  if (!table) ctx.fail(at, `the condition type '${type}' has no Flowloom equivalent`);
  const operation = ctx.literal<string>(`${at}.operation`, 'string', operationDefault ?? V1_DEFAULTS[type]!.operation);
  const operator = table[operation];
  if (!operator) ctx.fail(`${at}.operation`, `the operation '${type}: ${operation}' has no Flowloom equivalent`);
  const condition: FlowloomCondition = { leftValue: left, operator };
  if (!operator.endsWith('mpty')) {
    condition.rightValue = ctx.value(`${at}.value2`, V1_DEFAULTS[type]!.value2);
    checkRegex(ctx, `${at}.value2`, operator, condition.rightValue);
  } else ctx.ignore(`${at}.value2`);
  return condition;
}

/**
 * If and Filter v1: `conditions: { boolean: [...], dateTime: [...], number:
 * [...], string: [...] }` with `value1`, `operation`, `value2`, and
 * `combineOperation` all or any. n8n compares these with JavaScript's own
 * rules; Flowloom converts both sides to the operator's type (loose type
 * validation), which gives the same answer unless the two sides differ in type.
 */
export function v1Conditions(ctx: MapContext): ConditionGroup {
  const conditions: FlowloomCondition[] = [];
  for (const type of ['boolean', 'dateTime', 'number', 'string']) {
    const list = ctx.list(`conditions.${type}`, []);
    list.forEach((_, i) => {
      const at = `conditions.${type}[${i}]`;
      conditions.push(v1Condition(ctx, at, type, ctx.value(`${at}.value1`, V1_DEFAULTS[type]!.value2)));
    });
  }
  const combine = ctx.choice('combineOperation', ['all', 'any'], 'all');
  if (conditions.length > 0) {
    ctx.warn('conditions', 'loose-comparison', V1_NOTE);
  }
  return { conditions, combinator: combine === 'all' ? 'and' : 'or', ignoreCase: false, looseTypeValidation: true };
}

/** The warning every v1 condition mapping carries. */
export const V1_NOTE =
  'n8n compares these conditions with JavaScript rules; Flowloom converts both values to the operator type first, so a number compared with text may answer differently';

/** A true/false option, or the expression that gives it. */
export function booleanOption(ctx: MapContext, path: string, fallback: boolean): boolean | string {
  const v = ctx.raw(path);
  if (isExpression(v) && v.includes('{{')) return String(ctx.convert(v, path));
  return ctx.literal<boolean>(path, 'boolean', fallback);
}
