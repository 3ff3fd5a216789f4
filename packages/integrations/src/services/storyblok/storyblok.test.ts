// Storyblok, checked against its Management API reference (storyblok.com/docs/api/management): no official SDK is
// installed, so the oracle is the request the reference documents, answered with its example objects.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential } from '../../testing/service-cases.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { storyblok } from './storyblok.js';

const TOKEN = 'wANpEQEsMYGOwLxwXQ76Ggtt-402-ksdJf8aA0sjdfn';

const story = (id: number, fields: Record<string, unknown> = {}) => ({
  name: `Release ${id}`,
  id,
  uuid: `c39d7a02-9a6e-4f70-a4b3-${String(id).padStart(12, '0')}`,
  slug: `release-${id}`,
  full_slug: `release/release-${id}`,
  published: false,
  unpublished_changes: true,
  created_at: '2024-05-01T10:00:00.000Z',
  updated_at: '2024-05-02T10:00:00.000Z',
  ...fields,
});
/** 230 stories, 100 to a page. */
const stories = Array.from({ length: 230 }, (_, i) => story(369689 + i));

function vendor(request: SeenRequest) {
  const url = new URL(request.url, 'http://x');
  if (request.headers.authorization !== TOKEN) return { status: 401, body: 'Unauthorized' };
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /v1/spaces/':
      return { body: { spaces: [{ id: 96940, name: 'Acme' }] } };
    case 'GET /v1/spaces/96940/stories': {
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('per_page') ?? 25);
      return {
        headers: { total: String(stories.length), 'per-page': String(size) },
        body: { stories: stories.slice((page - 1) * size, page * size) },
      };
    }
    case 'GET /v1/spaces/96940/stories/369689':
      return { body: { story: story(369689, { content: { component: 'page', body: [] } }) } };
    case 'GET /v1/spaces/96940/stories/369689/publish':
      return { body: { story: story(369689, { published: true, unpublished_changes: false }) } };
    case 'GET /v1/spaces/96940/stories/369689/unpublish':
      return { body: { story: story(369689, { published: false }) } };
    case 'DELETE /v1/spaces/96940/stories/369689':
      return { body: { story: story(369689) } };
    case 'GET /v1/spaces/96940/stories/1':
      return { status: 404, body: { error: 'This record could not be found' } };
  }
  return undefined;
}

const bed = serviceTestbed(storyblok, {
  name: 'Storyblok',
  answers: vendor,
  hosts: ['mapi.storyblok.com', 'api-us.storyblok.com'],
  credentials: [
    { id: 'token', type: 'storyblokManagementApi', data: { accessToken: TOKEN } },
    { id: 'us', type: 'storyblokManagementApi', data: { accessToken: TOKEN, region: 'us' } },
    { id: 'revoked', type: 'storyblokManagementApi', data: { accessToken: 'revoked' } },
  ],
});
const { node } = bed;

describe('Storyblok, against its Management API reference', () => {
  it('lists the stories whose slug starts with a text, over three pages of 100, with the token as the Authorization header', async () => {
    const { items, requests } = await node('story', 'getAll', { space: 96940, startsWith: 'release', returnAll: true });
    expect(requests.map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/v1/spaces/96940/stories', { starts_with: 'release', page: '1', per_page: '100' }, TOKEN],
      ['/v1/spaces/96940/stories', { starts_with: 'release', page: '2', per_page: '100' }, TOKEN],
      ['/v1/spaces/96940/stories', { starts_with: 'release', page: '3', per_page: '100' }, TOKEN],
    ]);
    expect(items.map((i) => i.json['id'])).toEqual(stories.map((s) => s.id));
    const some = await node('story', 'getAll', { space: '96940', limit: 50, search: 'launch' });
    expect(some.requests.map((r) => r.query)).toEqual([{ text_search: 'launch', page: '1', per_page: '100' }]);
    expect(some.items).toHaveLength(50);
  });

  it('publishes a story (GET …/publish, with a language), reads, unpublishes and deletes it', async () => {
    const published = await node('story', 'publish', { space: 96940, storyId: 369689, language: 'de' });
    const read = await node('story', 'get', { space: 96940, storyId: '369689' });
    const unpublished = await node('story', 'unpublish', { space: 96940, storyId: 369689 });
    const removed = await node('story', 'delete', { space: 96940, storyId: 369689 });
    expect(
      [...published.requests, ...read.requests, ...unpublished.requests, ...removed.requests].map((r) => [r.method, r.path, r.query]),
    ).toEqual([
      ['GET', '/v1/spaces/96940/stories/369689/publish', { lang: 'de' }],
      ['GET', '/v1/spaces/96940/stories/369689', {}],
      ['GET', '/v1/spaces/96940/stories/369689/unpublish', {}],
      ['DELETE', '/v1/spaces/96940/stories/369689', {}],
    ]);
    expect(published.items[0]!.json).toMatchObject({ id: 369689, published: true });
    expect(read.items[0]!.json).toMatchObject({ content: { component: 'page' } });
  });

  it('sends the requests of a space kept in the US region to its host', async () => {
    const { requests, items } = await node(
      'story',
      'get',
      { space: 96940, storyId: 369689 },
      { credentials: { storyblokManagementApi: 'us' } },
    );
    expect(requests).toHaveLength(1);
    expect(items[0]!.json).toMatchObject({ id: 369689 });
  });

  it("turns Storyblok's { error } into a node error", async () => {
    const { execution } = await node('story', 'get', { space: 96940, storyId: 1 });
    expect(execution.error?.message).toBe("Node 'Storyblok': Storyblok story.get failed: HTTP 404: This record could not be found");
  });

  itTestsCredential(bed, 'tests a credential by listing the spaces: a good token passes, a revoked one fails', [
    { id: 'token', calls: [{ path: '/v1/spaces/', auth: TOKEN }] },
    { id: 'revoked', outcome: { ok: false, status: 401 } },
  ]);
});

describe('Storyblok node: bad input', () => {
  itRejectsBadInput(bed, 'names the node, the service and the parameter, before anything is sent', {
    name: 'Stories',
    cases: [
      {
        parameters: { resource: 'story', operation: 'publish', space: 96940 },
        fails: "Node 'Stories': Storyblok story.publish: parameter 'storyId' is required.",
      },
    ],
    unknown: { service: 'Storyblok', resources: ['story', 'custom'], operation: ['story', 'getAll'] },
  });
});
