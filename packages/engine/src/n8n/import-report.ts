/**
 * What importing one n8n workflow did: every node mapped or kept as a
 * placeholder, every expression translated or left for later, every
 * credential to fill, setting dropped and problem found. Plain JSON.
 */

/** `imported`: every node mapped and nothing lost; `partial`: imported with placeholders or problems; `refused`: no workflow. */
export type ImportStatus = 'imported' | 'partial' | 'refused';

/** A node that became a Flowloom core node. */
export interface MappedNodeEntry {
  node: string;
  n8nType: string;
  typeVersion: number;
  flowloomType: string;
}

/** A node kept as a placeholder (`core.placeholder` or `core.placeholderTrigger`). */
export interface PlaceholderEntry {
  node: string;
  n8nType: string;
  typeVersion: number;
  /** Why: no Flowloom node of that kind, or the parameter that has no equivalent. */
  reason: string;
  /** The parameter that decided it, when one did. */
  parameter?: string;
  /** `type`: Flowloom has no node of this kind; `version`: the type version is unknown; `parameters`: the type maps, but a parameter has no equivalent. */
  cause: 'type' | 'version' | 'parameters';
}

/** A credential the imported workflow needs: create it in Flowloom and put its id in the node's slot. */
export interface CredentialEntry {
  node: string;
  /** The node's credential slot (`auth` for HTTP Request); absent for placeholders. */
  slot?: string;
  n8nType: string;
  name: string;
  /** The n8n credential id, written into the slot so the reference is not lost. */
  n8nId?: string;
}

/** A setting of a node or of the workflow that Flowloom has no place for. */
export interface DroppedSetting {
  /** The node it belonged to; absent for workflow settings. */
  node?: string;
  setting: string;
  value: unknown;
  reason: string;
}

/** One thing the importer could not carry over exactly. */
export interface ImportProblem {
  /** A stable code: `unknown-type-version`, `duplicate-node-name`, `connection-to-missing-node`, `cycle`... */
  code: string;
  /** `error`: behaviour changed or something was lost; `warning`: behaviour may differ in edge cases. */
  severity: 'error' | 'warning';
  node?: string;
  /** The n8n parameter path (`conditions.conditions[0].operator`), or the document path for workflow-level problems. */
  parameter?: string;
  message: string;
}

/** An n8n expression not translated to Flowloom's expression language: it runs as JavaScript, or could not be read. */
export interface UntranslatedExpression {
  node: string;
  parameter: string;
  expression: string;
  /**
   * Why: `javascript` (JavaScript beyond a plain reference), `javascriptProperty` (`.length`...), `pairedItem`
   * (`$('X').item` where items may not line up), `text` (a reference inside text, which n8n writes its own way):
   * each runs as JavaScript; `parse`: it could not be read and fails when it runs.
   */
  reason: string;
}

/** Counts of `{{ … }}` expressions by what became of them. */
export interface ExpressionCounts {
  /** Every expression found in the nodes' parameters. */
  total: number;
  /** Plain data references rewritten exactly in Flowloom's expression language. */
  translated: number;
  /** Kept as n8n wrote them in a mapped node, run as JavaScript in the code sandbox (`{{js: … }}`). */
  javascript: number;
  /** Could not be split from their template (unbalanced brackets, unclosed strings). */
  parseFailed: number;
  /** Inside placeholder nodes, kept untouched with the original parameters. */
  inPlaceholders: number;
}

/** The report of one import. */
export interface ImportReport {
  /** Where the workflow came from (a file name), when the caller says. */
  source?: string;
  workflowName?: string;
  status: ImportStatus;
  /** Why nothing was imported, when `status` is `refused`. */
  refusedReason?: string;
  nodes: { total: number; mapped: number; placeholders: number; stickyNotes: number };
  mapped: MappedNodeEntry[];
  placeholders: PlaceholderEntry[];
  expressions: ExpressionCounts;
  notTranslated: UntranslatedExpression[];
  credentials: CredentialEntry[];
  settingsDropped: DroppedSetting[];
  problems: ImportProblem[];
}

/** An empty report, to be filled by the importer. */
export function emptyReport(source?: string): ImportReport {
  return {
    ...(source !== undefined ? { source } : {}),
    status: 'imported',
    nodes: { total: 0, mapped: 0, placeholders: 0, stickyNotes: 0 },
    mapped: [],
    placeholders: [],
    expressions: { total: 0, translated: 0, javascript: 0, parseFailed: 0, inPlaceholders: 0 },
    notTranslated: [],
    credentials: [],
    settingsDropped: [],
    problems: [],
  };
}

/** A report for input that could not be imported at all. */
export function refusedReport(reason: string, source?: string): ImportReport {
  const report = emptyReport(source);
  report.status = 'refused';
  report.refusedReason = reason;
  report.problems.push({ code: 'refused', severity: 'error', message: reason });
  return report;
}
