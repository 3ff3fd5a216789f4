// Raindrop.io, checked against its API reference (developer.raindrop.io): no official SDK is installed, so the
// oracle is the request each method's page documents, answered with the page's example objects.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential } from '../../testing/service-cases.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { raindrop } from './raindrop.js';

const TOKEN = 'ae261404-11r4-47c0-bce3-e18a423da828';

/** The collection of the reference's examples. */
const development = {
  _id: 8492393,
  access: { level: 4, draggable: true },
  color: '#0c797d',
  count: 16,
  cover: ['https://up.raindrop.io/collection/thumbs/849/239/3/333ce18769311113836cf93a223a14a3.png'],
  created: '2019-10-09T11:49:53.518Z',
  expanded: false,
  lastUpdate: '2019-11-27T17:51:19.085Z',
  public: false,
  sort: 8492393,
  title: 'Development',
  user: { $id: 32 },
  view: 'list',
};
const bookmark = (id: number, fields: Record<string, unknown> = {}) => ({
  _id: id,
  link: `https://example.com/${id}`,
  title: `Page ${id}`,
  excerpt: '',
  type: 'link',
  tags: [],
  important: false,
  collection: { $id: 8492393 },
  created: '2024-05-01T12:00:00.000Z',
  lastUpdate: '2024-05-01T12:00:00.000Z',
  ...fields,
});
/** 120 bookmarks in the collection, 50 to a page. */
const all = Array.from({ length: 120 }, (_, i) => bookmark(1000 + i));

function vendor(request: SeenRequest) {
  const url = new URL(request.url, 'http://x');
  const route = `${request.method} ${url.pathname}`;
  if (route === 'POST /oauth/access_token') {
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('code') !== 'code-good' || form.get('client_secret') !== 'shh')
      return { status: 400, body: { error: 'bad_authorization_code' } };
    return {
      body: {
        access_token: TOKEN,
        refresh_token: 'c8080368-fad2-4a3f-b2c9-71d3z85011vb',
        expires: 1209599768,
        expires_in: 1209599,
        token_type: 'Bearer',
      },
    };
  }
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (request.headers.authorization !== `Bearer ${TOKEN}`)
    return { status: 401, body: { result: false, error: 'unauthorized', errorMessage: 'Unauthorized' } };
  switch (route) {
    case 'GET /rest/v1/user':
      return { body: { result: true, user: { _id: 32, fullName: 'Ada Lovelace', pro: true } } };
    case 'GET /rest/v1/collections':
      return {
        body: {
          result: true,
          items: [development, { ...development, _id: 8492394, title: 'Reading' }, { ...development, _id: 8492395, title: 'Recipes' }],
        },
      };
    case 'POST /rest/v1/collection':
      return { body: { result: true, item: { ...development, ...body, _id: 8492400 } } };
    case 'POST /rest/v1/raindrop':
      return { body: { result: true, item: bookmark(2001, { ...body, pleaseParse: undefined }) } };
    case 'PUT /rest/v1/raindrop/2001':
      return { body: { result: true, item: bookmark(2001, body) } };
    case 'GET /rest/v1/raindrop/2001':
      return { body: { result: true, item: bookmark(2001) } };
    case 'GET /rest/v1/raindrop/404':
      return { status: 404, body: { result: false, error: 'not_found', errorMessage: 'Not found' } };
    case 'DELETE /rest/v1/raindrop/2001':
      return { body: { result: true } };
    case 'GET /rest/v1/raindrops/8492393': {
      const page = Number(url.searchParams.get('page') ?? 0);
      const size = Number(url.searchParams.get('perpage') ?? 25);
      return { body: { result: true, items: all.slice(page * size, page * size + size), count: all.length, collectionId: 8492393 } };
    }
  }
  return undefined;
}

const bed = serviceTestbed(raindrop, {
  name: 'Raindrop',
  answers: vendor,
  hosts: ['api.raindrop.io', 'raindrop.io'],
  credentials: [
    { id: 'token', type: 'raindropApi', data: { accessToken: TOKEN } },
    { id: 'revoked', type: 'raindropApi', data: { accessToken: 'revoked' } },
  ],
});
const { node } = bed;

