import { FlowloomError } from '../errors/flowloom.error.js';
import type { ExpressionCounts, ImportProblem, UntranslatedExpression } from './import-report.js';
import { MapContext, type MapEnv } from './map-context.js';
import { NODE_MAPPINGS, OTHER_TRIGGER_TYPES } from './mappers/index.js';
import type { MappedNode, NodeMapping } from './mappers/mapping.js';
import { splitN8nTemplate } from './n8n-template.js';
import { NoEquivalentError } from './no-equivalent.error.js';
import type { N8nNodeEntry } from './read-n8n.js';

/** What became of one n8n node: a Flowloom core node, or a placeholder and why. */
export interface NodeOutcome {
  readonly entry: N8nNodeEntry;
  mapped: MappedNode | undefined;
  placeholder: { reason: string; parameter?: string; trigger: boolean; cause: 'type' | 'version' | 'parameters' } | undefined;
  counts: Omit<ExpressionCounts, 'inPlaceholders'>;
  /** The n8n parameters a placeholder keeps (none when Flowloom refuses even those, nested too deep). */
  originalParameters: Record<string, unknown>;
  pending: UntranslatedExpression[];
  problems: ImportProblem[];
}

const NO_COUNTS = () => ({ total: 0, translated: 0, javascript: 0, parseFailed: 0 });

/** Whether an n8n node that becomes a placeholder starts runs (and has nothing connected into it). */
export function looksLikeTrigger(entry: N8nNodeEntry, hasIncoming: boolean): boolean {
  return !hasIncoming && (/trigger$/i.test(entry.type) || OTHER_TRIGGER_TYPES.has(entry.type));
}

/** Turns an outcome into a placeholder (the node's own expressions are then counted as in placeholders). */
export function toPlaceholder(
  outcome: NodeOutcome,
  reason: string,
  hasIncoming: boolean,
  parameter?: string,
  cause: 'type' | 'version' | 'parameters' = 'parameters',
): void {
  outcome.mapped = undefined;
  outcome.placeholder = { reason, cause, trigger: looksLikeTrigger(outcome.entry, hasIncoming), ...(parameter ? { parameter } : {}) };
  outcome.counts = NO_COUNTS();
  outcome.pending = [];
  outcome.problems = [];
}

/**
 * Maps one n8n node with its type's mapping (one of `extra`, else the core
 * ones); a type without one, an unknown version, a parameter without
 * equivalent or one no mapping reads makes a placeholder. Never throws.
 */
export function mapNode(
  entry: N8nNodeEntry,
  env: MapEnv,
  hasIncoming: boolean,
  extra: Readonly<Record<string, NodeMapping>> = {},
): NodeOutcome {
  const outcome: NodeOutcome = {
    entry,
    mapped: undefined,
    placeholder: undefined,
    counts: NO_COUNTS(),
    originalParameters: entry.parameters,
    pending: [],
    problems: [],
  };
  const mapping = Object.hasOwn(extra, entry.type) ? extra[entry.type] : NODE_MAPPINGS[entry.type];
  if (!mapping) {
    toPlaceholder(outcome, 'Flowloom has no node of this kind yet', hasIncoming, undefined, 'type');
    return outcome;
  }
  if (!mapping.versions.includes(entry.typeVersion)) {
    toPlaceholder(
      outcome,
      `version ${entry.typeVersion} of this node type is not one the importer knows (${mapping.versions.join(', ')})`,
      hasIncoming,
      'typeVersion',
      'version',
    );
    outcome.problems.push({
      code: 'unknown-type-version',
      severity: 'error',
      node: entry.name,
      message: `${entry.type} has no version ${entry.typeVersion} the importer knows (it knows ${mapping.versions.join(', ')}); the node was kept as a placeholder`,
    });
    return outcome;
  }
  const ctx = new MapContext(
    { name: entry.name, type: entry.type, typeVersion: entry.typeVersion, parameters: entry.parameters, webhookId: entry.webhookId },
    env,
  );
  try {
    const mapped = mapping.map(ctx);
    const unread = ctx.unread();
    if (unread.length > 0) {
      toPlaceholder(outcome, `the parameter '${unread[0]}' is not translated by the importer`, hasIncoming, unread[0]);
      return outcome;
    }
    outcome.mapped = mapped;
    outcome.counts = ctx.counts;
    outcome.pending = ctx.pending;
    outcome.problems = ctx.problems;
  } catch (error) {
    if (error instanceof NoEquivalentError) {
      const reason = error.parameter ? `parameter '${error.parameter}': ${error.message}` : error.message;
      toPlaceholder(outcome, reason, hasIncoming, error.parameter, error.wholeVersion ? 'version' : 'parameters');
    } else {
      // Parameters of a shape no version of the node has (hand-edited or damaged files).
      const message = error instanceof FlowloomError || error instanceof Error ? error.message : String(error);
      toPlaceholder(outcome, `its parameters could not be read (${message})`, hasIncoming);
      outcome.problems.push({
        code: 'unreadable-parameters',
        severity: 'error',
        node: entry.name,
        message: `the parameters could not be read: ${message}`,
      });
    }
  }
  return outcome;
}

/** Counts the `{{ }}` expressions in n8n parameters left as they are (a placeholder's). */
export function countExpressions(value: unknown): number {
  if (typeof value === 'string') {
    if (!value.startsWith('=')) return 0;
    const segments = splitN8nTemplate(value.slice(1));
    return Array.isArray(segments) ? segments.filter((s) => s.kind === 'expression').length : 1;
  }
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countExpressions(v), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((n: number, v) => n + countExpressions(v), 0);
  return 0;
}
