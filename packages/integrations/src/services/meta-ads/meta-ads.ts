import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, Service } from '../../kit/service-types.js';
import { metaAdsAccessToken } from './meta-ads-credentials.js';
import { metaAdsNode } from './meta-ads-fetch.js';
import { metaAdsInfo } from './meta-ads-info.js';
import {
  accountEdge,
  adAccountId,
  adId,
  additionalFields,
  adSetId,
  apiVersion,
  bidStrategy,
  budget,
  campaignId,
  effectiveStatus,
  fields,
  graphPath,
  jsonBody,
  listRequest,
  metaError,
  name,
  newStatus,
  pages,
  status,
} from './meta-ads-requests.js';

export { metaAdsAccessToken };

type Params = Record<string, unknown>;

/** The fields a get or a list returns unless others are named. */
const DEFAULT_FIELDS = {
  campaign: ['id', 'name', 'objective', 'status', 'effective_status', 'daily_budget', 'lifetime_budget', 'created_time'],
  adSet: [
    'id',
    'name',
    'campaign_id',
    'status',
    'effective_status',
    'daily_budget',
    'lifetime_budget',
    'billing_event',
    'optimization_goal',
  ],
  ad: ['id', 'name', 'adset_id', 'campaign_id', 'status', 'effective_status', 'creative'],
} as const;
const DEFAULT_INSIGHTS = ['impressions', 'reach', 'clicks', 'spend', 'ctr', 'cpc', 'cpm'];

/** The operations every level has: change the status, get one, list the account's. */
function levelOperations(level: keyof typeof DEFAULT_FIELDS, idParam: string, edge: string): Record<string, OperationDefinition> {
  const id = { campaign: campaignId, adSet: adSetId, ad: adId }[level];
  return {
    updateStatus: {
      displayName: 'Update status',
      description: 'Activate, pause, archive or delete it.',
      params: z.object({ apiVersion, [idParam]: id, newStatus }),
      request: (p: Params): RequestSpec => ({
        method: 'POST',
        path: graphPath(p, String(p[idParam])),
        body: { status: param('newStatus') },
      }),
    },
    get: {
      displayName: 'Get',
      params: z.object({ apiVersion, [idParam]: id, fields }),
      request: (p: Params): RequestSpec => ({
        method: 'GET',
        path: graphPath(p, String(p[idParam])),
        query: { fields: ((p['fields'] as string[] | undefined) ?? DEFAULT_FIELDS[level]).join(',') },
      }),
    },
    list: {
      displayName: 'List',
      description: 'The ad account\u2019s, every page of them.',
      params: z.object({ apiVersion, adAccountId, fields, effectiveStatus }),
      request: listRequest(edge, DEFAULT_FIELDS[level]),
      paginate: pages,
      response: { items: 'data' },
    },
  };
}

const datePresets = [
  'today',
  'yesterday',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'maximum',
  'data_maximum',
  'last_3d',
  'last_7d',
  'last_14d',
  'last_28d',
  'last_30d',
  'last_90d',
  'last_week_mon_sun',
  'last_week_sun_sat',
  'this_week_mon_today',
  'this_week_sun_today',
] as const;

