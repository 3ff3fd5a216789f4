import type { MapContext } from '../map-context.js';
import { booleanOption, filterConditions, v1Condition, V1_NOTE, type FlowloomCondition } from './conditions.js';
import { isPortName, type MappedNode, type NodeMapping } from './mapping.js';

interface Rule {
  output?: string;
  conditions: FlowloomCondition[];
  combinator: 'and' | 'or';
}

/** Port names for the rules: the n8n output name where it can be a port name, else `output<i>`. */
function portNames(names: readonly (string | undefined)[]): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    const port = isPortName(name) && name !== 'fallback' && !used.has(name) && !/^output\d+$/.test(name) ? name : `output${i}`;
    used.add(port);
    return port;
  });
}

/** Expression mode: the expression gives the output number. */
function expressionMode(ctx: MapContext, outputField: string, count: number): MappedNode {
  return {
    type: 'core.switch',
    parameters: { mode: 'expression', numberOutputs: count, outputIndex: ctx.value(outputField) },
    outputs: (i) => (i < count ? [`output${i}`] : []),
  };
}

/** Switch v3: rules with filter conditions, named outputs, a fallback output. */
function rulesV3(ctx: MapContext): MappedNode {
  const list = ctx.list('rules.values', []);
  let ignoreCase: boolean | undefined;
  let loose: boolean | undefined;
  const rules: Rule[] = [];
  const names: (string | undefined)[] = [];
  list.forEach((_, i) => {
    const at = `rules.values[${i}]`;
    const group = filterConditions(ctx, `${at}.conditions`);
    if ((ignoreCase !== undefined && ignoreCase !== group.ignoreCase) || (loose !== undefined && loose !== group.looseTypeValidation)) {
      ctx.fail(
        `${at}.conditions.options`,
        'rules compare with different case or type options; a Flowloom Switch sets them once for all rules',
      );
    }
    ignoreCase = group.ignoreCase;
    loose = group.looseTypeValidation;
    const renamed = ctx.literal<boolean>(`${at}.renameOutput`, 'boolean', false);
    const key = ctx.literal<string>(`${at}.outputKey`, 'string', '');
    names.push(renamed ? key : undefined);
    rules.push({ conditions: group.conditions, combinator: group.combinator });
  });
  const ports = portNames(names);
  ports.forEach((port, i) => {
    if (port !== `output${i}`) rules[i]!.output = port;
  });
  const fallback = ctx.raw('options.fallbackOutput') ?? 'none';
  ctx.ignore('options.renameFallbackOutput');
  if (fallback !== 'none' && fallback !== 'extra' && typeof fallback !== 'number') {
    ctx.fail('options.fallbackOutput', `the fallback output ${JSON.stringify(fallback)} has no Flowloom equivalent`);
  }
  if (typeof fallback === 'number' && !(fallback >= 0 && fallback < rules.length)) {
    ctx.fail('options.fallbackOutput', `the fallback output ${fallback} is not one of the rules' outputs`);
  }
  const optionIgnoreCase = booleanOption(ctx, 'options.ignoreCase', false);
  const optionLoose = booleanOption(ctx, 'options.looseTypeValidation', false);
  const nodeLoose = booleanOption(ctx, 'looseTypeValidation', false);
  const allMatching = booleanOption(ctx, 'options.allMatchingOutputs', false);
  return {
    type: 'core.switch',
    parameters: {
      mode: 'rules',
      rules,
      allMatchingOutputs: allMatching,
      fallbackOutput: fallback === 'none' ? 'none' : 'extra',
      ignoreCase: (ignoreCase ?? false) || optionIgnoreCase,
      looseTypeValidation: (loose ?? false) || optionLoose || nodeLoose,
    },
    outputs: (i) => {
      const out = i < ports.length ? [ports[i]!] : fallback === 'extra' && i === ports.length ? ['fallback'] : [];
      return fallback === i ? [...out, 'fallback'] : out;
    },
  };
}

/**
 * Switch v1 and v2: one value (`value1`) compared by each rule (`operation`,
 * `value2`) and sent to the rule's output number; several rules may share an
 * output, and the fallback (`-1`: none) is one of the outputs.
 */
function rulesV1(ctx: MapContext): MappedNode {
  const dataType = ctx.choice('dataType', ['number', 'string', 'boolean', 'dateTime'], 'number');
  const value1 = ctx.value('value1', dataType === 'boolean' ? false : dataType === 'number' ? 0 : '');
  const list = ctx.list('rules.rules', []);
  const targets: number[] = [];
  const rules: Rule[] = list.map((_, i) => {
    const at = `rules.rules[${i}]`;
    targets.push(ctx.literal<number>(`${at}.output`, 'number', 0));
    return {
      conditions: [v1Condition(ctx, at, dataType, value1, dataType === 'dateTime' ? 'after' : 'equal')],
      combinator: 'and' as const,
    };
  });
  const fallback = ctx.literal<number>('fallbackOutput', 'number', -1);
  if (rules.length > 0) ctx.warn('rules', 'loose-comparison', V1_NOTE);
  return {
    type: 'core.switch',
    parameters: { mode: 'rules', rules, fallbackOutput: fallback >= 0 ? 'extra' : 'none', looseTypeValidation: true },
    outputs: (i) => {
      const ports = targets.flatMap((target, r) => (target === i ? [`output${r}`] : []));
      return fallback === i ? [...ports, 'fallback'] : ports;
    },
  };
}

/** Switch: rules become Flowloom rules with one output each; expression mode keeps its output number. */
export const switchMapping: NodeMapping = {
  versions: [1, 2, 3, 3.1, 3.2],
  map(ctx) {
    const mode = ctx.choice('mode', ['rules', 'expression'], 'rules');
    if (mode === 'expression') {
      if (ctx.version >= 3) return expressionMode(ctx, 'output', ctx.literal<number>('numberOutputs', 'number', 4));
      return expressionMode(ctx, 'output', ctx.version >= 2 ? ctx.literal<number>('outputsAmount', 'number', 4) : 4);
    }
    return ctx.version >= 3 ? rulesV3(ctx) : rulesV1(ctx);
  },
};
