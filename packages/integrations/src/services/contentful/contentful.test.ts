// Contentful, checked against its Content Delivery API reference: no official SDK is installed, so the oracle is the
// request the reference documents (GET /spaces/{space_id}/environments/{environment_id}/entries, a bearer token),
// answered with its example entries.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential } from '../../testing/service-cases.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { contentful } from './contentful.js';

const DELIVERY = 'b4c0n73n7fu1';
const PREVIEW = 'pr3v13w-t0k3n';

const entry = (n: number) => ({
  metadata: { tags: [] },
  sys: {
    space: { sys: { type: 'Link', linkType: 'Space', id: 'cfexampleapi' } },
    id: `nyancat${n}`,
    type: 'Entry',
    locale: 'en-US',
    revision: 5,
  },
  fields: { name: `Nyan Cat ${n}`, likes: ['rainbows', 'fish'], lives: 1337 },
});
/** 1,500 entries: two pages of the API's 1,000 at most. */
const entries = Array.from({ length: 1500 }, (_, i) => entry(i));

function vendor(request: SeenRequest) {
  const url = new URL(request.url, 'http://x');
  const auth = request.headers.authorization;
  if (auth !== `Bearer ${DELIVERY}` && auth !== `Bearer ${PREVIEW}`) {
    return {
      status: 401,
      body: { sys: { type: 'Error', id: 'AccessTokenInvalid' }, message: 'The access token you sent could not be found or is invalid.' },
    };
  }
  switch (url.pathname) {
    case '/spaces/cfexampleapi/environments/master/content_types':
      return { body: { sys: { type: 'Array' }, total: 1, skip: 0, limit: 1, items: [] } };
    case '/spaces/cfexampleapi/environments/master/entries':
    case '/spaces/cfexampleapi/environments/staging/entries': {
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return { body: { sys: { type: 'Array' }, total: entries.length, skip, limit, items: entries.slice(skip, skip + limit) } };
    }
    case '/spaces/cfexampleapi/environments/master/entries/nyancat1':
      return { body: entry(1) };
    case '/spaces/cfexampleapi/environments/master/entries/missing':
      return { status: 404, body: { sys: { type: 'Error', id: 'NotFound' }, message: 'The resource could not be found.' } };
  }
  return undefined;
}

const bed = serviceTestbed(contentful, {
  name: 'Contentful',
  answers: vendor,
  hosts: ['cdn.contentful.com', 'preview.contentful.com'],
  credentials: [
    { id: 'keys', type: 'contentfulApi', data: { spaceId: 'cfexampleapi', deliveryToken: DELIVERY, previewToken: PREVIEW } },
    { id: 'revoked', type: 'contentfulApi', data: { spaceId: 'cfexampleapi', deliveryToken: 'revoked' } },
  ],
});
const { node } = bed;

describe('Contentful, against its Content Delivery API reference', () => {
  it("lists every entry of the space's environment over two pages of 1,000, each item the entry's fields", async () => {
    const { items, requests } = await node('entry', 'getAll', { returnAll: true });
    expect(requests.map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/spaces/cfexampleapi/environments/master/entries', { limit: '1000' }, `Bearer ${DELIVERY}`],
      ['/spaces/cfexampleapi/environments/master/entries', { skip: '1000', limit: '1000' }, `Bearer ${DELIVERY}`],
    ]);
    expect(items).toHaveLength(1500);
    expect(items[1]!.json).toEqual(entry(1).fields);
  });

  it('searches with the parameters given, through the Preview API, whole entries up to the limit', async () => {
    const { items, requests } = await node('entry', 'getAll', {
      source: 'preview',
      environmentId: 'staging',
      contentType: 'cat',
      search: 'nyan',
      order: '-sys.createdAt',
      filters: { 'fields.likes[in]': 'rainbows,fish' },
      rawData: true,
      limit: 3,
    });
    expect(requests.map((r) => [r.path, r.query, r.auth])).toEqual([
      [
        '/spaces/cfexampleapi/environments/staging/entries',
        { 'fields.likes[in]': 'rainbows,fish', content_type: 'cat', query: 'nyan', order: '-sys.createdAt', limit: '3' },
        `Bearer ${PREVIEW}`,
      ],
    ]);
    expect(items.map((i) => i.json)).toEqual(entries.slice(0, 3));
  });

  it("reads one entry's fields, and turns Contentful's errors into a node error", async () => {
    const read = await node('entry', 'get', { entryId: 'nyancat1' });
    expect(read.requests.map((r) => r.path)).toEqual(['/spaces/cfexampleapi/environments/master/entries/nyancat1']);
    expect(read.items[0]!.json).toEqual(entry(1).fields);
    const missing = await node('entry', 'get', { entryId: 'missing' });
    expect(missing.execution.error?.message).toBe(
      "Node 'Contentful': Contentful entry.get failed: HTTP 404 NotFound: The resource could not be found.",
    );
  });

  itTestsCredential(bed, 'tests a credential by listing a content type: a good token passes, a revoked one fails', [
    { id: 'keys', calls: [{ path: '/spaces/cfexampleapi/environments/master/content_types', auth: `Bearer ${DELIVERY}` }] },
    { id: 'revoked', outcome: { ok: false, status: 401 } },
  ]);
});

describe('Contentful node: bad input', () => {
  itRejectsBadInput(bed, 'names the node, the service and the parameter, before anything is sent', {
    name: 'Entries',
    cases: [
      {
        parameters: { resource: 'entry', operation: 'get' },
        fails: "Node 'Entries': Contentful entry.get: parameter 'entryId' is required.",
      },
      {
        parameters: { resource: 'entry', operation: 'get', entryId: 'x', source: 'preview' },
        credentials: { contentfulApi: 'revoked' },
        fails: /Content Preview API access token/,
      },
    ],
  });
});
