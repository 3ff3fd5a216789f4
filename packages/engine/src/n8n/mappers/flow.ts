import type { MapContext } from '../map-context.js';
import { booleanOption, filterConditions, v1Conditions, type ConditionGroup } from './conditions.js';
import { compact, locatorValue, mainOutput, type MappedNode, type NodeMapping } from './mapping.js';

/** Node-wide comparison options of If and Filter v2, merged with the group's own. */
function groupOptions(ctx: MapContext, group: ConditionGroup): { ignoreCase: boolean | string; looseTypeValidation: boolean | string } {
  const loose = booleanOption(ctx, 'looseTypeValidation', false);
  const optionLoose = booleanOption(ctx, 'options.looseTypeValidation', false);
  const optionIgnoreCase = booleanOption(ctx, 'options.ignoreCase', false);
  const pick = (a: boolean, ...more: (boolean | string)[]) => {
    const expression = more.find((m) => typeof m === 'string');
    if (expression !== undefined && !a) return expression;
    return a || more.some((m) => m === true);
  };
  return { ignoreCase: pick(group.ignoreCase, optionIgnoreCase), looseTypeValidation: pick(group.looseTypeValidation, loose, optionLoose) };
}

function conditionsOf(ctx: MapContext): Record<string, unknown> {
  const group = ctx.version < 2 ? v1Conditions(ctx) : filterConditions(ctx, 'conditions');
  const options = ctx.version < 2 ? { ignoreCase: false, looseTypeValidation: true } : groupOptions(ctx, group);
  return { conditions: group.conditions, combinator: group.combinator, ...options };
}

/** If: output 0 is `true`, output 1 `false`. */
export const ifMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2],
  map: (ctx) => ({
    type: 'core.if',
    parameters: conditionsOf(ctx),
    outputs: (i) => (i === 0 ? ['true'] : i === 1 ? ['false'] : []),
  }),
};

/** Filter: the items that pass leave on `main`. */
export const filterMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2],
  map: (ctx) => ({ type: 'core.filter', parameters: conditionsOf(ctx) }),
};

/** No Operation: passes its items on. */
export const noOpMapping: NodeMapping = { versions: [1], map: () => ({ type: 'core.noOp', parameters: {} }) };

/**
 * Loop Over Items (Split In Batches v3): output 0 is `done`, output 1 `loop`, as in Flowloom.
 *
 * Split In Batches v2 has the same outputs the other way round: 0 is `loop`,
 * 1 `done`. v1 has one output: each run sends the next batch, and a run with
 * none left sends nothing. That is Flowloom's `loop` output with `done` left
 * unconnected. The node context other nodes read to leave such a loop
 * (`$node["X"].context["noItemsLeft"]`, `currentRunIndex`, `maxRunIndex`,
 * `done`) is Flowloom's node context too, with n8n's values. v1 and v2 send
 * 10 items a batch when the workflow does not say; v3 sends 1.
 */
export const splitInBatchesMapping: NodeMapping = {
  versions: [1, 2, 3],
  map(ctx) {
    const batchSize = ctx.value('batchSize', ctx.version >= 3 ? 1 : 10);
    const parameters = compact({ batchSize, reset: ctx.value('options.reset') });
    const ports = ctx.version >= 3 ? ['done', 'loop'] : ctx.version >= 2 ? ['loop', 'done'] : ['loop'];
    return { type: 'core.splitInBatches', parameters, outputs: (i) => (ports[i] === undefined ? [] : [ports[i]!]) };
  },
};

/**
 * n8n multiplies a Wait amount as it comes, so an expression giving numeric
 * text (`.toFixed(2)`) waits that long; Flowloom's amount is a number, so a
 * JavaScript expression is wrapped in `Number()`.
 */
function asNumber(value: unknown): unknown {
  const js = typeof value === 'string' ? /^\{\{js:([^]*)\}\}$/.exec(value) : null;
  return js && !js[1]!.includes('{{') ? `{{js: Number(${js[1]!.trim()}) }}` : value;
}

/**
 * Wait: a time interval, a date, or a webhook call (without authentication),
 * its resume call answered at once or by a Respond to Webhook node of the
 * resumed run (`responseMode: 'responseNode'`).
 */
