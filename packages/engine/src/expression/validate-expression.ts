import { checkOptions } from '../options/check-options.js';
import { ExpressionError } from './expression.error.js';
import { createJsonataLanguage } from './jsonata-language.js';
import type { ExpressionIssue, ExpressionLanguage, ValidationContext } from './language.js';
import { parseTemplate } from './template.js';
import { jsSource } from './javascript/js-expressions.js';
import { prepareJs } from './javascript/js-rewrite.js';

/** Options of `validateExpression`. */
export interface ValidateExpressionOptions extends ValidationContext {
  /**
   * `template` (default): `source` is a parameter value in which only the
   * `{{ }}` parts are expressions. `expression`: all of `source` is one expression.
   */
  mode?: 'template' | 'expression';
  /** The language to check with (default: JSONata with Flowloom's library). */
  language?: ExpressionLanguage;
}

let defaultLanguage: ExpressionLanguage | undefined;

/**
 * Finds problems in a parameter value or expression without evaluating it:
 * syntax errors, unknown functions and variables, regular expressions the
 * linear-time engine cannot run, and (when `workflow` is given) `$node("…")`
 * names that are not in the workflow. Offsets are in `source`, ready for an
 * editor to underline.
 *
 * @example
 * const issues = await validateExpression('Hi {{ $uppercase($json.name }}');
 * // [{ severity: 'error', code: 'syntax', message: '…', start: 29, end: 30 }]
 */
export async function validateExpression(source: string, options: ValidateExpressionOptions = {}): Promise<ExpressionIssue[]> {
  checkOptions('validateExpression', options, { workflow: true, mode: true, language: true });
  const language = options.language ?? (defaultLanguage ??= createJsonataLanguage());
  await language.load();
  const context: ValidationContext = options.workflow ? { workflow: options.workflow } : {};
  if (options.mode === 'expression') return language.validate(source, context);
  let segments;
  try {
    segments = parseTemplate(source);
  } catch (error) {
    const at = error instanceof ExpressionError ? (error.position ?? 0) : 0;
    return [{ severity: 'error', code: 'syntax', message: (error as Error).message, start: at, end: at + 2 }];
  }
  const issues: ExpressionIssue[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'expression') continue;
    if (segment.source.trim() === '') {
      issues.push({
        severity: 'error',
        code: 'syntax',
        message: 'The {{ }} is empty: write an expression inside it.',
        start: segment.start - 2,
        end: segment.end,
      });
      continue;
    }
    // A JavaScript expression (`{{js: … }}`) is only tokenized here: its syntax is checked when it runs in the sandbox.
    const code = jsSource(segment.source);
    if (code !== undefined) {
      try {
        prepareJs(code);
      } catch (error) {
        const at = segment.start + (segment.source.length - code.length) + ((error as ExpressionError).position ?? 0);
        issues.push({ severity: 'error', code: 'syntax', message: (error as Error).message, start: at, end: at + 1 });
      }
      continue;
    }
    for (const issue of language.validate(segment.source, context)) {
      issues.push({ ...issue, start: issue.start + segment.start, end: issue.end + segment.start });
    }
  }
  return issues;
}
