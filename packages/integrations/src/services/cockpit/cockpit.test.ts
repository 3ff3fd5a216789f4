// Cockpit, checked against its collections API reference (v1.getcockpit.com/documentation/api/collections): no
// official SDK is installed, so the oracle is the request the reference documents, answered with its example answers.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential } from '../../testing/service-cases.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { cockpit } from './cockpit.js';

const TOKEN = 'account-0123456789abcdef0123456789';

const entry = (n: number) => ({
  title: `Post ${n}`,
  published: n % 2 === 0,
  _mby: 'admin',
  _by: 'admin',
  _modified: 1590000000 + n,
  _created: 1590000000,
  _id: `5ec3f3a7${n}`,
});
const entries = Array.from({ length: 5 }, (_, i) => entry(i));

function vendor(request: SeenRequest) {
  const url = new URL(request.url, 'http://x');
  if (request.headers['cockpit-token'] !== TOKEN) return { status: 401, body: { error: 'Unauthorized' } };
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /cms/api/collections/listCollections':
      return { body: ['posts', 'authors'] };
    case 'POST /cms/api/collections/get/posts': {
      const limit = typeof body['limit'] === 'number' ? body['limit'] : entries.length;
      return { body: { fields: { title: { name: 'title', type: 'text' } }, entries: entries.slice(0, limit), total: entries.length } };
    }
    case 'POST /cms/api/collections/save/posts':
      return { body: { ...(body['data'] as object), _id: (body['data'] as { _id?: string })._id ?? '5ec3f3a7new', _created: 1590000100 } };
    case 'POST /cms/api/collections/get/nothing':
      return { status: 404, body: { error: 'Collection not found' } };
  }
  return undefined;
}

const bed = serviceTestbed(cockpit, {
  name: 'Cockpit',
  answers: vendor,
  hosts: ['cms.example.com'],
  authHeaders: ['cockpit-token'],
  credentials: [
    { id: 'token', type: 'cockpitApi', data: { url: 'https://cms.example.com/cms/', accessToken: TOKEN } },
    { id: 'revoked', type: 'cockpitApi', data: { url: 'https://cms.example.com/cms', accessToken: 'revoked' } },
  ],
});
const { node } = bed;

describe('Cockpit, against its collections API reference', () => {
  it("lists a collection's entries with a filter, sort and fields, up to the limit, each entry an item", async () => {
    const { items, requests } = await node('collection', 'getAll', {
      collection: 'posts',
      filter: '{"published": true}',
      sort: { _created: -1 },
      fields: 'title, published',
      populate: true,
      limit: 2,
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/cms/api/collections/get/posts',
        query: {},
        auth: `cockpit-token: ${TOKEN}`,
        contentType: 'application/json',
        body: { filter: { published: true }, sort: { _created: -1 }, fields: { title: 1, published: 1 }, populate: 1, limit: 2 },
      },
    ]);
    expect(items.map((i) => i.json)).toEqual(entries.slice(0, 2));
  });

  it('asks for every entry by sending no limit, and gives the whole answer when asked', async () => {
    const { items, requests } = await node('collection', 'getAll', { collection: 'posts', returnAll: true, rawData: true });
    expect(requests[0]!.body).toEqual({});
    expect(items).toHaveLength(1);
    expect(items[0]!.json).toMatchObject({ total: 5, entries });
  });

  it('creates an entry, and updates one by saving it with its _id', async () => {
    const created = await node('collection', 'create', { collection: 'posts', data: { title: 'Hello', published: false } });
    const updated = await node('collection', 'update', { collection: 'posts', id: '5ec3f3a71', data: { title: 'Hello again' } });
    expect([...created.requests, ...updated.requests].map((r) => [r.path, r.body])).toEqual([
      ['/cms/api/collections/save/posts', { data: { title: 'Hello', published: false } }],
      ['/cms/api/collections/save/posts', { data: { title: 'Hello again', _id: '5ec3f3a71' } }],
    ]);
    expect(created.items[0]!.json).toMatchObject({ title: 'Hello', _id: '5ec3f3a7new' });
    expect(updated.items[0]!.json).toMatchObject({ title: 'Hello again', _id: '5ec3f3a71' });
  });

  it("offers the site's collections as choices, and turns Cockpit's { error } into a node error", async () => {
    expect(await bed.choices('collections', { resource: 'collection', operation: 'getAll' })).toEqual([
      { value: 'posts', label: 'posts' },
      { value: 'authors', label: 'authors' },
    ]);
    const { execution } = await node('collection', 'getAll', { collection: 'nothing' });
    expect(execution.error?.message).toBe("Node 'Cockpit': Cockpit collection.getAll failed: HTTP 404: Collection not found");
  });

  itTestsCredential(bed, 'tests a credential by listing the collections: a good token passes, a revoked one fails', [
    { id: 'token', calls: [{ path: '/cms/api/collections/listCollections', auth: `cockpit-token: ${TOKEN}` }] },
    { id: 'revoked', outcome: { ok: false, status: 401 } },
  ]);
});

describe('Cockpit node: bad input', () => {
  itRejectsBadInput(bed, 'names the node, the service and the parameter, before anything is sent', {
    name: 'CMS',
    cases: [
      {
        parameters: { resource: 'collection', operation: 'getAll' },
        fails: "Node 'CMS': Cockpit collection.getAll: parameter 'collection' is required.",
      },
      {
        parameters: { resource: 'collection', operation: 'update', collection: 'posts', data: {} },
        fails: "Node 'CMS': Cockpit collection.update: parameter 'id' is required.",
      },
    ],
  });
});
