// How Meta Ads operations are written: the Graph API version and ad account in every path, the fields the three
// levels share, pages by `paging.next`, and Meta's errors.
import { z } from 'zod';
import { param, type PaginationSpec, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

/** The Graph API version the node starts with: the one the Business SDK it is tested against speaks. */
export const DEFAULT_API_VERSION = 'v24.0';

type Params = Record<string, unknown>;

export const apiVersion = z
  .string()
  .regex(/^v\d{1,3}\.\d$/, 'must be a Graph API version such as v24.0')
  .default(DEFAULT_API_VERSION)
  .meta({ label: 'Graph API version', description: 'Meta retires each version about two years after its release.' });
export const adAccountId = z
  .string()
  .trim()
  .regex(/^(act_)?\d+$/, 'must be an ad account ID such as act_1234567890 (or its digits alone)')
  .meta({ label: 'Ad account ID', placeholder: 'act_1234567890' });
const objectId = (label: string) =>
  z.string().trim().regex(/^\d+$/, `must be the ${label.toLowerCase()}\u2019s numeric ID`).meta({ label });
export const campaignId = objectId('Campaign ID');
export const adSetId = objectId('Ad set ID');
export const adId = objectId('Ad ID');
export const name = z.string().min(1).meta({ label: 'Name' });
export const status = z.enum(['ACTIVE', 'PAUSED']).default('PAUSED').meta({ label: 'Status', description: 'Paused until you are ready.' });
export const newStatus = z.enum(['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED']).meta({ label: 'Status' });
export const fields = z
  .array(z.string().min(1))
  .optional()
  .meta({ label: 'Fields', description: 'The fields to return; default: the usual ones.' });
export const effectiveStatus = z
  .array(
    z.enum([
      'ACTIVE',
      'PAUSED',
      'DELETED',
      'PENDING_REVIEW',
      'DISAPPROVED',
      'PREAPPROVED',
      'PENDING_BILLING_INFO',
      'CAMPAIGN_PAUSED',
      'ARCHIVED',
      'ADSET_PAUSED',
      'IN_PROCESS',
      'WITH_ISSUES',
    ]),
  )
  .optional()
  .meta({ label: 'Effective status', description: 'Only those in one of these states.' });
export const budget = (label: string) =>
  z.number().int().min(1).meta({ label, description: 'In the account currency\u2019s smallest unit (cents for USD).' });
export const bidStrategy = z
  .enum(['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITH_BID_CAP', 'COST_CAP', 'LOWEST_COST_WITH_MIN_ROAS'])
  .meta({ label: 'Bid strategy' });
export const additionalFields = z.record(z.string(), z.unknown()).meta({
  label: 'Additional fields',
  editor: 'json',
  description: 'Other fields of the Marketing API, as its reference names them: {"start_time": "2026-07-01T00:00:00+0000"}.',
});

/** `act_<digits>`, whichever way the ID was written. */
function accountPath(id: unknown): string {
  const text = String(id as string);
  return text.startsWith('act_') ? text : `act_${text}`;
}

/** A path below `graph.facebook.com`: the version, then the segments, each encoded. */
export function graphPath(p: Params, ...segments: string[]): string {
  return `/${[p['apiVersion'] ?? DEFAULT_API_VERSION, ...segments].map((s) => encodeURIComponent(String(s))).join('/')}`;
}

export const accountEdge = (edge: string) => (p: Params) => graphPath(p, accountPath(p['adAccountId']), edge);

/** Fields sent as their own snake-case names, then the additional fields. */
export function jsonBody(p: Params, names: Record<string, ValueSpec>): Record<string, ValueSpec> {
  return { ...names, ...((p['additionalFields'] ?? {}) as Record<string, ValueSpec>) };
}

/** A list of the ad account's campaigns, ad sets or ads: the fields, a status filter, pages by `paging.next`. */
export function listRequest(edge: string, defaults: readonly string[]) {
  return (p: Params): RequestSpec => ({
    method: 'GET',
    path: accountEdge(edge)(p),
    query: {
      fields: ((p['fields'] as string[] | undefined) ?? defaults).join(','),
      effective_status: param('effectiveStatus', (v) => JSON.stringify(v)),
    },
  });
}

/** Graph lists give the next page's URL, access token included, in `paging.next`. */
export const pages: PaginationSpec = { type: 'nextUrl', next: 'paging.next', pageSize: { in: 'query', name: 'limit', value: 100 } };

/**
 * Meta answers errors as `{ error: { message, type, code, error_subcode, error_user_title, error_user_msg } }`;
 * the user message, when there is one, says what to change.
 */
export function metaError({ status, body }: VendorResponse): VendorError | undefined {
  if (status < 400) return undefined;
  const e = (body as { error?: { message?: string; code?: number; error_subcode?: number; error_user_msg?: string } } | undefined)?.error;
  if (!e) return { message: typeof body === 'string' && body !== '' ? body.slice(0, 300) : `HTTP ${status}` };
  const code = e.code === undefined ? undefined : e.error_subcode === undefined ? String(e.code) : `${e.code}/${e.error_subcode}`;
  const message = e.message ?? `HTTP ${status}`;
  const parameter = PARAMETER_OF.find(([pattern]) => pattern.test(`${message} ${e.error_user_msg ?? ''}`))?.[1];
  return {
    ...(code ? { code } : {}),
    message: e.error_user_msg && e.error_user_msg !== message ? `${message} (${e.error_user_msg})` : message,
    ...(parameter ? { parameter } : {}),
  };
}

/** Graph's messages that name a parameter of the node. */
const PARAMETER_OF: [RegExp, string][] = [
  [/\bspecial_ad_categor/i, 'specialAdCategories'],
  [/\bobjective\b/i, 'objective'],
  [/\btargeting\b/i, 'targeting'],
  [/\bdaily_budget\b|daily budget/i, 'dailyBudget'],
  [/\blifetime_budget\b|lifetime budget/i, 'lifetimeBudget'],
  [/\bbilling_event\b/i, 'billingEvent'],
  [/\boptimization_goal\b/i, 'optimizationGoal'],
  [/\bcreative\b/i, 'creativeId'],
  [/\bbreakdowns?\b/i, 'breakdowns'],
  [/\bdate_preset\b/i, 'datePreset'],
];
