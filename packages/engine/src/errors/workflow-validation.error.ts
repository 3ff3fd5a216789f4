import { FlowloomError } from './flowloom.error.js';

/** One problem found in a workflow document. */
export interface ValidationIssue {
  /** Stable code: `invalid_type`, `unknown_node`, `duplicate_id`, `cycle`, ... */
  code: string;
  /** Where the problem is, as property keys and array indexes from the document root. */
  path: (string | number)[];
  /** A sentence saying what is wrong and what would be right. */
  message: string;
}

/** Formats a path as `nodes[3].parameters.url`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(document)';
}

/** Formats one issue as `path: message`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** How many problems a validation error's message and JSON form list; `issues` keeps them all. */
export const MAX_LISTED_ISSUES = 100;

/**
 * Thrown when a workflow document is not valid. `issues` lists every problem
 * found, not only the first, each with its path and a sentence.
 *
 * The message lists the first 100 problems, then says how many more there
 * are, so a document with thousands of broken connections still gives a
 * message a person can read. `toJSON()` (what is stored in execution records
 * and sent over a wire) keeps the same first 100 in `details.issues`, with
 * `details.moreIssues` counting the rest; `issues` itself holds every one.
 */
export class WorkflowValidationError extends FlowloomError {
  static override readonly kind: string = 'WorkflowValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'Workflow') {
    const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  - ${formatIssue(issue)}`);
    const more = issues.length - lines.length;
    if (more > 0) lines.push(`  …and ${more === 1 ? '1 more problem' : `${more.toLocaleString('en-US')} more problems`}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length.toLocaleString('en-US')} problems`;
    super('WORKFLOW_INVALID', `${subject} is not valid (${count}):\n${lines.join('\n')}`);
    this.name = 'WorkflowValidationError';
    this.issues = issues;
  }

  override toJSON() {
    const listed = this.issues.slice(0, MAX_LISTED_ISSUES);
    const more = this.issues.length - listed.length;
    return { ...super.toJSON(), details: more > 0 ? { issues: listed, moreIssues: more } : { issues: listed } };
  }
}
