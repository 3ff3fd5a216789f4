import { z } from 'zod';
import type { ValidationIssue } from '../errors/workflow-validation.error.js';
import type { WorkflowInput } from '../model/workflow.js';
import { fromZodIssues } from '../model/zod-issues.js';
import { TemplateError } from './template.error.js';

/** The gallery sections a template may sit in. */
export const TEMPLATE_CATEGORIES = ['communication', 'crm', 'e-commerce', 'marketing', 'storage', 'ai', 'operations'] as const;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/** One place a placeholder's value is written to. */
export const placeholderTargetSchema = z
  .object({
    /** The id of the node (not its name). */
    node: nonEmpty('a target node id'),
    /** For a `text` placeholder: the dot path of the parameter, such as `channel` or `options.subject`. */
    parameter: nonEmpty('a parameter path').optional(),
    /** For a `credential` placeholder: the node's credential slot, such as `slackApi`. */
    slot: nonEmpty('a credential slot').optional(),
  })
  .strict();

/**
 * A value the person using a template supplies: a text written into node
 * parameters, or the id of a credential put into nodes' credential slots.
 */
export const placeholderSchema = z
  .object({
    /** The key `fillTemplate`'s values use. */
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a placeholder key is a letter followed by letters, digits or "_"'),
    /** What a form shows beside the field. */
    label: nonEmpty('a label'),
    description: z.string().optional(),
    kind: z.enum(['text', 'credential']),
    targets: z.array(placeholderTargetSchema).min(1, 'a placeholder writes to at least one target'),
    /** A sample value a form may show. */
    example: z.string().optional(),
  })
  .strict()
  .superRefine((placeholder, ctx) => {
    placeholder.targets.forEach((target, i) => {
      const wanted = placeholder.kind === 'text' ? 'parameter' : 'slot';
      const other = placeholder.kind === 'text' ? 'slot' : 'parameter';
      if (target[wanted] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, wanted],
          message: `a ${placeholder.kind} placeholder's target names the ${wanted === 'parameter' ? 'parameter path' : 'credential slot'} its value goes to`,
        });
      }
      if (target[other] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, other],
          message: `a ${placeholder.kind} placeholder's target has no "${other}" (it belongs to ${other === 'slot' ? 'credential' : 'text'} placeholders)`,
        });
      }
    });
  });

/**
 * What a workflow carries in `meta.template` to be offered as a template: the
 * gallery's text and the placeholders a person fills before using it.
 *
 * @example
 * ```json
 * { "id": "slack-on-form-submission", "name": "Slack message on form submission",
 *   "description": "Posts each form answer to a Slack channel.", "category": "communication",
 *   "tags": ["slack", "forms"], "useCases": ["Tell the team about new sign-ups"], "version": "1.0.0",
 *   "placeholders": [{ "key": "channel", "label": "Slack channel", "kind": "text",
 *                      "targets": [{ "node": "slack", "parameter": "channel" }] }] }
 * ```
 */
