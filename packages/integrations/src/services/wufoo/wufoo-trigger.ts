import { defineNode } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { wufooHandshakeKey } from './wufoo-credentials.js';
import { wufooInfo } from './wufoo-info.js';

export { wufooHandshakeKey };

/** An entry as Wufoo posts it: a form of `Field<n>` answers, the entry's details, and the form's structure as JSON text. */
type WufooCall = CallJson & { body?: Record<string, string | string[]> };

/** A field of `FieldStructure`: its title, type and ID, and the sub-fields of a name, an address, checkboxes or a likert. */
interface WufooField {
  Title: string;
  Type: string;
  ID: string;
  SubFields?: { ID: string; Label: string }[];
}

const base = defineTrigger({
  id: 'wufoo',
  displayName: 'Wufoo',
  icon: wufooInfo.icon,
  docsUrl: 'https://wufoo.github.io/docs/#webhooks',
  credentials: [wufooHandshakeKey],
  events: { entry: { displayName: 'Entry submitted' } },
  eventOf: (call: WufooCall) => (call.body?.['EntryId'] !== undefined ? 'entry' : undefined),
});

const properties = (base.properties as z.ZodObject<z.ZodRawShape>).extend({
  onlyAnswers: z.boolean().default(true).meta({
    label: 'Only answers',
    description:
      'Put out the answers alone, by field title, not the entry\u2019s details (entry ID, creator, date, form and field structure).',
  }),
});

/** Each answer by its field's title: a name, an address or a likert as an object by sub-field label, checkboxes as the list ticked. */
function answersOf(fields: readonly WufooField[], body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const subs = field.SubFields ?? [];
    if (field.Type === 'file') out[field.Title] = body[`${field.ID}-url`];
    else if (field.Type === 'checkbox') out[field.Title] = subs.map((s) => body[s.ID]).filter((v) => v !== undefined && v !== '');
    else if (field.Type === 'address' || field.Type === 'likert' || field.Type === 'shortname') {
      out[field.Title] = Object.fromEntries(subs.map((s) => [s.Label, body[s.ID]]));
    } else out[field.Title] = body[field.ID];
  }
  return out;
}

/**
 * Starts a workflow with each entry of a Wufoo form, sent by the form's
 * WebHook integration with the credential's handshake key and with metadata
 * on (`FieldStructure`, which names the fields). The item is the entry's
 * answers by field title; with Only answers off, the entry's details too,
 * its answers in `entries`.
 */
export const wufooTrigger = defineNode({
  ...base,
  properties,
  execute(ctx) {
    return ctx.input().map((item, i) => {
      const { onlyAnswers } = ctx.params(i) as { onlyAnswers: boolean };
      const body = (item.json as WufooCall).body ?? {};
      const json = (name: string): unknown => {
        const value = body[name];
        if (typeof value !== 'string') return undefined;
        try {
          return JSON.parse(value) as unknown;
        } catch (error) {
          throw nodeError(ctx, `the entry's field '${name}' is not JSON: ${(error as Error).message}`, 'BAD_INPUT', error);
        }
      };
      const structure = json('FieldStructure') as { Fields?: WufooField[] } | undefined;
      // Without the metadata Wufoo sends no field titles: the answers keep Wufoo's field IDs.
      const entries = structure?.Fields
        ? answersOf(structure.Fields, body)
        : Object.fromEntries(Object.entries(body).filter(([k]) => /^Field\d+/.test(k)));
      if (onlyAnswers) return { json: entries };
      const details: Record<string, unknown> = {
        createdBy: body['CreatedBy'],
        entryId: body['EntryId'],
        dateCreated: body['DateCreated'],
        formId: body['FormId'],
        formStructure: json('FormStructure'),
        fieldStructure: structure,
      };
      for (const key of Object.keys(details)) if (details[key] === undefined) delete details[key];
      return { json: { ...details, entries } };
    });
  },
});
