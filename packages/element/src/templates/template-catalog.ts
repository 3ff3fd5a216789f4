import {
  fillTemplate,
  readTemplateMeta,
  safeParseWorkflow,
  templateMetaSchema,
  TemplateError,
  TEMPLATE_CATEGORIES,
  type NodeTypeDescription,
  type Placeholder,
  type PlaceholderTarget,
  type TemplateMeta,
  type Workflow,
} from '@flowloom/engine';
import { fieldLabel, type FieldSchema } from '../inspector/schema-field.js';
import { newNodeId } from '../model/names.js';

/** One template of the catalogue, with what the gallery shows beside it. */
export interface TemplateListing {
  workflow: Workflow;
  meta: TemplateMeta;
  /** The host's rating, 0 to 5. */
  rating?: number;
}

/** What the catalogue held: the templates, and the documents that are not valid templates (each with why). */
export interface Catalogue {
  listings: TemplateListing[];
  refused: { id: string; message: string }[];
}

/** Reads each document's `meta.template`; a document that is not a valid template is set aside with the engine's sentence. */
export function readCatalogue(workflows: readonly Workflow[], ratings: Readonly<Record<string, number>>): Catalogue {
  const listings: TemplateListing[] = [];
  const refused: Catalogue['refused'] = [];
  for (const workflow of workflows) {
    try {
      const meta = readTemplateMeta(workflow);
      const rating = ratings[meta.id];
      listings.push({ workflow, meta, ...(typeof rating === 'number' ? { rating } : {}) });
    } catch (error) {
      refused.push({ id: workflow.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { listings, refused };
}

/** What the gallery filters on. */
export interface TemplateFilter {
  /** A category of `TEMPLATE_CATEGORIES`, or empty for all. */
  category: string;
  /** Words each of which must be in the name, description, tags or use cases (any case). */
  query: string;
  /** Tags every template shown has. */
  tags: ReadonlySet<string>;
}

/** The listings that match a filter, in catalogue order. */
export function filterTemplates(listings: readonly TemplateListing[], filter: TemplateFilter): TemplateListing[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return listings.filter(({ meta }) => {
    if (filter.category && meta.category !== filter.category) return false;
    if ([...filter.tags].some((tag) => !meta.tags.includes(tag))) return false;
    const text = [meta.name, meta.description, ...meta.tags, ...meta.useCases].join('\n').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The categories that have templates, in the engine's order. */
export function categoriesOf(listings: readonly TemplateListing[]): string[] {
  return TEMPLATE_CATEGORIES.filter((c) => listings.some((l) => l.meta.category === c));
}

/** Every tag of the listings, sorted. */
export function tagsOf(listings: readonly TemplateListing[]): string[] {
  return [...new Set(listings.flatMap((l) => l.meta.tags))].sort((a, b) => a.localeCompare(b));
}

/**
 * The workflow a template makes with the user's values: filled by the
 * engine's `fillTemplate` (which records `meta.templateSource` = template id
 * and version), under a new id and the template's name.
 *
 * @throws TemplateError naming each placeholder that is empty or cannot be written.
 */
export function workflowFromTemplate(listing: TemplateListing, values: Readonly<Record<string, string>>): Workflow {
  const filled = fillTemplate(listing.workflow, values);
  return { ...filled, id: `${listing.meta.id}-${newNodeId().slice(0, 8)}`, name: listing.meta.name };
}

/** The keys of a `TemplateError`'s placeholders, or none for any other error. */
export function placeholdersAtFault(error: unknown): readonly string[] {
  return error instanceof TemplateError ? error.placeholders : [];
}

/** A placeholder in the "Save as template" form: what the person who uses the template fills in, and where it goes. */
export interface DraftPlaceholder {
  key: string;
  label: string;
  /** Where the value goes (`placeholderTargetValue`); empty until chosen. */
  target: string;
  /** Further targets of a placeholder read from the workflow's own metadata, kept as they were. */
  more?: readonly PlaceholderTarget[];
}

/** What the "Save as template" form asks for. */
export interface TemplateDraft {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string;
  useCases: string;
  version: string;
  placeholders: readonly DraftPlaceholder[];
}

/** A place a placeholder's value may go: a node's parameter (a text) or a node's credential slot. */
export interface PlaceholderChoice {
  /** `param:<node id>:<parameter path>` or `slot:<node id>:<slot>`. */
  value: string;
  kind: Placeholder['kind'];
  node: { id: string; name: string };
  /** The parameter path or the slot's name. */
  name: string;
  /** The parameter's label or the slot's name, for the list. */
  label: string;
}

/** The value naming a placeholder target in the form. */
export function placeholderTargetValue(kind: Placeholder['kind'], target: PlaceholderTarget): string {
  return kind === 'credential' ? `slot:${target.node}:${target.slot ?? ''}` : `param:${target.node}:${target.parameter ?? ''}`;
}

/**
 * Where placeholders may write in a workflow: each node's parameters (those
 * its type declares, and any it has) and its credential slots, in node order.
 */
export function placeholderChoices(
  workflow: Workflow,
  describe: (type: string) => Pick<NodeTypeDescription, 'properties' | 'credentials'> | undefined,
): PlaceholderChoice[] {
  return workflow.nodes.flatMap((node) => {
    const description = describe(node.type);
    const properties = ((description?.properties as { properties?: Record<string, FieldSchema> } | undefined)?.properties ?? {}) as Record<
      string,
      FieldSchema
    >;
    const names = [...new Set([...Object.keys(properties), ...Object.keys(node.parameters ?? {})])];
    const at = { id: node.id, name: node.name };
    return [
      ...names.map((name) => ({
        value: `param:${node.id}:${name}`,
        kind: 'text' as const,
        node: at,
        name,
        label: fieldLabel(name, properties[name] ?? {}),
      })),
      ...(description?.credentials ?? []).map((slot) => ({
        value: `slot:${node.id}:${slot.name}`,
        kind: 'credential' as const,
        node: at,
        name: slot.name,
        label: slot.name,
      })),
    ];
  });
}

/** The placeholders of a draft as `meta.template` holds them; a target not chosen is left empty for the engine to name. */
function placeholdersOf(draft: readonly DraftPlaceholder[]): unknown[] {
  return draft.map((p) => {
    const [kind, node = '', ...rest] = p.target.split(':');
    const name = rest.join(':');
    const first = kind === 'slot' ? { node, slot: name } : { node, parameter: name };
    return {
      key: p.key.trim(),
      label: p.label.trim(),
      kind: kind === 'slot' ? 'credential' : 'text',
      targets: p.target ? [first, ...(p.more ?? [])] : [],
    };
  });
}

/** A draft for a workflow: its own template metadata when it has some, else from its name and description. */
export function draftFor(workflow: Workflow): TemplateDraft {
  const own = workflow.meta?.['template'];
  const meta = templateMetaSchema.safeParse(own);
  if (meta.success) {
    const m = meta.data;
    return {
      ...m,
      tags: m.tags.join(', '),
      useCases: m.useCases.join('\n'),
      placeholders: m.placeholders.map((p) => ({
        key: p.key,
        label: p.label,
        target: p.targets[0] ? placeholderTargetValue(p.kind, p.targets[0]) : '',
        more: p.targets.slice(1),
      })),
    };
  }
  const description = workflow.meta?.['description'];
  return {
    id: slug(workflow.name),
    name: workflow.name,
    description: typeof description === 'string' ? description : '',
    category: TEMPLATE_CATEGORIES[0],
    tags: '',
    useCases: '',
    version: '1.0.0',
    placeholders: [],
  };
}

/**
 * The workflow as a template: `meta.template` from the draft, placeholders
 * included, checked by the engine. Resolves with the template, or with the
 * engine's sentences by field (`placeholders.<index>` for a placeholder's).
 */
export function templateFromDraft(
  workflow: Workflow,
  draft: TemplateDraft,
): { template: Workflow; problems?: undefined } | { template?: undefined; problems: { field: string; message: string }[] } {
  const candidate = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    description: draft.description.trim(),
    category: draft.category,
    tags: split(draft.tags, /,/),
    useCases: split(draft.useCases, /\n/),
    version: draft.version.trim(),
    placeholders: placeholdersOf(draft.placeholders),
  };
  const parsed = templateMetaSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        field: i.path[0] === 'placeholders' && typeof i.path[1] === 'number' ? `placeholders.${i.path[1]}` : String(i.path[0] ?? ''),
        message: sentence(i.message),
      })),
    };
  }
  const { templateSource: _source, ...meta } = workflow.meta ?? {};
  const template: Workflow = { ...workflow, id: parsed.data.id, meta: { ...meta, template: parsed.data } };
  try {
    readTemplateMeta(template);
  } catch (error) {
    return { problems: [{ field: '', message: error instanceof Error ? error.message : String(error) }] };
  }
  return { template };
}

/** Workflow JSON as a file or the clipboard holds it. */
export function workflowJson(workflow: Workflow): string {
  return `${JSON.stringify(workflow, null, 2)}\n`;
}

/** A file name for a workflow's JSON. */
export function jsonFileName(workflow: Workflow): string {
  return `${slug(workflow.name) || slug(workflow.id) || 'workflow'}.json`;
}

/**
 * Reads workflow JSON (a file, the clipboard): the document, or why it is not
 * one (`json`: not JSON, with the parser's message; `workflow`: the engine's
 * problems, each with its path).
 */
export function parseWorkflowJson(text: string): { workflow: Workflow } | { problem: 'json' | 'workflow'; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { problem: 'json', message: error instanceof Error ? error.message : String(error) };
  }
  const parsed = safeParseWorkflow(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
    return { problem: 'workflow', message: issues.join('; ') };
  }
  return { workflow: parsed.workflow };
}

function split(text: string, by: RegExp): string[] {
  return text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** An engine message ("a template name must not be empty") as a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
