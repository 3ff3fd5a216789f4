import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';
import { effectiveLimits, formatDuration, type CodeLimits } from '../../../code-sandbox/code-limits.js';
import { librariesForCode, requiredNames } from '../../../code-sandbox/code-libraries.js';
import type { CodeRunFailure, CodeRunLibraries } from '../../../code-sandbox/protocol.js';
import { normalizeCodeOutput } from './normalize-code-output.js';
import { sandboxData } from './sandbox-data.js';
import { keepStaticData, loadStaticData, usesStaticData } from './static-data.js';

const DEFAULT_CODE = `// Runs once with all input items. Return an array of objects.
return $input.all().map((item) => ({ ...item.json }));
`;

const codeProperties = z.object({
  mode: z
    .enum(['allItems', 'eachItem'])
    .default('allItems')
    .meta({
      label: 'Mode',
      noExpression: true,
      options: [
        { value: 'allItems', label: 'Run once for all items', description: '$input.all(), items; return an array' },
        { value: 'eachItem', label: 'Run once for each item', description: '$json, $itemIndex; return one object' },
      ],
    }),
  code: z.string().default(DEFAULT_CODE).meta({ label: 'JavaScript', editor: 'code', language: 'javascript', noExpression: true }),
  memoryMb: z.number().positive().optional().meta({ label: 'Memory limit (MiB)', description: 'Lower than the host limit only.' }),
  timeoutMs: z.number().int().positive().optional().meta({ label: 'Time limit (ms)', description: 'Lower than the host limit only.' }),
});

/**
 * Runs the user's JavaScript in a QuickJS sandbox inside a killable worker,
 * once for all items or once for each item.
 */
export const codeNode = defineNode({
  type: 'core.code',
  version: 1,
  displayName: 'Code',
  description: 'Runs JavaScript on the items: once for all of them, or once for each.',
  group: 'transform',
  icon: 'code',
  inputs: ['main'],
  outputs: ['main'],
  properties: codeProperties,
  async execute(ctx) {
    const params = ctx.params(0);
    const limits = effectiveLimits(ctx.sandbox.limits, { memoryMb: params.memoryMb, timeoutMs: params.timeoutMs });
    const nodeName = ctx.node.name;
    // n8n's workflow static data, read only for code that names $getWorkflowStaticData.
    const statics = usesStaticData(params.code) ? await loadStaticData(ctx) : undefined;
    let dataJson: string;
    try {
      const data = sandboxData(ctx, params.code);
      dataJson = JSON.stringify(statics ? { ...data, staticData: statics.values } : data);
    } catch (error) {
      throw new NodeExecutionError(`Code node '${nodeName}': its input could not be turned into JSON (${String(error)}).`, {
        code: 'CODE_INPUT_INVALID',
        retryable: false,
      });
    }
    let libraries: CodeRunLibraries | undefined;
    try {
      libraries = await librariesForCode(ctx.sandbox.libraries, params.code);
    } catch (error) {
      const message = (error as Error).message;
      throw new NodeExecutionError(`Code node '${nodeName}': ${message.charAt(0).toLowerCase()}${message.slice(1).replace(/\.?$/, '.')}`, {
        code: (error as { code?: string }).code ?? 'CODE_LIBRARY_UNAVAILABLE',
        retryable: false,
      });
    }
    const result = await ctx.sandbox.port.run(
      {
        tenantId: ctx.execution.tenantId,
        nodeName,
        mode: params.mode,
        code: params.code,
        dataJson,
        limits,
        ...(libraries ? { libraries } : {}),
      },
      ctx.signal,
      // The code's timers wait on the engine's clock (a test clock drives them).
      (ms, signal) => ctx.sleep(ms, signal),
    );
    if (result.logs.length > 0) ctx.addLogs(result.logs);
    if (!result.ok) throw codeFailure(nodeName, withoutRequire(result.error, params.code, libraries), limits);
    const output = normalizeCodeOutput('output' in result ? result.output : JSON.parse(result.outputJson), params.mode, nodeName);
    // Kept only once the code has returned what a node may return: a run that fails keeps nothing.
    if (statics && result.staticDataJson !== undefined) await keepStaticData(ctx, statics, result.staticDataJson);
    return output;
  },
});

/**
 * A host that allows no libraries gives the code no `require` at all; the
 * ReferenceError that follows is said as what it means.
 */
function withoutRequire(failure: CodeRunFailure, code: string, libraries: CodeRunLibraries | undefined): CodeRunFailure {
  if (libraries || failure.code !== 'CODE_ERROR' || !failure.message.startsWith("ReferenceError: 'require' is not defined")) return failure;
  const names = requiredNames(code);
  const what = names.length === 1 ? `Module '${names[0]}' is` : 'require() is';
  return { ...failure, message: `${what} not allowed by the host: this host lets Code nodes require no modules` };
}

/** A sandbox failure as the error the NodeRun records, naming the node and the limit. */
export function codeFailure(nodeName: string, failure: CodeRunFailure, limits: CodeLimits): NodeExecutionError {
  const at = failure.line !== undefined ? ` (line ${failure.line}, column ${failure.column ?? 1})` : '';
  const details = failure.line !== undefined ? { line: failure.line, column: failure.column } : undefined;
  const make = (message: string) => new NodeExecutionError(message, { code: failure.code, retryable: false, details });
  switch (failure.code) {
    case 'CODE_TIMEOUT':
      return make(`Code node '${nodeName}' exceeded its ${formatDuration(limits.timeoutMs)} limit.`);
    case 'CODE_TIMERS':
      return make(
        `Code node '${nodeName}' waited on its timers past its ${formatDuration(limits.waitMs)} limit for timers (${failure.message}).`,
      );
    case 'CODE_MEMORY':
      return make(`Code node '${nodeName}' ran out of memory: it exceeded its ${limits.memoryMb} MiB limit.`);
    case 'CODE_STACK':
      return make(`Code node '${nodeName}' exceeded its stack limit (recursion too deep).`);
    case 'CODE_OUTPUT_TOO_LARGE':
      return make(`Code node '${nodeName}' exceeded its ${limits.outputMb} MiB output limit (${failure.message}).`);
    case 'CODE_STATIC_DATA_INVALID':
      return make(`Code node '${nodeName}' cannot keep its workflow static data: ${failure.message}. Static data is kept as JSON.`);
    case 'CODE_INPUT_TOO_LARGE':
      return make(`Code node '${nodeName}' cannot take its input: ${failure.message}.`);
    case 'CODE_SYNTAX':
      return make(`Code node '${nodeName}' has a syntax error: ${failure.message}${at}.`);
    case 'CODE_ERROR':
      return make(`Code node '${nodeName}' failed: ${failure.message}${at}.`);
    default:
      return make(`Code node '${nodeName}' could not run: ${failure.message}.`);
  }
}
