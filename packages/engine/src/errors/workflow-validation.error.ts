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

/**
 * Thrown when a workflow document is not valid. `issues` lists every problem
 * found, not only the first, each with its path and a sentence.
 */
export class WorkflowValidationError extends FlowloomError {
  static override readonly kind: string = 'WorkflowValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'Workflow') {
    const lines = issues.map((issue) => `  - ${formatIssue(issue)}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super('WORKFLOW_INVALID', `${subject} is not valid (${count}):\n${lines.join('\n')}`);
    this.name = 'WorkflowValidationError';
    this.issues = issues;
  }

  override toJSON() {
    return { ...super.toJSON(), details: { issues: this.issues } };
  }
}
