import type { Item } from '../../../model/item.js';
import { getPath } from '../../data/shared/field-path.js';
import { parameterError } from '../../data/shared/node-error.js';
import { deepEqual } from '../../data/shared/stable-key.js';
import type { Condition, ConditionGroup, ConditionOptions } from './condition-schema.js';
import { CoercionFailure, coerce } from './coerce.js';
import { UNARY, type OperandType } from './operators.js';
import type { RegexTest } from './regex.js';

/** Where the conditions being tested come from, for error messages. */
export interface ConditionSite {
  nodeName: string;
  /** Parameter path of the group's `conditions` list: `conditions`, `rules[2].conditions`. */
  parameter: string;
  itemIndex: number;
  options: ConditionOptions;
  /** The regex engine, loaded beforehand when a condition may use one. */
  regex?: RegexTest | undefined;
}

/**
 * Whether an item passes a group of conditions. A condition whose value is
 * missing (undefined or null) fails its positive operators and passes their
 * negations; a value of the wrong type is an error naming the parameter
 * unless loose type validation is on.
 */
export function testConditions(group: ConditionGroup, item: Item, site: ConditionSite): boolean {
  const { conditions, combinator } = group;
  if (conditions.length === 0) return true;
  if (combinator === 'or') {
    for (let i = 0; i < conditions.length; i++) if (testCondition(conditions[i]!, i, item, site)) return true;
    return false;
  }
  for (let i = 0; i < conditions.length; i++) if (!testCondition(conditions[i]!, i, item, site)) return false;
  return true;
}

function testCondition(condition: Condition, index: number, item: Item, site: ConditionSite): boolean {
  const at = `${site.parameter}[${index}]`;
  const colon = condition.operator.indexOf(':');
  const type = condition.operator.slice(0, colon) as OperandType;
  const op = condition.operator.slice(colon + 1);
  const useField = condition.field !== undefined && condition.field !== '';
  const left = useField ? getPath(item.json, condition.field!) : condition.leftValue;
  const leftName = useField ? `${at}.field` : `${at}.leftValue`;
  const loose = site.options.looseTypeValidation;

  if (op === 'exists') return left !== undefined && left !== null;
  if (op === 'notExists') return left === undefined || left === null;
  if (op === 'isNull') return left === null;
  if (op === 'isNotNull') return left !== null && left !== undefined;
  if (op === 'empty' || op === 'notEmpty') {
    const empty = isEmpty(left, type, loose);
    return op === 'empty' ? empty : !empty;
  }
  const negated = op.startsWith('not');
  if (left === undefined || left === null) return negated;

  const l = take(left, type, loose, site, leftName);
  if (type === 'boolean' && (op === 'true' || op === 'false')) return l === (op === 'true');
  if (UNARY.has(op)) return false;

  const r = take(condition.rightValue, rightType(type, op), loose, site, `${at}.rightValue`);
  const positive = compare(type, positiveOf(op), l, r, condition, at, site);
  return negated ? !positive : positive;
}

/** The operation without its `not` prefix: `notContains` -> `contains`. */
function positiveOf(op: string): string {
  if (op === 'notBetween') return 'between';
  if (op.startsWith('not')) return op[3]!.toLowerCase() + op.slice(4);
  return op;
}

function rightType(type: OperandType, op: string): OperandType {
  if (type === 'array') return op.startsWith('length') ? 'number' : 'any';
  return type;
}

function take(value: unknown, type: OperandType, loose: boolean, site: ConditionSite, parameter: string): unknown {
  if (value === undefined || value === null) {
    if (type === 'any') return value;
    throw parameterError(site.nodeName, parameter, 'needs a value for this operator', site.itemIndex);
  }
  const v = coerce(value, type, loose);
  if (v instanceof CoercionFailure) throw parameterError(site.nodeName, parameter, v.reason, site.itemIndex);
  return v;
}

function isEmpty(value: unknown, type: OperandType, loose: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return (loose || type === 'string' ? value.trim() : value) === '';
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function fold(s: string, ignoreCase: boolean): string {
  return ignoreCase ? s.toLowerCase() : s;
}

function compare(type: OperandType, op: string, l: unknown, r: unknown, condition: Condition, at: string, site: ConditionSite): boolean {
  const ignoreCase = site.options.ignoreCase;
  switch (type) {
    case 'string': {
      const a = fold(l as string, ignoreCase);
      const b = fold(r as string, ignoreCase);
      switch (op) {
        case 'equals':
          return a === b;
        case 'contains':
          return a.includes(b);
        case 'startsWith':
          return a.startsWith(b);
        case 'endsWith':
          return a.endsWith(b);
        case 'regex': {
          if (!site.regex)
            throw parameterError(site.nodeName, `${at}.operator`, 'uses a regex, which could not be prepared', site.itemIndex);
          try {
            return site.regex(r as string, ignoreCase, l as string);
          } catch (error) {
            throw parameterError(
              site.nodeName,
              `${at}.rightValue`,
              `is not a valid regular expression: ${(error as Error).message}`,
              site.itemIndex,
            );
          }
        }
      }
      break;
    }
    case 'number':
    case 'date': {
      const a = l as number;
      const b = r as number;
      switch (op) {
        case 'equals':
          return a === b;
        case 'gt':
        case 'after':
          return a > b;
        case 'gte':
        case 'afterOrEquals':
          return a >= b;
        case 'lt':
        case 'before':
          return a < b;
        case 'lte':
        case 'beforeOrEquals':
          return a <= b;
        case 'between': {
          const c = take(condition.rightValue2, type, site.options.looseTypeValidation, site, `${at}.rightValue2`) as number;
          return a >= Math.min(b, c) && a <= Math.max(b, c);
        }
      }
      break;
    }
    case 'boolean':
      if (op === 'equals') return l === r;
      break;
    case 'array': {
      const list = l as unknown[];
      if (op === 'contains') {
        if (ignoreCase && typeof r === 'string') {
          const needle = r.toLowerCase();
          return list.some((x) => typeof x === 'string' && x.toLowerCase() === needle);
        }
        return list.some((x) => deepEqual(x, r));
      }
      const n = r as number;
      const len = list.length;
      if (op === 'lengthEquals') return len === n;
      if (op === 'lengthGt') return len > n;
      if (op === 'lengthGte') return len >= n;
      if (op === 'lengthLt') return len < n;
      if (op === 'lengthLte') return len <= n;
      break;
    }
    case 'any':
      if (op === 'equals') {
        if (ignoreCase && typeof l === 'string' && typeof r === 'string') return l.toLowerCase() === r.toLowerCase();
        return deepEqual(l, r);
      }
      break;
    case 'object':
      break;
  }
  throw parameterError(site.nodeName, `${at}.operator`, `'${condition.operator}' is not a known operator`, site.itemIndex);
}