const service = defineService({
  ...metaAdsInfo,
  baseUrl: 'https://graph.facebook.com',
  credentials: [metaAdsAccessToken],
  error: metaError,
  resources: {
    campaign: {
      displayName: 'Campaign',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            apiVersion,
            adAccountId,
            name,
            objective: z
              .enum([
                'OUTCOME_AWARENESS',
                'OUTCOME_TRAFFIC',
                'OUTCOME_ENGAGEMENT',
                'OUTCOME_LEADS',
                'OUTCOME_APP_PROMOTION',
                'OUTCOME_SALES',
              ])
              .meta({ label: 'Objective' }),
            status,
            specialAdCategories: z
              .array(
                z.enum([
                  'NONE',
                  'EMPLOYMENT',
                  'HOUSING',
                  'CREDIT',
                  'ISSUES_ELECTIONS_POLITICS',
                  'ONLINE_GAMBLING_AND_GAMING',
                  'FINANCIAL_PRODUCTS_SERVICES',
                ]),
              )
              .default([])
              .meta({ label: 'Special ad categories', description: 'Required by Meta; empty when none applies.' }),
            dailyBudget: budget('Daily budget').optional(),
            lifetimeBudget: budget('Lifetime budget').optional(),
            bidStrategy: bidStrategy.optional(),
            additionalFields: additionalFields.optional(),
          }),
          request: (p) => ({
            method: 'POST',
            path: accountEdge('campaigns')(p),
            body: jsonBody(p, {
              name: param('name'),
              objective: param('objective'),
              status: param('status'),
              special_ad_categories: param('specialAdCategories'),
              daily_budget: param('dailyBudget'),
              lifetime_budget: param('lifetimeBudget'),
              bid_strategy: param('bidStrategy'),
            }),
          }),
        },
        ...levelOperations('campaign', 'campaignId', 'campaigns'),
      },
    },
    adSet: {
      displayName: 'Ad set',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            apiVersion,
            adAccountId,
            name,
            campaignId,
            status,
            billingEvent: z
              .enum(['IMPRESSIONS', 'LINK_CLICKS', 'THRUPLAY', 'PAGE_LIKES', 'POST_ENGAGEMENT', 'APP_INSTALLS', 'LISTING_INTERACTION'])
              .meta({ label: 'Billing event' }),
            optimizationGoal: z
              .string()
              .regex(/^[A-Z_]+$/, 'must be one of Meta\u2019s optimization goals, such as LINK_CLICKS or REACH')
              .meta({ label: 'Optimization goal', placeholder: 'LINK_CLICKS' }),
            targeting: z
              .record(z.string(), z.unknown())
              .meta({ label: 'Targeting', editor: 'json', placeholder: '{"geo_locations": {"countries": ["US"]}, "age_min": 18}' }),
            dailyBudget: budget('Daily budget').optional(),
            lifetimeBudget: budget('Lifetime budget').optional(),
            bidStrategy: bidStrategy.optional(),
            bidAmount: z.number().int().min(1).optional().meta({ label: 'Bid amount', description: 'Smallest currency unit.' }),
            startTime: z.string().optional().meta({ label: 'Start time', placeholder: '2026-07-01T00:00:00+0000' }),
            endTime: z.string().optional().meta({ label: 'End time', description: 'Required with a lifetime budget.' }),
            promotedObject: z
              .record(z.string(), z.unknown())
              .optional()
              .meta({ label: 'Promoted object', editor: 'json', placeholder: '{"page_id": "1234"}' }),
            additionalFields: additionalFields.optional(),
          }),
          request: (p) => ({
            method: 'POST',
            path: accountEdge('adsets')(p),
            body: jsonBody(p, {
              name: param('name'),
              campaign_id: param('campaignId'),
              status: param('status'),
              billing_event: param('billingEvent'),
              optimization_goal: param('optimizationGoal'),
              targeting: param('targeting'),
              daily_budget: param('dailyBudget'),
              lifetime_budget: param('lifetimeBudget'),
              bid_strategy: param('bidStrategy'),
              bid_amount: param('bidAmount'),
              start_time: param('startTime'),
              end_time: param('endTime'),
              promoted_object: param('promotedObject'),
            }),
          }),
        },
        ...levelOperations('adSet', 'adSetId', 'adsets'),
      },
    },
    ad: {
      displayName: 'Ad',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            apiVersion,
            adAccountId,
            name,
            adSetId,
            creativeId: z.string().trim().regex(/^\d+$/, 'must be the ad creative\u2019s numeric ID').meta({ label: 'Creative ID' }),
            status,
            additionalFields: additionalFields.optional(),
          }),
          request: (p) => ({
            method: 'POST',
            path: accountEdge('ads')(p),
            body: jsonBody(p, {
              name: param('name'),
              adset_id: param('adSetId'),
              creative: param('creativeId', (id) => ({ creative_id: id })),
              status: param('status'),
            }),
          }),
        },
        ...levelOperations('ad', 'adId', 'ads'),
      },
    },
    insights: {
      displayName: 'Insights',
      operations: {
        get: {
          displayName: 'Get',
          description: 'Performance of an ad account, campaign, ad set or ad, broken down as you choose.',
          params: z
            .object({
              apiVersion,
              objectId: z
                .string()
                .trim()
                .regex(/^(act_)?\d+$/, 'must be an ad account ID (act_...) or a campaign, ad set or ad ID')
                .meta({ label: 'Object ID', placeholder: 'act_1234567890 or a campaign ID' }),
              insightFields: fields.meta({ ...fields.meta(), description: `Default: ${DEFAULT_INSIGHTS.join(', ')}.` }),
              level: z
                .enum(['account', 'campaign', 'adset', 'ad'])
                .optional()
                .meta({ label: 'Level', description: 'One row per object of this level.' }),
              breakdowns: z
                .array(z.string().min(1))
                .optional()
                .meta({ label: 'Breakdowns', description: 'Such as age, gender, country, publisher_platform, device_platform.' }),
              actionBreakdowns: z.array(z.string().min(1)).optional().meta({ label: 'Action breakdowns', placeholder: 'action_type' }),
              datePreset: z.enum(datePresets).optional().meta({ label: 'Date preset' }),
              timeRange: z
                .object({ since: z.iso.date(), until: z.iso.date() })
                .optional()
                .meta({ label: 'Time range', editor: 'json', placeholder: '{"since": "2026-05-01", "until": "2026-05-31"}' }),
              timeIncrement: z
                .union([z.number().int().min(1).max(90), z.enum(['monthly', 'all_days'])])
                .optional()
                .meta({ label: 'Time increment', description: 'Days per row, "monthly" or "all_days".' }),
              filtering: z
                .array(z.record(z.string(), z.unknown()))
                .optional()
                .meta({ label: 'Filtering', editor: 'json', placeholder: '[{"field": "spend", "operator": "GREATER_THAN", "value": 0}]' }),
            })
            .refine((p) => p.datePreset === undefined || p.timeRange === undefined, {
              path: ['timeRange'],
              message: "and 'datePreset' cannot both be given",
            }),
          request: (p) => ({
            method: 'GET',
            path: graphPath(p, String(p['objectId']), 'insights'),
            query: {
              fields: ((p['insightFields'] as string[] | undefined) ?? DEFAULT_INSIGHTS).join(','),
              level: param('level'),
              breakdowns: param('breakdowns', (v) => JSON.stringify(v)),
              action_breakdowns: param('actionBreakdowns', (v) => JSON.stringify(v)),
              date_preset: param('datePreset'),
              time_range: param('timeRange'),
              time_increment: param('timeIncrement'),
              filtering: param('filtering', (v) => JSON.stringify(v)),
            },
          }),
          paginate: pages,
          response: { items: 'data' },
        },
      },
    },
  },
});

/**
 * Meta Ads: campaigns, ad sets, ads and insights through the Marketing API
 * (the Graph API), at the version each node names.
 */
export const metaAds: Service = { definition: service.definition, node: metaAdsNode(service) };
