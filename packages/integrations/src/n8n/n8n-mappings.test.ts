// Every real n8n service node of the fixtures, imported with the integrations' mappings: each becomes a Flowloom node of
// its service, or a placeholder that names the parameter (or version) at fault.
import { describe, expect, it } from 'vitest';
import { loadN8nMappings } from '../index.js';
import { importAfterTrigger, serviceFixtures } from '../testing/n8n-import.js';
import { n8nMappings, n8nNodeTypes } from './index.js';

const FLOWLOOM_TYPE: Record<string, string> = {
  'n8n-nodes-base.slack': 'integrations.slack',
  'n8n-nodes-base.airtable': 'integrations.airtable',
  'n8n-nodes-base.googleSheets': 'integrations.googlesheets',
  'n8n-nodes-base.telegram': 'integrations.telegram',
  'n8n-nodes-base.telegramTrigger': 'integrations.telegramTrigger',
  'n8n-nodes-base.githubTrigger': 'integrations.githubTrigger',
  'n8n-nodes-base.wooCommerceTrigger': 'integrations.woocommerceTrigger',
  'n8n-nodes-base.payPal': 'integrations.paypal',
  'n8n-nodes-base.payPalTrigger': 'integrations.paypalTrigger',
  'n8n-nodes-base.mailchimpTrigger': 'integrations.mailchimpTrigger',
  'n8n-nodes-base.awsS3': 'integrations.s3',
  'n8n-nodes-base.s3': 'integrations.s3',
  'n8n-nodes-base.discord': 'integrations.discord',
  'n8n-nodes-base.stripe': 'integrations.stripe',
  'n8n-nodes-base.pipedrive': 'integrations.pipedrive',
  'n8n-nodes-base.pipedriveTrigger': 'integrations.pipedriveTrigger',
  'n8n-nodes-base.gmailTrigger': 'integrations.gmailNewMessage',
  'n8n-nodes-base.googleSheetsTrigger': 'integrations.googleSheetsNewRow',
  'n8n-nodes-base.postgres': 'integrations.postgres',
};

describe("the integrations' n8n mappings", () => {
  it('are what the catalog loads on demand, each making a node type they list', async () => {
    expect(await loadN8nMappings()).toBe(n8nMappings);
    const made = new Set(n8nNodeTypes.map((t) => t.type));
    for (const type of Object.values(FLOWLOOM_TYPE)) expect(made.has(type), type).toBe(true);
  });

  it.each(serviceFixtures.map((f) => [`${f.node.type} ${f.node.typeVersion} '${f.node.name}' (${f.source})`, f.node] as const))(
    'map %s or name why not',
    (_, node) => {
      const { node: imported, report } = importAfterTrigger(structuredClone(node));
      const placeholder = report.placeholders[0];
      if (placeholder) {
        expect(placeholder.cause === 'version' ? placeholder.parameter : placeholder.cause).toMatch(/^(typeVersion|parameters)$/);
        expect(placeholder.parameter, placeholder.reason).toBeTruthy();
      } else {
        expect(imported?.type).toBe(FLOWLOOM_TYPE[node.type]);
        // A webhook trigger's n8n credential (the API access n8n registers the webhook with) has no slot to go to.
        const carried =
          Object.keys(node.credentials ?? {}).length > 0 &&
          !/^n8n-nodes-base\.(github|wooCommerce|payPal|mailchimp|pipedrive)Trigger$/.test(node.type);
        if (carried) expect(Object.keys(imported?.credentials ?? {})).toHaveLength(1);
      }
    },
  );
});
