import { WorkflowValidationError, type Workflow } from '@flowloom/engine';

type Issue = { path: string; message: string; code?: string };

/**
 * The problems of a workflow a server refused to save or run, by node id
 * (and '' for the sentence about the whole), as validation shows them: the
 * node gets its marker and the inspector the message under the field.
 * Undefined for any other error.
 */
export function refusalIssues(workflow: Workflow, error: unknown): Map<string, Issue[]> | undefined {
  if (!(error instanceof WorkflowValidationError)) return undefined;
  const issues = new Map<string, Issue[]>([['', [{ path: '', message: error.message }]]]);
  for (const issue of error.issues) {
    const [top, index, ...rest] = issue.path;
    const id = top === 'nodes' && typeof index === 'number' ? workflow.nodes[index]?.id : undefined;
    if (!id) continue;
    const list = issues.get(id) ?? [];
    list.push({ path: rest.join('.'), message: issue.message, code: issue.code });
    issues.set(id, list);
  }
  return issues;
}
