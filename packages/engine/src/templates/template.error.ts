import { FlowloomError } from '../errors/flowloom.error.js';
import { formatIssue, type ValidationIssue } from '../errors/workflow-validation.error.js';

/** Why a template was refused. */
export type TemplateErrorCode =
  /** `meta.template` is missing or does not match `templateMetaSchema`, or names a node the workflow lacks. */
  | 'TEMPLATE_INVALID'
  /** `fillTemplate` was given no value (or an empty one) for a placeholder, or a value for no placeholder. */
  | 'TEMPLATE_VALUES_INVALID'
  /** A placeholder's target node or parameter is not in the workflow. */
  | 'TEMPLATE_TARGET_MISSING';

/**
 * A template's metadata is not valid, or it cannot be filled with the values
 * given. `issues` lists every problem, each with the path of the field at
 * fault (`meta.template.placeholders[0].targets[0].node`) or, for a value, the
 * placeholder's key; `placeholders` names the placeholders concerned.
 */
export class TemplateError extends FlowloomError {
  static override readonly kind: string = 'TemplateError';
  readonly issues: readonly ValidationIssue[];
  /** The keys of the placeholders the problems concern (empty when none does). */
  readonly placeholders: readonly string[];

  constructor(code: TemplateErrorCode, subject: string, issues: readonly ValidationIssue[], placeholders: readonly string[] = []) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${formatIssue(issue)}`);
    super(code, `${subject} (${count}):\n${lines.join('\n')}`);
    this.name = 'TemplateError';
    this.issues = issues;
    this.placeholders = placeholders;
  }

  override toJSON() {
    return { ...super.toJSON(), details: { issues: this.issues, placeholders: this.placeholders } };
  }
}