export const waitMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    const resume = ctx.choice('resume', ['timeInterval', 'specificTime', 'webhook'], 'timeInterval');
    const units = ['seconds', 'minutes', 'hours', 'days'] as const;
    if (resume === 'timeInterval') {
      // Version 1 waited one hour by default; later versions wait five seconds.
      const v1 = ctx.version < 1.1;
      return {
        type: 'core.wait',
        parameters: {
          resume,
          amount: asNumber(ctx.value('amount', v1 ? 1 : 5)),
          unit: ctx.choice('unit', units, v1 ? 'hours' : 'seconds'),
        },
      };
    }
    if (resume === 'specificTime') return { type: 'core.wait', parameters: { resume, dateTime: ctx.value('dateTime', '') } };
    ctx.onlyDefault('incomingAuthentication', 'none');
    // Answering when the resumed run ends (lastNode) has no equivalent; a Respond to Webhook node's answer has.
    const responseMode = ctx.choice('responseMode', ['onReceived', 'responseNode'], 'onReceived');
    ctx.onlyDefault('options');
    ctx.ignore('responseCode', 'responseData', 'responseBinaryPropertyName');
    const limit = ctx.literal<boolean>('limitWaitTime', 'boolean', false);
    const parameters: Record<string, unknown> = {
      resume,
      httpMethod: ctx.choice('httpMethod', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], 'GET'),
      ...(responseMode === 'responseNode' ? { responseMode } : {}),
    };
    if (limit) {
      if (ctx.choice('limitType', ['afterTimeInterval', 'atSpecifiedTime'], 'afterTimeInterval') !== 'afterTimeInterval') {
        ctx.fail('limitType', 'resuming at a fixed date when no call comes has no Flowloom equivalent');
      }
      Object.assign(parameters, {
        limitWaitTime: true,
        limitAmount: ctx.value('resumeAmount', 1),
        limitUnit: ctx.choice('resumeUnit', units, 'hours'),
      });
    }
    return { type: 'core.wait', parameters };
  },
};

/** Stop and Error: a message, or an error object (JSON text in n8n). */
export const stopAndErrorMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const errorType = ctx.choice('errorType', ['errorMessage', 'errorObject'], 'errorMessage');
    if (errorType === 'errorMessage')
      return { type: 'core.stopAndError', parameters: { errorType: 'message', message: ctx.value('errorMessage', '') } };
    const raw = ctx.raw('errorObject');
    let errorObject: unknown = {};
    if (typeof raw === 'string' && !raw.startsWith('=')) {
      try {
        errorObject = JSON.parse(raw) as unknown;
      } catch {
        ctx.fail('errorObject', 'the error object is not valid JSON');
      }
    } else if (typeof raw === 'string' && /^=\s*\{\{[^]*\}\}\s*$/.test(raw)) errorObject = ctx.convert(raw, 'errorObject');
    else if (raw !== undefined) ctx.fail('errorObject', 'an error object built from text around expressions has no Flowloom equivalent');
    return { type: 'core.stopAndError', parameters: { errorType: 'object', errorObject } };
  },
};

/**
 * Execute Workflow from the database, with the incoming items. From version
 * 1.2, n8n fills the called workflow's declared inputs from a mapping
 * (`workflowInputs`): each item sent is the incoming item with the mapped
 * values set over its fields, and the inputs removed from the mapping taken
 * out, as Flowloom's `workflowInputs` and `removedInputs` do; the called
 * workflow's trigger then checks and converts their types. A workflow left
 * unchosen is kept empty, and the node fails when it runs, as in n8n.
 */
