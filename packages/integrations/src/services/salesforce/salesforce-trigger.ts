import { z } from 'zod';
import { definePollingTrigger } from '../../kit/define-poll.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import { salesforce } from './salesforce.js';
import { salesforceInfo } from './salesforce-info.js';
import { PLACEHOLDER_ORIGIN } from './salesforce-credentials.js';

/** A SOQL datetime literal (UTC, whole seconds) at or before a time Salesforce gave. */
function soqlDateTime(since: string | number): string {
  return new Date(typeof since === 'number' ? since : Date.parse(since)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The fields a poll selects: the user's, with the two the trigger itself reads. */
function selected(fields: string[] | undefined): string {
  if (!fields || fields.length === 0) return 'FIELDS(STANDARD)';
  return [...new Set(['Id', 'LastModifiedDate', ...fields])].join(', ');
}

/** Salesforce: a run with each record of an object created or changed, found by asking Salesforce at an interval. */
export const salesforceRecordChanged = definePollingTrigger({
  id: 'salesforceRecordChanged',
  displayName: 'Salesforce Record Changed',
  description: 'Starts the workflow with each record of an object that is created or changed, asking Salesforce at the chosen interval.',
  icon: salesforceInfo.icon,
  docsUrl: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm',
  service: salesforce.definition,
  params: z.object({
    sobject: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an object API name such as Lead or Invoice__c')
      .meta({ label: 'Object', placeholder: 'Lead' }),
    returnFields: z
      .array(z.string().regex(/^[A-Za-z][\w.]*$/, 'must be a field API name'))
      .optional()
      .meta({ label: 'Fields', description: 'API names to put out; the standard fields when empty.' }),
  }),
  request: (p, since): RequestSpec => {
    const from = `SELECT ${selected(p.returnFields)} FROM ${p.sobject}`;
    const q =
      since === undefined
        ? `${from} ORDER BY LastModifiedDate DESC LIMIT 10`
        : `${from} WHERE LastModifiedDate >= ${soqlDateTime(since)} ORDER BY LastModifiedDate ASC`;
    return { method: 'GET', path: '/query', query: { q } };
  },
  paginate: { type: 'nextUrl', next: 'nextRecordsUrl', origin: PLACEHOLDER_ORIGIN },
  items: 'records',
  cursorField: 'LastModifiedDate',
  idField: 'Id',
});
