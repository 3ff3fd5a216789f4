// The catalog's stand-ins describe exactly the services they load: same id, names, icon and credential slots.
import { NodeRegistry } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { allIntegrationCredentials, allIntegrations } from './index.js';

describe('the integrations catalog', () => {
  it('lists every service without loading it, and each loads into the type its stand-in promised', async () => {
    const registry = new NodeRegistry(allIntegrations);
    const before = registry.describe().filter((d) => d.type.startsWith('integrations.'));
    expect(before.map((d) => d.type).sort()).toEqual(
      [
        'discord',
        'mailchimp',
        'mailchimpNewMember',
        'mailchimpTrigger',
        'sendgrid',
        'slack',
        'slackTrigger',
        'teams',
        'twilio',
        'twilioTrigger',
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

  it('registers a credential type for every credential slot', () => {
    const names = new Set(allIntegrationCredentials.map((t) => t.name));
    const slots = allIntegrations.flatMap((t) => (t.credentials ?? []).map((c) => c.type));
    expect(slots.filter((s) => !names.has(s))).toEqual([]);
  });
});
