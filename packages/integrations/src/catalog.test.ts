// The catalog's stand-ins describe exactly the services they load: same id, names, icon and credential slots.
import { CredentialTypeRegistry, isCredentialType, isLazyCredentialType, NodeRegistry } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { allIntegrationCredentials, allIntegrations } from './index.js';
import { createNodeIntegrations } from './node.js';

describe('the integrations catalog', () => {
  it('lists every service without loading it, and each loads into the type its stand-in promised', async () => {
    const registry = new NodeRegistry(allIntegrations);
    const before = registry.describe().filter((d) => d.type.startsWith('integrations.'));
    expect(before.map((d) => d.type).sort()).toEqual(
      [
        'activecampaignTrigger',
        'acuityschedulingTrigger',
        'affinityTrigger',
        'airtable',
        'airtableChangedRecord',
        'autopilotTrigger',
        'awsSnsTrigger',
        'bitbucketTrigger',
        'boxTrigger',
        'chargebeeTrigger',
        'clickupTrigger',
        'cockpit',
        'contentful',
        'convertkitTrigger',
        'copperTrigger',
        'customerIoTrigger',
        'deepl',
        'discord',
        'dropbox',
        'eventbriteTrigger',
        'flowTrigger',
        'getresponseTrigger',
        'ghost',
        'github',
        'githubTrigger',
        'gitlabTrigger',
        'gmail',
        'gmailNewMessage',
        'googleSheetsNewRow',
        'googleanalytics',
        'googleanalyticsevents',
        'googledrive',
        'googlesheets',
        'helpscoutTrigger',
        'hubspot',
        'hubspotTrigger',
        'invoiceninjaTrigger',
        'jiraTrigger',
        'jotformTrigger',
        'keapTrigger',
        'mailchimp',
        'mailchimpNewMember',
        'mailchimpTrigger',
        'mailjetTrigger',
        'metaads',
        'netlifyTrigger',
        'notion',
        'paypal',
        'paypalTrigger',
        'pipedrive',
        'pipedriveTrigger',
        'postgres',
        'postmarkTrigger',
        'raindrop',
        's3',
        'salesforce',
        'salesforceRecordChanged',
        'sendgrid',
        'shopify',
        'shopifyTrigger',
        'slack',
        'slackTrigger',
        'storyblok',
        'stripe',
        'stripeTrigger',
        'surveymonkeyTrigger',
        'taigaTrigger',
        'teams',
        'telegram',
        'telegramTrigger',
        'thehiveTrigger',
        'trelloTrigger',
        'twilio',
        'twilioTrigger',
        'webflowTrigger',
        'woocommerce',
        'woocommerceTrigger',
        'wufooTrigger',
        'zendeskTrigger',
      ].map((id) => `integrations.${id}`),
    );
    expect(before.every((d) => d.lazy)).toBe(true);
    for (const stub of before) {
      const full = (await registry.load(stub.type))!;
      const loaded = registry.describe().find((d) => d.type === stub.type)!;
      const listed = ({ lazy, properties, ...rest }: typeof stub) => (void lazy, void properties, rest);
      expect(listed(stub)).toEqual(listed(loaded));
      expect(full.load).toBeUndefined();
      expect(Object.keys(loaded.properties['properties'] as object).length).toBeGreaterThan(0);
    }
  });

  it("lists for Node.js the catalog's types, each described alike before and after it loads (Postgres's implementation there)", async () => {
    const catalog = new NodeRegistry(allIntegrations);
    const node = new NodeRegistry(createNodeIntegrations());
    const ours = (r: NodeRegistry) => r.describe().filter((d) => d.type.startsWith('integrations.'));
    expect(ours(node)).toEqual(ours(catalog));
    const postgres = ours(node).find((d) => d.type === 'integrations.postgres');
    expect(postgres).toMatchObject({ nodeOnly: true, lazy: true, credentials: [{ name: 'postgres', type: 'postgres', required: false }] });
    await Promise.all([catalog.load('integrations.postgres'), node.load('integrations.postgres')]);
    expect(ours(node)).toEqual(ours(catalog));
    expect(node.get('integrations.postgres')).not.toBe(catalog.get('integrations.postgres'));
  });

  it('lists every credential type as a stand-in that loads into the type it names, with its name and display name', async () => {
    const registry = new CredentialTypeRegistry(allIntegrationCredentials);
    for (const stub of allIntegrationCredentials) {
      expect(isLazyCredentialType(stub)).toBe(true);
      expect(() => registry.get(stub.name)).toThrow(`Credential type '${stub.name}' has not been loaded yet`);
      const full = await registry.load(stub.name);
      expect(isCredentialType(full)).toBe(true);
      expect([full.name, full.displayName]).toEqual([stub.name, stub.displayName]);
      expect(registry.get(stub.name)).toBe(full);
    }
  });

  it('registers a credential type for every credential slot', () => {
    const names = new Set(allIntegrationCredentials.map((t) => t.name));
    const slots = allIntegrations.flatMap((t) => (t.credentials ?? []).map((c) => c.type));
    expect(slots.filter((s) => !names.has(s))).toEqual([]);
  });
});