describe('Raindrop, against its API reference', () => {
  it('creates a collection with the fields the reference names, its parent as { $id }, and returns the item', async () => {
    const { items, requests } = await node('collection', 'create', {
      title: 'Reading',
      view: 'grid',
      public: true,
      parentId: '8492393',
      sort: 2,
      cover: 'https://example.com/cover.png',
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/rest/v1/collection',
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: { title: 'Reading', public: true, parent: { $id: 8492393 }, sort: 2, view: 'grid', cover: ['https://example.com/cover.png'] },
      },
    ]);
    expect(items.map((i) => i.json)).toMatchObject([{ _id: 8492400, title: 'Reading', view: 'grid' }]);
  });

  it('saves a bookmark in a collection with tags given as text, asking Raindrop to parse the page', async () => {
    const { items, requests } = await node('bookmark', 'create', {
      link: 'https://docs.n8n.io',
      collectionId: 8492393,
      title: 'Documentation',
      tags: 'docs, automation',
      important: true,
      pleaseParse: true,
    });
    expect(requests).toMatchObject([
      {
        method: 'POST',
        path: '/rest/v1/raindrop',
        body: {
          link: 'https://docs.n8n.io',
          collection: { $id: 8492393 },
          title: 'Documentation',
          tags: ['docs', 'automation'],
          important: true,
          pleaseParse: {},
        },
      },
    ]);
    expect(items[0]!.json).toMatchObject({ _id: 2001, link: 'https://docs.n8n.io', title: 'Documentation' });
  });

  it('leaves the collection out of a bookmark saved without one, so Raindrop puts it in Unsorted', async () => {
    const { requests } = await node('bookmark', 'create', { link: 'https://example.com' });
    expect(requests[0]!.body).toEqual({ link: 'https://example.com' });
  });

  it('updates, reads and deletes a bookmark by its ID', async () => {
    const updated = await node('bookmark', 'update', { bookmarkId: '2001', title: 'n8n Documentation', collectionId: -1, tags: ['a'] });
    const read = await node('bookmark', 'get', { bookmarkId: 2001 });
    const removed = await node('bookmark', 'delete', { bookmarkId: 2001 });
    expect([...updated.requests, ...read.requests, ...removed.requests].map((r) => [r.method, r.path, r.body])).toEqual([
      ['PUT', '/rest/v1/raindrop/2001', { collection: { $id: -1 }, title: 'n8n Documentation', tags: ['a'] }],
      ['GET', '/rest/v1/raindrop/2001', undefined],
      ['DELETE', '/rest/v1/raindrop/2001', undefined],
    ]);
    expect(updated.items[0]!.json).toMatchObject({ _id: 2001, title: 'n8n Documentation' });
    expect(read.items[0]!.json).toEqual(bookmark(2001));
    expect(removed.items[0]!.json).toEqual({ result: true });
  });

  it("lists a collection's bookmarks over three pages of 50, from page 0, and stops at the limit", async () => {
    const every = await node('bookmark', 'getAll', { collectionId: 8492393, returnAll: true });
    expect(every.requests.map((r) => r.query)).toEqual([
      { page: '0', perpage: '50' },
      { page: '1', perpage: '50' },
      { page: '2', perpage: '50' },
    ]);
    expect(every.items.map((i) => i.json['_id'])).toEqual(all.map((b) => b._id));
    const some = await node('bookmark', 'getAll', { collectionId: '8492393', limit: 60, search: '#docs' });
    expect(some.requests.map((r) => r.query)).toEqual([
      { search: '#docs', page: '0', perpage: '50' },
      { search: '#docs', page: '1', perpage: '50' },
    ]);
    expect(some.items).toHaveLength(60);
  });

  it('lists the root collections, cut at the limit, and reads the account', async () => {
    const listed = await node('collection', 'getAll', { limit: 2 });
    const user = await node('user', 'get', {});
    expect([...listed.requests, ...user.requests].map((r) => r.path)).toEqual(['/rest/v1/collections', '/rest/v1/user']);
    expect(listed.items.map((i) => i.json['title'])).toEqual(['Development', 'Reading']);
    expect(user.items[0]!.json).toEqual({ _id: 32, fullName: 'Ada Lovelace', pro: true });
  });

  it("turns Raindrop's { result: false, errorMessage } into a node error naming the service and operation", async () => {
    const { execution } = await node('bookmark', 'get', { bookmarkId: 404 });
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toMatch(/^Node 'Raindrop': Raindrop bookmark\.get failed: HTTP 404 not_found: Not found/);
  });

  itTestsCredential(bed, 'tests a credential by reading the account: a good token passes, a revoked one fails', [
    { id: 'token', calls: [{ path: '/rest/v1/user', auth: `Bearer ${TOKEN}` }] },
    { id: 'revoked', outcome: { ok: false, status: 401 }, calls: [{ path: '/rest/v1/user', auth: 'Bearer revoked' }] },
  ]);

  itKeepsCustomCall(bed, 'signs a custom API call on the base URL with the credential', {
    parameters: { method: 'GET', path: '/collections' },
    request: { method: 'GET', path: '/rest/v1/collections', auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200 },
  });
});

describe('Raindrop OAuth2', () => {
  it('connects through the authorize page and the token exchange the reference documents, then signs requests with the token', async () => {
    const connected = await bed.startEngine({
      credentials: [{ id: 'oauth', type: 'raindropOAuth2Api', data: { clientId: 'client-1', clientSecret: 'shh' } }],
    });
    const redirect = 'https://flowloom.example/oauth2/callback';
    const { url, state } = await connected.credentials.oauth2.startAuthorization('oauth', { redirectUri: redirect });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://raindrop.io/oauth/authorize');
    expect([authorize.searchParams.get('client_id'), authorize.searchParams.get('redirect_uri')]).toEqual(['client-1', redirect]);
    await bed.take();
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    const [exchange] = await bed.take();
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/oauth/access_token',
      body: { grant_type: 'authorization_code', code: 'code-good', client_id: 'client-1', client_secret: 'shh', redirect_uri: redirect },
    });
    const { items, requests } = await node(
      'bookmark',
      'get',
      { bookmarkId: 2001 },
      { engine: connected, credentials: { raindropOAuth2Api: 'oauth' } },
    );
    expect(requests.map((r) => [r.path, r.auth])).toEqual([['/rest/v1/raindrop/2001', `Bearer ${TOKEN}`]]);
    expect(items[0]!.json).toEqual(bookmark(2001));
  });
});

describe('Raindrop node: bad input', () => {
  itRejectsBadInput(bed, 'names the node, the service and the parameter, before anything is sent', {
    name: 'Bookmarks',
    cases: [
      {
        parameters: { resource: 'bookmark', operation: 'get', bookmarkId: '{{ "abc" }}' },
        fails: "Node 'Bookmarks' (Raindrop): parameter 'bookmarkId' must be a number such as 8492393 (item 0).",
      },
      {
        parameters: { resource: 'collection', operation: 'create' },
        fails: "Node 'Bookmarks': Raindrop collection.create: parameter 'title' is required.",
      },
    ],
    unknown: { service: 'Raindrop', resources: ['bookmark', 'collection', 'user', 'custom'], operation: ['bookmark', 'create'] },
  });
});
