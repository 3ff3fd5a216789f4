import { z } from 'zod';
import type { Workflow } from '../../../model/workflow.js';
import { checkFields, formFieldSchema, type FormField } from '../form-trigger/form-fields.js';

/** The fields of a page, checked as the Form Trigger checks its own. */
export const pageFieldsSchema = z
  .array(formFieldSchema)
  .min(1, 'must have at least one field')
  .superRefine((fields, ctx) => checkFields(fields, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

/**
 * A field as written in JSON, in Flowloom's shape or in n8n's: n8n lists a
 * field's options as `{ values: [{ option }] }`, Flowloom as texts.
 */
function normalizeField(field: unknown): unknown {
  if (typeof field !== 'object' || field === null || Array.isArray(field)) return field;
  const out = { ...(field as Record<string, unknown>) };
  const options = out.fieldOptions;
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) {
    const values = (options as { values?: unknown }).values;
    out.fieldOptions = Array.isArray(values)
      ? values.map((v) => (typeof v === 'object' && v !== null && 'option' in v ? (v as { option: unknown }).option : v))
      : values;
  }
  return out;
}

/**
 * Reads a page's fields from JSON (text, or the list an expression gave):
 * an array of fields with `fieldLabel`, `fieldType`, `requiredField`,
 * `placeholder`, `fieldOptions`... Returns the fields, or what is wrong,
 * naming the field.
 */
export function fieldsFromJson(value: unknown): { fields: FormField[] } | { error: string } {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value) as unknown;
    } catch (error) {
      return { error: `is not valid JSON (${(error as Error).message}); write an array of fields such as [{"fieldLabel": "Name"}]` };
    }
  }
  if (!Array.isArray(list)) return { error: 'must be an array of fields such as [{"fieldLabel": "Name"}]' };
  const parsed = pageFieldsSchema.safeParse(list.map(normalizeField));
  if (parsed.success) return { fields: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [index, ...rest] = issue.path;
  const where = typeof index === 'number' ? `field ${index + 1}${rest.length > 0 ? ` '${rest.join('.')}'` : ''}: ` : '';
  return { error: `${where}${issue.message}` };
}

/** What a page shows by default, from the Form Trigger that starts the form. */
export interface TriggerDefaults {
  formTitle: string;
  formDescription: string;
  buttonLabel: string;
}

/**
 * The Form Trigger before the node `nodeId` (the nearest one going back
 * along the connections), or undefined when no Form Trigger leads to it.
 */
export function formTriggerBefore(workflow: Workflow, nodeId: string): TriggerDefaults | undefined {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of workflow.connections) {
      if (c.to.node !== id || seen.has(c.from.node)) continue;
      seen.add(c.from.node);
      const node = byId.get(c.from.node);
      if (!node || node.disabled) continue;
      if (node.type === 'core.formTrigger') {
        const p = node.parameters;
        const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() !== '' ? v : fallback);
        return {
          formTitle: text(p.formTitle, 'Form'),
          formDescription: text(p.formDescription, ''),
          buttonLabel: text(p.buttonLabel, 'Submit'),
        };
      }
      queue.push(node.id);
    }
  }
  return undefined;
}