export const templateMetaSchema = z
  .object({
    /** Stable id in kebab-case, kept across versions. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a template id is kebab-case: lowercase letters and digits joined by "-"'),
    name: nonEmpty('a template name'),
    description: nonEmpty('a template description'),
    category: z.enum(TEMPLATE_CATEGORIES),
    tags: z.array(nonEmpty('a tag')),
    useCases: z.array(nonEmpty('a use case')),
    version: z.string().regex(SEMVER, 'a template version is a semantic version such as "1.0.0"'),
    placeholders: z.array(placeholderSchema),
  })
  .strict()
  .superRefine((meta, ctx) => {
    const seen = new Set<string>();
    meta.placeholders.forEach((placeholder, i) => {
      if (seen.has(placeholder.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['placeholders', i, 'key'],
          message: `the key "${placeholder.key}" is used by another placeholder`,
        });
      }
      seen.add(placeholder.key);
    });
  });

/** A template's metadata, as `meta.template` holds it. */
export type TemplateMeta = z.infer<typeof templateMetaSchema>;
/** One placeholder of a template. */
export type Placeholder = z.infer<typeof placeholderSchema>;
/** One place a placeholder's value is written to. */
export type PlaceholderTarget = z.infer<typeof placeholderTargetSchema>;
/** What `fillTemplate` records in the filled workflow's `meta.templateSource`. */
export interface TemplateSource {
  id: string;
  version: string;
}

/** The parts of a workflow document the template functions read. */
type TemplateWorkflow = Pick<WorkflowInput, 'meta' | 'nodes'>;

const META_PATH = ['meta', 'template'];

/**
 * Reads and checks a template's metadata from `meta.template`, and checks
 * that every target node is in the workflow.
 *
 * @throws TemplateError (code `TEMPLATE_INVALID`) listing each bad field by
 *   path, such as `meta.template.placeholders[0].targets[0].node`.
 */
export function readTemplateMeta(workflow: TemplateWorkflow): TemplateMeta {
  const raw = workflow.meta?.template;
  if (raw === undefined) {
    throw new TemplateError('TEMPLATE_INVALID', 'This workflow is not a template', [
      { code: 'invalid_type', path: META_PATH, message: 'is required: a template describes itself in meta.template' },
    ]);
  }
  const parsed = templateMetaSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new TemplateError('TEMPLATE_INVALID', 'Template metadata is not valid', fromZodIssues(parsed.error.issues, META_PATH));
  }
  const meta = parsed.data;
  const nodeIds = new Set(workflow.nodes.map((node) => node.id));
  const issues: ValidationIssue[] = [];
  const concerned = new Set<string>();
  meta.placeholders.forEach((placeholder, p) => {
    placeholder.targets.forEach((target, t) => {
      if (!nodeIds.has(target.node)) {
        concerned.add(placeholder.key);
        issues.push({
          code: 'unknown_node',
          path: [...META_PATH, 'placeholders', p, 'targets', t, 'node'],
          message: `${describePlaceholder(placeholder)} targets node id "${target.node}", which is not in the workflow`,
        });
      }
    });
  });
  if (issues.length > 0) {
    throw new TemplateError('TEMPLATE_INVALID', `Template "${meta.name}" is not valid`, issues, [...concerned]);
  }
  return meta;
}

/**
 * Makes a workflow from a template: writes each placeholder's value to its
 * targets (a text into the node parameter at the target's path, a credential
 * id into the node's credential slot), records `meta.templateSource` as
 * `{ id, version }` and drops `meta.template`, since the result is a workflow,
 * no longer a template. The template itself is left untouched.
 *
 * A text value is written as it is, as if typed into the parameter: a
 * `{{ }}` in it is an expression. A parameter target must already be in the
 * template (the template holds a blank or a sample there), so that a path
 * with a typo is an error and not a new, ignored parameter.
 *
 * @throws TemplateError naming each placeholder by key and label: code
 *   `TEMPLATE_VALUES_INVALID` when a value is missing or blank or a value is
 *   given for no placeholder, `TEMPLATE_TARGET_MISSING` when a target node or
 *   parameter is not in the workflow, `TEMPLATE_INVALID` when the metadata is.
 * @example
 * ```ts
 * const workflow = fillTemplate(template, { channel: '#sales', slackAccount: credential.id });
 * ```
 */
export function fillTemplate<W extends TemplateWorkflow>(workflow: W, values: Readonly<Record<string, string>>): W {
  const meta = readTemplateMeta(workflow);
  const issues: ValidationIssue[] = [];
  const concerned = new Set<string>();
  const keys = new Set(meta.placeholders.map((placeholder) => placeholder.key));

  for (const key of Object.keys(values)) {
    if (keys.has(key)) continue;
    const known = [...keys].map((k) => `"${k}"`).join(', ') || 'none';
    issues.push({
      code: 'unknown_placeholder',
      path: ['values', key],
      message: `no placeholder has the key "${key}" (the template's keys: ${known})`,
    });
  }
  for (const placeholder of meta.placeholders) {
    const value = Object.hasOwn(values, placeholder.key) ? values[placeholder.key] : undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      concerned.add(placeholder.key);
      const got = value === undefined ? 'none was given' : typeof value === 'string' ? 'it is empty' : `got ${typeof value}`;
      const what = placeholder.kind === 'credential' ? 'the id of a credential' : 'a text';
      issues.push({
        code: 'missing_value',
        path: ['values', placeholder.key],
        message: `${describePlaceholder(placeholder)} needs ${what}, but ${got}`,
      });
    }
  }
  if (issues.length > 0) {
    throw new TemplateError('TEMPLATE_VALUES_INVALID', `Template "${meta.name}" cannot be filled`, issues, [...concerned]);
  }

  const filled = structuredClone(workflow);
  const nodes = new Map(filled.nodes.map((node) => [node.id, node]));
  meta.placeholders.forEach((placeholder, p) => {
    const value = values[placeholder.key]!;
    placeholder.targets.forEach((target, t) => {
      const node = nodes.get(target.node)!;
      const path = [...META_PATH, 'placeholders', p, 'targets', t];
      if (placeholder.kind === 'credential') {
        node.credentials = { ...node.credentials, [target.slot!]: value };
        return;
      }
      const problem = writeParameter((node.parameters ??= {}), target.parameter!, value);
      if (problem !== undefined) {
        concerned.add(placeholder.key);
        issues.push({
          code: 'unknown_parameter',
          path: [...path, 'parameter'],
          message: `${describePlaceholder(placeholder)} targets parameter "${target.parameter}" of node "${node.name}" (${node.id}), ${problem}`,
        });
      }
    });
  });
  if (issues.length > 0) {
    throw new TemplateError('TEMPLATE_TARGET_MISSING', `Template "${meta.name}" cannot be filled`, issues, [...concerned]);
  }

  const { template: _template, ...rest } = filled.meta ?? {};
  const source: TemplateSource = { id: meta.id, version: meta.version };
  filled.meta = { ...rest, templateSource: source };
  return filled;
}

function describePlaceholder(placeholder: Pick<Placeholder, 'key' | 'label'>): string {
  return `placeholder "${placeholder.key}" (${placeholder.label})`;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Writes `value` at a dot path that must already exist; returns why it cannot, or undefined. */
function writeParameter(parameters: Record<string, unknown>, dotPath: string, value: string): string | undefined {
  const segments = dotPath.split('.');
  let container: unknown = parameters;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const at = segments.slice(0, i + 1).join('.');
    if (FORBIDDEN_KEYS.has(segment)) return `whose path may not contain "${segment}"`;
    if (typeof container !== 'object' || container === null) return `but "${segments.slice(0, i).join('.')}" holds no object or list`;
    const key = Array.isArray(container) ? (/^\d+$/.test(segment) ? Number(segment) : undefined) : segment;
    if (key === undefined || !Object.hasOwn(container, key)) return `which the node does not have ("${at}" is not set in the template)`;
    if (i === segments.length - 1) {
      (container as Record<string | number, unknown>)[key] = value;
      return undefined;
    }
    container = (container as Record<string | number, unknown>)[key];
  }
  return undefined;
}
