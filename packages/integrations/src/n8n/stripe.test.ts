// n8n's Stripe node imported with the integrations' mappings: real corpus nodes become Flowloom Stripe nodes, and an
// imported customer creation sends Stripe the call Stripe's own SDK (stripe-node) makes for what the n8n node's
// parameters mean in Stripe's API reference (Create a customer, its address as address[...] form fields).
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripe } from '../services/stripe/stripe.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import { withoutBodilessContentType } from '../testing/recording-vendor.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';

const KEY = 'sk_test_n8nImport';

const bed = serviceTestbed(stripe, {
  name: 'Stripe',
  answers: (request) => (request.method === 'POST' ? { body: { id: 'cus_NffrFeUfNV2Hib', object: 'customer' } } : undefined),
  hosts: ['api.stripe.com'],
  credentials: [{ id: 'key', type: 'stripeApi', data: { secretKey: KEY } }],
  read: withoutBodilessContentType,
});
let sdk: Stripe;
beforeAll(() => {
  const { hostname, port } = new URL(bed.server.url);
  sdk = new Stripe(KEY, { host: hostname, port: Number(port), protocol: 'http', telemetry: false, maxNetworkRetries: 0 });
});

const organisation = {
  Name: 'Acme Ltd',
  'Street/road name': 'Rue de Rivoli',
  'House number': '12',
  'City/town/village/locality': 'Paris',
  'State/county': 'Ile-de-France',
  Country: 'FR',
  'ZIP/Postal code': '75001',
};

describe("n8n's Stripe node, imported", () => {
  it("makes a corpus customer creation a Flowloom one, n8n's address form as Stripe's address", () => {
    const { node, report } = importAfterTrigger(fixtureNode('0245_HTTP_Stripe_Create_Webhook.json', 'Create customer'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.stripe',
      parameters: {
        resource: 'customer',
        operation: 'create',
        name: '{{ $string($json.Name) }}',
        additionalFields: {
          address: {
            city: '{{ $string($json["City/town/village/locality"]) }}',
            country: '{{ $string($json.Country) }}',
            state: '{{ $string($json["State/county"]) }}',
            postal_code: '{{ $string($json["ZIP/Postal code"]) }}',
          },
        },
      },
      credentials: { stripeApi: '3' },
    });
  });

  it("makes a customer read with no operation written (n8n's default) a Flowloom customer get", () => {
    const { node } = importAfterTrigger(fixtureNode('0707_HTTP_Stripe_Create_Webhook.json', 'Get Stripe Customer'));
    expect(node?.parameters).toEqual({ resource: 'customer', operation: 'get', id: '{{ $string($json.data.object.customer) }}' });
  });

  it('creates the corpus customer as the SDK does for the same address', async () => {
    await sdk.customers.create({
      name: organisation.Name,
      address: {
        city: organisation['City/town/village/locality'],
        line1: `${organisation['Street/road name']} ${organisation['House number']}`,
        state: organisation['State/county'],
        country: organisation.Country,
        postal_code: organisation['ZIP/Postal code'],
      },
    });
    const expected = await bed.take();
    const corpus = fixtureNode('0245_HTTP_Stripe_Create_Webhook.json', 'Create customer');
    const fields = corpus.parameters['additionalFields'] as { address: { details: Record<string, string> } };
    const { workflow } = importAfterTrigger({
      ...corpus,
      parameters: {
        ...corpus.parameters,
        // line1 as one plain reference, which becomes JSONata: this engine runs no JavaScript (it has no code
        // sandbox), and the space between the corpus's two expressions would make it JavaScript.
        additionalFields: { address: { details: { ...fields.address.details, line1: '={{ $json.line1 }}' } } },
      },
      credentials: { stripeApi: { id: 'key', name: 'Stripe' } },
    });
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'key', type: 'stripeApi', data: { secretKey: KEY } }],
      input: [{ json: { ...organisation, line1: `${organisation['Street/road name']} ${organisation['House number']}` } }],
      compare: 'service',
    });
    expect(requests).toEqual(expected);
  });
});