export const executeWorkflowMapping: NodeMapping = {
  versions: [1, 1.1, 1.2],
  map(ctx): MappedNode {
    ctx.choice('source', ['database'], 'database');
    const workflowId = locatorValue(ctx, 'workflowId') ?? '';
    if (workflowId === '') {
      ctx.warn('workflowId', 'workflow-not-chosen', 'no workflow is chosen to run: choose one, or the node fails when it runs');
    }
    let workflowInputs: Record<string, unknown> | undefined;
    let removedInputs: string[] | undefined;
    if (ctx.version >= 1.2) {
      const values = ctx.raw('workflowInputs.value');
      if (values !== undefined && values !== null && (typeof values !== 'object' || Array.isArray(values))) {
        ctx.fail('workflowInputs.value', 'expected the mapped inputs by name');
      }
      if (values && Object.keys(values).length > 0) workflowInputs = ctx.value('workflowInputs.value') as Record<string, unknown>;
      const removed = ctx
        .list('workflowInputs.schema')
        .filter((field): field is { displayName: string } => {
          const f = field as { removed?: unknown; displayName?: unknown };
          return f.removed === true && typeof f.displayName === 'string' && f.displayName !== '';
        })
        .map((field) => field.displayName);
      if (removed.length > 0) removedInputs = removed;
      // The rest of the mapping describes n8n's form (matching columns, type conversion the called trigger does).
      ctx.ignore('workflowInputs');
    } else ctx.ignore('workflowInputs');
    return {
      type: 'core.executeWorkflow',
      parameters: compact({
        source: 'database',
        workflowId,
        workflowInputs,
        removedInputs,
        mode: ctx.choice('mode', ['once', 'each'], 'once'),
        waitForCompletion: ctx.value('options.waitForSubWorkflow'),
      }),
      outputs: mainOutput,
    };
  },
};

/** DebugHelper's kinds of random data that are records (each can be an item); the others are single values. */
const RECORD_DATA = ['user', 'email', 'address', 'creditCard'];
const VALUE_DATA = ['uuid', 'url', 'ipv4', 'ipv6', 'macAddress', 'semver', 'nanoid'];

/**
 * DebugHelper: random test data, an error on purpose, or nothing (n8n's "Do
 * Nothing" emits no items, as Flowloom's does). Its three kinds of error all
 * fail the run with the message. Using up memory on purpose has no
 * equivalent; nor have coordinates, whose form n8n's data library decides.
 */
export const debugHelperMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const category = ctx.choice('category', ['doNothing', 'throwError', 'oom', 'randomData'], 'throwError');
    if (category === 'oom') ctx.fail('category', 'using up memory on purpose has no Flowloom equivalent');
    ctx.ignore('memorySizeValue');
    if (category !== 'throwError') ctx.ignore('throwErrorType', 'throwErrorMessage');
    if (category !== 'randomData') {
      ctx.ignore('randomDataType', 'randomDataCount', 'randomDataSeed', 'randomDataSingleArray', 'nanoidAlphabet', 'nanoidLength');
    }
    if (category === 'doNothing') return { type: 'core.debugHelper', parameters: { category } };
    if (category === 'throwError') {
      ctx.ignore('throwErrorType');
      return {
        type: 'core.debugHelper',
        parameters: { category, errorMessage: ctx.value('throwErrorMessage', 'Node has thrown an error') },
      };
    }
    const dataType = ctx.choice('randomDataType', [...RECORD_DATA, ...VALUE_DATA, 'latLong'], 'user');
    if (dataType === 'latLong')
      ctx.fail('randomDataType', "coordinates written as n8n's data library writes them have no Flowloom equivalent");
    const singleArray = ctx.literal<boolean>('randomDataSingleArray', 'boolean', false);
    if (!singleArray && !RECORD_DATA.includes(dataType)) {
      ctx.fail('randomDataType', `n8n makes each ${dataType} an item that is a bare value, which a Flowloom item cannot be`);
    }
    let nanoid: Record<string, unknown> = {};
    if (dataType === 'nanoid') {
      nanoid = { nanoidAlphabet: ctx.value('nanoidAlphabet'), nanoidLength: ctx.literal<number>('nanoidLength', 'number', 16) };
    } else ctx.ignore('nanoidAlphabet', 'nanoidLength');
    return {
      type: 'core.debugHelper',
      parameters: compact({
        category,
        dataType,
        count: ctx.value('randomDataCount', 10),
        seed: ctx.value('randomDataSeed'),
        singleArray: singleArray || undefined,
        ...nanoid,
      }),
    };
  },
};

/**
 * Execution Data: the key/value pairs n8n saves as the execution's custom
 * data, which Flowloom's Execution Data node records on the execution.
 */
export const executionDataMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    ctx.choice('operation', ['save'], 'save');
    ctx.ignore('notice');
    const values = ctx.rows('dataToSave.values', ['key', 'value']).map((i) => ({
      key: ctx.value(`dataToSave.values[${i}].key`, ''),
      value: ctx.value(`dataToSave.values[${i}].value`, ''),
    }));
    return { type: 'core.executionData', parameters: { values } };
  },
};
